// `create-plugin generic <name>`: a plugin with settings and one route, and a test on a real kernel.
export const genericTemplate = ({ id, title }) => ({
  'src/index.ts': `import { definePlugin, Type } from '@platform/sdk';

/** ${title}. Routes are mounted under \`/api/${id}/\`; a route that is not public declares a permission. */
export default definePlugin({
  name: '${id}',
  version: '0.1.0',
  kernel: '^0.1.0',
  description: '${title}',
  settings: Type.Object({ greeting: Type.String({ default: 'hello' }) }),
  boot(ctx) {
    ctx.routes.add({ method: 'GET', url: '/greeting', public: true, handler: async () => ({ greeting: (await ctx.settings.get<{ greeting?: string }>()).greeting ?? 'hello' }) });
  },
});
`,
  'test/plugin.test.ts': `import { afterAll, expect, it } from 'vitest';
import { createTestKernel } from '@platform/testing';
import plugin from '../src/index.ts';

const t = await createTestKernel({ plugins: [plugin] });
afterAll(() => t.close());

it('answers its route', async () => {
  const r = await t.inject('/api/${id}/greeting');
  expect(r.statusCode).toBe(200);
  expect(r.json()).toEqual({ greeting: 'hello' });
});
`,
});
