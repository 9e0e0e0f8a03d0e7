// The kernel with the example plugin on a real PostgreSQL, seeded with 10,000 notes in one tenant.
import { createTestKernel } from '@platform/sdk/testing';
import example from '@platform/plugin-example';
import { answerBenchControl } from './server-control.ts';

const t = await createTestKernel({ plugins: [example], config: { logLevel: 'warn', listCache: process.env.LIST_CACHE !== 'off' } });
const member = await t.signIn({ role: 'tenant_member', tenant: 'bench' });
await t.sql(
  `INSERT INTO example_notes (id, tenant_id, title, body, done, created_at, updated_at)
   SELECT gen_random_uuid(), $1, 'note ' || g, 'body ' || g, g % 3 = 0, now() - g * interval '1 second', now()
   FROM generate_series(1, 10000) g`,
  [member.tenant!.id],
);
// A second tenant's rows, so the tenant filter has work to do.
const other = await t.tenant('other');
await t.sql(`INSERT INTO example_notes (id, tenant_id, title) SELECT gen_random_uuid(), $1, 'x' || g FROM generate_series(1, 10000) g`, [other.id]);
await t.sql('VACUUM ANALYZE example_notes');
// RATE_LIMIT=on: the tenant has a rate-limit policy (high enough never to refuse): every request runs the check.
if (process.env.RATE_LIMIT === 'on') {
  const res = await t.inject({ method: 'POST', url: '/api/rate-limits', payload: { appliesTo: 'tenant', tenantId: member.tenant!.id, requestsPerSecond: 1_000_000, burst: 1_000_000 } });
  if (res.statusCode !== 201) throw new Error(`rate-limit policy: ${res.statusCode} ${res.body}`);
}
const url = await t.kernel.app.listen({ port: 0, host: '127.0.0.1' });
process.send?.({ url, token: member.token, databaseUrl: t.databaseUrl, tenantId: member.tenant!.id });
answerBenchControl(() => t.close());
