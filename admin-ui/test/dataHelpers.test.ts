import { describe, expect, it } from 'vitest';
import { changedFields } from '../src/api/changedFields.ts';
import { listInBrowser } from '../src/api/clientList.ts';
import { ALL_TENANTS, getTenantSelection, setTenantSelection, subscribeTenantSelection, tenantHeaderFor } from '../src/api/tenantSelection.ts';
import { listPathOf } from '../src/layout/listPath.ts';

describe('listInBrowser (kernel lists answered whole)', () => {
  const rows = [
    { id: 'b', name: 'billing', scope: 'tenant', version: '1.10.0', dependsOn: ['plans'] },
    { id: 'a', name: 'alerts', scope: 'platform', version: '1.9.0', dependsOn: [] },
    { id: 'c', name: 'crm', scope: 'tenant', version: '2.0.0', dependsOn: ['plans'] },
  ];
  it('filters (q, equality, arrays), sorts and pages', () => {
    expect(listInBrowser(rows, { filter: { scope: 'tenant' } }).data.map((r) => r.id)).toEqual(['b', 'c']);
    expect(listInBrowser(rows, { filter: { q: 'ALE' } }).data.map((r) => r.id)).toEqual(['a']);
    expect(listInBrowser(rows, { filter: { id: ['a', 'c'] } }).total).toBe(2);
    expect(listInBrowser(rows, { filter: { dependsOn: 'plans' } }).total).toBe(2);
    expect(listInBrowser(rows, { sort: { field: 'version', order: 'DESC' } }).data.map((r) => r.id)).toEqual(['c', 'b', 'a']);
    const page = listInBrowser(rows, { sort: { field: 'name', order: 'ASC' }, pagination: { page: 2, perPage: 2 } });
    expect(page).toEqual({ data: [rows[2]], total: 3 });
  });
});

describe('changedFields (PATCH bodies)', () => {
  it('sends only what changed, deep for arrays, never the id', () => {
    const prev = { id: '1', name: 'Acme', roles: ['a'], contactName: null, createdAt: 'x' };
    expect(changedFields({ ...prev, name: 'Acme Inc', roles: ['a'] }, prev)).toEqual({ name: 'Acme Inc' });
    expect(changedFields({ ...prev, roles: ['a', 'b'] }, prev)).toEqual({ roles: ['a', 'b'] });
    expect(changedFields({ ...prev, contactName: '' }, prev)).toEqual({});
    expect(changedFields({ ...prev, password: 'new-secret' }, prev)).toEqual({ password: 'new-secret' });
  });
});

describe('tenant selection', () => {
  it('sends no header for All tenants and notifies on change', () => {
    expect(tenantHeaderFor(ALL_TENANTS)).toBeNull();
    expect(tenantHeaderFor('t-1')).toBe('t-1');
    const seen: string[] = [];
    const off = subscribeTenantSelection((s) => seen.push(s));
    setTenantSelection('t-1');
    setTenantSelection('t-1');
    expect(getTenantSelection()).toBe('t-1');
    setTenantSelection(ALL_TENANTS);
    off();
    expect(seen).toEqual(['t-1', ALL_TENANTS]);
  });

  it('a switch leaves record pages for their list', () => {
    expect(listPathOf('/tenants/0b9a4c1e-55a1-4d52-9d0e-2b1f7e7f8a11')).toBe('/tenants');
    expect(listPathOf('/tenants/0b9a4c1e-55a1-4d52-9d0e-2b1f7e7f8a11/show')).toBe('/tenants');
    expect(listPathOf('/plugins/example/show')).toBe('/plugins');
    expect(listPathOf('/users/create')).toBe('/users');
    expect(listPathOf('/feature-flags/flags')).toBe('/feature-flags/flags');
    expect(listPathOf('/audit/42')).toBe('/audit');
    expect(listPathOf('/')).toBe('/');
  });
});
