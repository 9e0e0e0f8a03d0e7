import { describe, expect, it } from 'vitest';
import type { ResolvedNav } from '@platform/sdk/admin';
import { enabledPluginNames, navItemIds, navToMenu, normalizePath, resourceInNav } from '../src/nav/menuModel.ts';

const nav: ResolvedNav = {
  sections: [
    {
      id: 'platform',
      label: 'Platform',
      items: [
        { id: 'kernel.plugins', label: 'Plugins', path: '/plugins', icon: 'Extension', order: 20, plugin: 'kernel' },
        { id: 'kernel.tenants', label: 'Tenants', path: '/tenants', icon: 'Business', order: 10, plugin: 'kernel' },
      ],
    },
    { id: 'empty', label: 'Empty', items: [] },
    {
      id: 'operations',
      label: 'Operations',
      items: [
        { id: 'example.notes', label: 'Notes', path: 'example-notes/', icon: 'StickyNote2', order: 50, plugin: 'example' },
        { id: 'example.b', label: 'B', path: '/b', icon: null, order: 50, plugin: 'example' },
        { id: 'example.a', label: 'A', path: '/a', icon: null, order: 50, plugin: 'example' },
        { id: 'kernel.tenants', label: 'Duplicate', path: '/dup', icon: null, order: 1, plugin: 'kernel' },
        { id: 'docs', label: 'Docs', path: 'https://example.com/docs', icon: null, order: 99, plugin: 'docs' },
      ],
    },
  ],
};

describe('navToMenu', () => {
  it('keeps the API section order, sorts items by order then label, drops empty sections and duplicates', () => {
    const menu = navToMenu(nav);
    expect(menu.map((s) => s.id)).toEqual(['platform', 'operations']);
    expect(menu[0].entries.map((e) => e.label)).toEqual(['Tenants', 'Plugins']);
    expect(menu[1].entries.map((e) => e.label)).toEqual(['A', 'B', 'Notes', 'Docs']);
  });

  it('normalises paths and marks external links', () => {
    const entries = navToMenu(nav).flatMap((s) => s.entries);
    expect(entries.find((e) => e.id === 'example.notes')?.to).toBe('/example-notes');
    expect(entries.find((e) => e.id === 'docs')).toMatchObject({ external: true, to: 'https://example.com/docs' });
    expect(entries.find((e) => e.id === 'kernel.tenants')).toMatchObject({ icon: 'Business', plugin: 'kernel', external: false });
  });

  it('is empty for a missing or malformed nav', () => {
    expect(navToMenu(undefined)).toEqual([]);
    expect(navToMenu({} as ResolvedNav)).toEqual([]);
  });
});

describe('nav helpers', () => {
  it('lists the plugins and item ids the nav names', () => {
    expect([...enabledPluginNames(nav)].sort()).toEqual(['docs', 'example', 'kernel']);
    expect(navItemIds(nav).has('example.notes')).toBe(true);
  });

  it('finds kernel pages by path', () => {
    expect(resourceInNav(nav, 'tenants')).toBe(true);
    expect(resourceInNav(nav, 'example-notes')).toBe(true);
    expect(resourceInNav(nav, 'users')).toBe(false);
  });

  it('normalizePath', () => {
    expect(normalizePath('tenants')).toBe('/tenants');
    expect(normalizePath('/tenants/')).toBe('/tenants');
    expect(normalizePath('/')).toBe('/');
  });
});
