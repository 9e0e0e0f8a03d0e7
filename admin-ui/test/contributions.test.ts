import { describe, expect, it } from 'vitest';
import { defineAdminPlugin, type PlatformSession } from '@platform/sdk/admin';
import { entriesToLoad, pluginFolderOf, selectContributions } from '../src/plugins/contributions.ts';

const Noop = () => null;
const session = (items: { id: string; plugin: string }[], permissions: string[] = ['example.read']): Pick<PlatformSession, 'nav' | 'permissions'> => ({
  permissions,
  nav: { sections: [{ id: 's', label: 'S', items: items.map((i) => ({ ...i, label: i.id, path: `/${i.id}`, icon: null, order: 1 })) }] },
});

const example = defineAdminPlugin({
  name: 'example',
  resources: [
    { name: 'example-notes', apiPath: 'example/notes', list: Noop },
    { name: 'example-secret', list: Noop, navItem: 'example.secret' },
  ],
  routes: [{ path: '/example/board', component: Noop }],
  dashboardWidgets: [
    { id: 'b', title: 'B', component: Noop, order: 2 },
    { id: 'a', title: 'A', component: Noop, order: 1 },
    { id: 'admin-only', title: 'Admin', component: Noop, permission: 'example.admin' },
  ],
  icons: { StickyNote2: Noop },
});
const other = defineAdminPlugin({ name: 'other', resources: [{ name: 'other', list: Noop }] });

describe('selectContributions', () => {
  it('shows only plugins the nav names, honouring navItem and permission gates', () => {
    const c = selectContributions([example, other], session([{ id: 'example.notes', plugin: 'example' }]));
    expect(c.resources.map((r) => r.name)).toEqual(['example-notes']);
    expect(c.routes.map((r) => r.path)).toEqual(['/example/board']);
    expect(c.widgets.map((w) => w.id)).toEqual(['a', 'b']);
    expect(Object.keys(c.icons)).toEqual(['StickyNote2']);
  });

  it('opens gated resources and widgets when their nav item and permission are there', () => {
    const c = selectContributions(
      [example],
      session([{ id: 'example.notes', plugin: 'example' }, { id: 'example.secret', plugin: 'example' }], ['*']),
    );
    expect(c.resources.map((r) => r.name)).toEqual(['example-notes', 'example-secret']);
    expect(c.widgets.map((w) => w.id)).toContain('admin-only');
  });

  it('collects tenant-list fields behind their nav item and permission gates', () => {
    const dots = defineAdminPlugin({
      name: 'dots',
      tenantListFields: [
        { id: 'dots.health', label: 'Health', component: Noop, navItem: 'dots.page' },
        { id: 'dots.secret', label: 'Secret', component: Noop, permission: 'dots.admin' },
      ],
    });
    expect(selectContributions([dots], session([{ id: 'dots.page', plugin: 'dots' }])).tenantListFields.map((f) => f.id)).toEqual(['dots.health']);
    expect(selectContributions([dots], session([{ id: 'dots.other', plugin: 'dots' }])).tenantListFields).toEqual([]);
    expect(selectContributions([dots], session([{ id: 'dots.page', plugin: 'dots' }], ['*'])).tenantListFields.map((f) => f.id)).toEqual(['dots.health', 'dots.secret']);
  });

  it('collects customer 360 panels in order behind their gates, never for a tenant user', () => {
    const panels = defineAdminPlugin({
      name: 'panels',
      customer360Panels: [
        { id: 'panels.late', title: 'Late', component: Noop, order: 90 },
        { id: 'panels.early', title: 'Early', component: Noop, order: 10, navItem: 'panels.page' },
        { id: 'panels.secret', title: 'Secret', component: Noop, permission: 'panels.admin' },
      ],
    });
    const dup = defineAdminPlugin({ name: 'dup', customer360Panels: [{ id: 'panels.late', title: 'Duplicate', component: Noop }] });
    const staff = (perms: string[]) => ({ ...session([{ id: 'panels.page', plugin: 'panels' }, { id: 'dup.page', plugin: 'dup' }], perms), user: { kind: 'staff' as const } });
    expect(selectContributions([panels, dup], staff(['x'])).customer360Panels.map((p) => `${p.plugin}:${p.id}`)).toEqual(['panels:panels.early', 'panels:panels.late']);
    expect(selectContributions([panels], staff(['*'])).customer360Panels.map((p) => p.id)).toEqual(['panels.early', 'panels.late', 'panels.secret']);
    expect(selectContributions([panels], { ...session([{ id: 'panels.page', plugin: 'panels' }], ['*']), user: { kind: 'tenant' as const } }).customer360Panels).toEqual([]);
  });

  it('shows nothing without a session or when the plugin is disabled', () => {
    expect(selectContributions([example], undefined).resources).toEqual([]);
    expect(selectContributions([example], session([{ id: 'kernel.tenants', plugin: 'kernel' }])).widgets).toEqual([]);
  });
});

describe('plugin entry discovery', () => {
  it('reads the folder from a glob key', () => {
    expect(pluginFolderOf('../../../plugins/feature-flags/admin/index.tsx')).toBe('feature-flags');
    expect(pluginFolderOf('../../../test/fixtures/example-plugin/admin/index.tsx')).toBe('example-plugin');
  });

  it('loads folders named like enabled plugins first, and the rest only while a name is unmatched', () => {
    const folders = ['feature-flags', 'example-plugin', 'plans'];
    expect(entriesToLoad(folders, new Set(['kernel', 'feature-flags']), new Map())).toEqual({ first: ['feature-flags'], rest: [] });
    expect(entriesToLoad(folders, new Set(['kernel', 'example']), new Map())).toEqual({ first: [], rest: folders });
    const known = new Map([['example-plugin', 'example']]);
    expect(entriesToLoad(folders, new Set(['example']), known)).toEqual({ first: ['example-plugin'], rest: [] });
    // A wrong build-time hint: the unmatched name makes every unconfirmed entry load.
    const wrong = new Map([['feature-flags', 'flags']]);
    expect(entriesToLoad(folders, new Set(['feature-flags']), wrong, new Set(['plans']))).toEqual({ first: [], rest: ['feature-flags', 'example-plugin'] });
  });
});

describe('build-time plugin names', async () => {
  const { adminPluginNameOf } = await import('../vite-plugins/adminPluginNames.ts');
  it('reads the name literal of defineAdminPlugin', () => {
    expect(adminPluginNameOf(`export default defineAdminPlugin({\n  name: 'example',\n  resources: [] })`)).toBe('example');
    expect(adminPluginNameOf(`defineAdminPlugin({ resources: [{ name: 'x/y' }], name: "plans" })`)).toBe('plans');
    expect(adminPluginNameOf(`const name = 'x'; export default def;`)).toBeNull();
  });
});
