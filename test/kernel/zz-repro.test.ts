import { afterAll, beforeAll, it } from 'vitest';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTestKernel, type TestKernel, type TestClient } from '@platform/sdk/testing';
import { importPlugins, readPluginList } from '../../core/src/plugins/plugin-list.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
let t: TestKernel; let ta: TestClient;
beforeAll(async () => {
  t = await createTestKernel({ plugins: await importPlugins(readPluginList(join(root, 'platform.config.json')), root) });
  ta = await t.signIn({ role: 'tenant_admin', tenant: 'repro' });
}, 120000);
afterAll(async () => t?.close());
const f = (o: unknown) => `filter=${encodeURIComponent(JSON.stringify(o))}`;
it('repro', async () => {
  const urls = [
    `/api/users?${f({ email: true })}`, `/api/users?${f({ email: ['x', 1] })}`, `/api/users?${f({ email: 2147483648 })}`,
    `/api/tenants?${f({ name: true })}`, `/api/roles?${f({ name: 2147483648 })}`, `/api/api-keys?${f({ name: ['x', 1] })}`,
    ...['/plans/plans', '/metrics/slos', '/status/incidents', '/alerts/rules', '/health/push-monitors', '/incidents/incidents', '/alerts/active', '/alerts/deliveries'].map((u) => `/api${u}?${f({ status: [null, 1, {}] })}`),
    ...['/alerts/history', '/alerts/history.csv', '/feature-flags/audit', '/feature-flags/overrides', '/incidents/incidents', '/logging/errors'].map((u) => `/api${u}?${f({ q: '\u0000' })}`),
    `/api/feature-flags/rollouts?${f({ flagKey: '\u0000' })}`,
    '/api/logging/logs?from=99999999999999999999', '/api/logging/logs?to=%2B275760-09-13T00:00:00Z',
    '/api/logging/logs/export?from=99999999999999999999', '/api/logging/logs/export?to=%2B275760-09-13T00:00:00Z',
  ];
  for (const u of urls) for (const [who, c] of [['sa', t], ['ta', ta]] as const) {
    const r = await c.inject(u);
    console.log(who, r.statusCode, u.slice(0, 90), r.statusCode >= 500 ? '' : r.body.slice(0, 120));
  }
}, 120000);
