// `create-plugin generic <name>`: a plugin with settings and one route, and a test on a real kernel.
// In the workspace it also gets a console page (admin/index.tsx, the console bundles the workspace's plugins); standalone, no.
export const genericTemplate = ({ id, title, standalone }) => ({
  'src/index.ts': `import { definePlugin, Type } from '@platform/sdk';

/** ${title}. Routes are mounted under \`/api/${id}/\`; a route that is not public declares a permission. */
export default definePlugin({
  name: '${id}',
  version: '0.1.0',
  kernel: '^0.1.0',
  description: '${title}',
  settings: Type.Object({ greeting: Type.String({ default: 'hello' }) }),
${standalone ? '' : `  // The console page of admin/index.tsx; a nav item's permission hides it from users who lack it.
  nav: [{ id: '${id}.page', label: '${title}', path: '/${id}', icon: 'Extension', section: 'platform' }],
`}  boot(ctx) {
    ctx.routes.add({ method: 'GET', url: '/greeting', public: true, handler: async () => ({ greeting: (await ctx.settings.get<{ greeting?: string }>()).greeting ?? 'hello' }) });
  },
});
`,
  ...(standalone ? {} : { 'admin/index.tsx': `/** Console entry of the ${id} plugin: one page at /${id}, shown by its nav item. */
import { useQuery } from '@tanstack/react-query';
import { Title, useDataProvider, type DataProvider } from 'react-admin';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import { defineAdminPlugin, type ConsoleApi } from '@platform/sdk/admin';

const GreetingPage = () => {
  const dataProvider = useDataProvider<DataProvider & ConsoleApi>();
  const greeting = useQuery({ queryKey: ['${id}', 'greeting'], queryFn: () => dataProvider.api<{ greeting: string }>('/${id}/greeting') });
  return (
    <Card>
      <Title title="${title}" />
      <CardContent>{greeting.data?.greeting ?? (greeting.isError ? 'The greeting could not be loaded.' : 'Loading…')}</CardContent>
    </Card>
  );
};

export default defineAdminPlugin({ name: '${id}', routes: [{ path: '/${id}', component: GreetingPage, navItem: '${id}.page' }] });
` }),
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
