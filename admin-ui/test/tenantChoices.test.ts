import { describe, expect, it } from 'vitest';
import { ALL_TENANTS } from '../src/api/tenantSelection.ts';
import {
  ALL_TENANTS_CHOICE,
  isTenantDisabled,
  NATIVE_SELECT_MAX,
  needsSearch,
  searchFilter,
  searchOptions,
  selectedChoice,
  tenantLabel,
  visibleTenants,
  type TenantChoice,
} from '../src/layout/tenantChoices.ts';

const acme: TenantChoice = { id: 'a', name: 'Acme', status: 'active' };
const globex: TenantChoice = { id: 'g', name: 'Globex', status: 'suspended' };
const gone: TenantChoice = { id: 'd', name: 'Gone', status: 'deleted' };
const ids = (list: TenantChoice[]) => list.map((t) => t.id);

describe('tenant switcher choices', () => {
  it('uses the native select up to 50 tenants, the search beyond', () => {
    expect(NATIVE_SELECT_MAX).toBe(50);
    expect(needsSearch(0, 0)).toBe(false);
    expect(needsSearch(50, 50)).toBe(false);
    expect(needsSearch(51, 50)).toBe(true);
    expect(needsSearch(1200, 50)).toBe(true);
    // No Content-Range total: a full first page may hide more.
    expect(needsSearch(undefined, 12)).toBe(false);
    expect(needsSearch(undefined, 50)).toBe(true);
  });

  it('sends the trimmed query as the q filter, nothing when empty', () => {
    expect(searchFilter('  Tenant 47 ')).toEqual({ q: 'Tenant 47' });
    expect(searchFilter('   ')).toEqual({});
    expect(searchFilter('')).toEqual({});
  });

  it('labels and disables non-active tenants', () => {
    expect(tenantLabel(acme)).toBe('Acme');
    expect(tenantLabel(globex)).toBe('Globex (suspended)');
    expect(tenantLabel(ALL_TENANTS_CHOICE)).toBe('All tenants');
    expect(isTenantDisabled(acme)).toBe(false);
    expect(isTenantDisabled(globex)).toBe(true);
    expect(isTenantDisabled(gone)).toBe(true);
    expect(isTenantDisabled(ALL_TENANTS_CHOICE)).toBe(false);
  });

  it('hides deleted tenants unless selected', () => {
    expect(ids(visibleTenants([acme, gone, globex], 'a'))).toEqual(['a', 'g']);
    expect(ids(visibleTenants([acme, gone, globex], 'd'))).toEqual(['a', 'd', 'g']);
  });

  it('shows the selection: all tenants, the fetched record, or a placeholder while it loads', () => {
    expect(selectedChoice(ALL_TENANTS, undefined)).toBe(ALL_TENANTS_CHOICE);
    expect(selectedChoice('a', acme)).toBe(acme);
    expect(selectedChoice('a', undefined)).toEqual({ id: 'a', name: '…', status: 'active' });
    // A stale record of the previous selection is not shown for the new one.
    expect(selectedChoice('g', acme).id).toBe('g');
  });

  it('lists all tenants and the selection first when not searching', () => {
    const opts = searchOptions({ results: [globex, gone], selected: acme, selection: 'a', query: '', allowAll: true });
    expect(ids(opts)).toEqual([ALL_TENANTS, 'a', 'g']);
    // Already among the results: not repeated.
    expect(ids(searchOptions({ results: [acme, globex], selected: acme, selection: 'a', query: '', allowAll: false }))).toEqual(['a', 'g']);
    // All tenants selected: only the option for it.
    expect(ids(searchOptions({ results: [acme], selected: ALL_TENANTS_CHOICE, selection: ALL_TENANTS, query: '', allowAll: true }))).toEqual([ALL_TENANTS, 'a']);
  });

  it('lists only the results while searching (all tenants when the query matches it)', () => {
    expect(ids(searchOptions({ results: [globex], selected: acme, selection: 'a', query: 'glo', allowAll: true }))).toEqual(['g']);
    expect(ids(searchOptions({ results: [], selected: acme, selection: 'a', query: 'All', allowAll: true }))).toEqual([ALL_TENANTS]);
    expect(ids(searchOptions({ results: [], selected: acme, selection: 'a', query: 'All', allowAll: false }))).toEqual([]);
  });
});
