import { createTestKernel } from '@platform/sdk/testing';
import example from '@platform/plugin-example';
const t = await createTestKernel({ plugins: [example], config: { logLevel: 'warn' } });
const member = await t.signIn({ role: 'tenant_member', tenant: 'bench' });
await t.sql(`INSERT INTO example_notes (id, tenant_id, title, body, done, created_at, updated_at) SELECT gen_random_uuid(), $1, 'note ' || g, 'body ' || g, g % 3 = 0, now() - g * interval '1 second', now() FROM generate_series(1, 10000) g`, [member.tenant!.id]);
await t.sql('VACUUM ANALYZE example_notes');
const run = async (n: number, c: number) => {
  const t0 = performance.now(); let i = 0;
  await Promise.all(Array.from({ length: c }, async () => { while (i++ < n) { const r = await member.inject('/api/example/notes?range=[0,24]'); if (r.statusCode !== 200) throw new Error(r.body); } }));
  return (n / ((performance.now() - t0) / 1000)).toFixed(0) + ' req/s';
};
console.log('warm', await run(500, 10));
console.log('c=1', await run(500, 1));
console.log('c=50', await run(3000, 50));
await t.close();
