import { afterAll, beforeAll, it } from 'vitest';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
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
it('scratch', async () => {
  for (const u of readFileSync('/tmp/secin/urls.txt', 'utf8').split('\n').filter(Boolean)) for (const [who, c] of [['sa', t], ['ta', ta]] as const) {
    const r = await c.inject(u);
    console.log('>>', who, r.statusCode, u.slice(0, 100), r.body.slice(0, 300));
  }
}, 120000);
