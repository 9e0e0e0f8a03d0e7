import { describe, expect, it } from 'vitest';
import type { MenuSection } from '../src/nav/menuModel.ts';
import { activeSectionId, FOLD_ABOVE_ENTRIES, sectionOpen } from '../src/nav/menuSections.ts';
import { matchesQuery, matchingPages } from '../src/nav/paletteMatch.ts';

const entry = (id: string, label: string, to: string) => ({ id, label, to, external: false, icon: null, plugin: 'p' });
const many = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => entry(`${prefix}.${i}`, `${prefix} ${i}`, `/${prefix}/${i}`));
const sections: MenuSection[] = [
  { id: 'overview', label: 'Overview', entries: [entry('home', 'Dashboard', '/')] },
  { id: 'operations', label: 'Operations', entries: [entry('flags', 'Feature flags', '/feature-flags/flags'), entry('audit', 'Flag audit', '/feature-flags/audit'), ...many('ops', 12)] },
  { id: 'access', label: 'Access', entries: [entry('users', 'Users', '/users'), ...many('acc', 12)] },
];

describe('menu sections', () => {
  it('finds the section of the current page, the longest path winning', () => {
    expect(activeSectionId(sections, '/feature-flags/flags/123')).toBe('operations');
    expect(activeSectionId(sections, '/users')).toBe('access');
    expect(activeSectionId(sections, '/')).toBe('overview');
    expect(activeSectionId(sections, '/nowhere')).toBe(null);
  });

  it('folds a long menu except the first section and the current one; a choice wins', () => {
    expect(sections.reduce((n, s) => n + s.entries.length, 0)).toBeGreaterThan(FOLD_ABOVE_ENTRIES);
    const open = (pathname: string, chosen: Record<string, boolean> = {}) => sections.map((s, i) => sectionOpen(s, i, { sections, pathname, chosen }));
    expect(open('/')).toEqual([true, false, false]);
    expect(open('/users/1')).toEqual([true, false, true]);
    expect(open('/users', { access: false, operations: true })).toEqual([true, true, false]);
  });

  it('keeps a short menu open', () => {
    const short = [sections[0]!, { ...sections[2]!, entries: sections[2]!.entries.slice(0, 3) }];
    expect(short.map((s, i) => sectionOpen(s, i, { sections: short, pathname: '/', chosen: {} }))).toEqual([true, true]);
  });
});

describe('command palette matching', () => {
  it('needs every word, in any case and accent', () => {
    expect(matchesQuery('Flag audit Operations', 'aud FLAG')).toBe(true);
    expect(matchesQuery('Café', 'cafe')).toBe(true);
    expect(matchesQuery('Flag audit', 'flag users')).toBe(false);
  });

  it('lists matching pages, those starting with the query first', () => {
    expect(matchingPages(sections, 'flag').map((p) => p.label)).toEqual(['Flag audit', 'Feature flags']);
    expect(matchingPages(sections, 'flag aud')[0]).toMatchObject({ kind: 'page', label: 'Flag audit', to: '/feature-flags/audit', detail: 'Operations' });
    expect(matchingPages(sections, '').length).toBe(28);
  });
});
