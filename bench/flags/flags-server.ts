// One platform instance with the feature-flags plugin on a real PostgreSQL, for bench/flags.
// FLAGS_BENCH_DATABASE_URL: boot on that database (a second instance of the same platform); otherwise a
// fresh one. FLAGS_BENCH_SETUP=1: give the 14 seeded platform flags realistic targeting first.
import { createTestKernel } from '@platform/sdk/testing';
import featureFlags from '@platform/plugin-feature-flags';

const databaseUrl = process.env.FLAGS_BENCH_DATABASE_URL || undefined;
const t = await createTestKernel({ plugins: [featureFlags], databaseUrl, config: { logLevel: 'warn' } });
let member;
try {
  member = await t.signIn({ role: 'tenant_member', tenant: 'bench' });
} catch {
  // The tenant exists already (second instance): a member of a fresh tenant of its own.
  member = await t.signIn({ role: 'tenant_member', tenant: `bench-${process.pid}` });
}

if (process.env.FLAGS_BENCH_SETUP === '1') {
  const patch = async (key: string, body: Record<string, unknown>) => {
    const flag = (await t.inject(`/api/feature-flags/flags/${key}`)).json();
    const res = await t.inject({ method: 'PATCH', url: `/api/feature-flags/flags/${flag.id}`, payload: { ...body, reason: 'bench setup' } });
    if (res.statusCode !== 200) throw new Error(`${key}: ${res.statusCode} ${res.body}`);
  };
  const other = await t.tenant('bench-other');
  await patch('checkout.new_flow', { enabled: true, targeting: { rollouts: [{ percentage: 50, stickiness: 'userId' }] } });
  await patch('mcp.streaming_enabled', { enabled: true, targeting: { rollouts: [{ percentage: 25, stickiness: 'tenantId' }] } });
  await patch('payments.wise_enabled', { enabled: true, targeting: { enabledTenants: [member.tenant!.id] } });
  await patch('payments.instant_payouts', { enabled: true, targeting: { enabledTenants: [other.id], disabledTenants: [member.tenant!.id] } });
  await patch('mcp.tools_v2', { enabled: true, targeting: { enabledUsers: [member.userId] } });
  await patch('creators.v2_portal', {
    enabled: true,
    type: 'variant',
    valueType: 'string',
    defaultValue: 'v1',
    targeting: { variants: { variants: [{ name: 'v1', weight: 50, value: 'v1' }, { name: 'v2', weight: 50, value: 'v2' }] } },
  });
  await patch('admin.ai_insights', { enabled: true, targeting: { schedule: { start: '2024-01-01T00:00', end: '2099-01-01T00:00', timeZone: 'Europe/Oslo' } } });
}

// A key of the member's tenant that may name other users (as a backend evaluating for its users does).
const keyRes = await t.inject({ method: 'POST', url: '/api/api-keys', payload: { name: 'bench on-behalf', permissions: ['flags.evaluate'], tenantId: member.tenant!.id, actOnBehalf: true } });
if (keyRes.statusCode !== 201) throw new Error(`api key: ${keyRes.statusCode} ${keyRes.body}`);
const onBehalfKey: string = keyRes.json().key;

const url = await t.kernel.app.listen({ port: 0, host: '127.0.0.1' });
process.send?.({ url, memberToken: member.token, onBehalfKey, staffToken: t.client.token, databaseUrl: t.databaseUrl });
process.on('message', async (m) => {
  if (m === 'cpu') {
    const u = process.cpuUsage();
    process.send?.({ cpu: u.user + u.system });
  }
  if (m === 'stop') {
    await t.close();
    process.exit(0);
  }
});
