import { describe, expect, it } from 'vitest';
import type { ResolvedNav } from '@platform/sdk/admin';
import { documentTitle, pageNameOf, tenantNameOf } from '../src/layout/documentTitle.ts';

const item = (id: string, label: string, path: string) => ({ id, label, path, icon: null, order: 0, plugin: 'kernel' });
const nav: ResolvedNav = {
  sections: [
    { id: 'overview', label: 'Overview', items: [item('dash', 'Dashboard', '/')] },
    { id: 'ops', label: 'Operations', items: [item('inc', 'Incidents', '/incidents'), item('mttr', 'MTTR', '/incidents/mttr'), item('flags', 'Flags', 'feature-flags/flags/')] },
  ],
} as ResolvedNav;

describe('browser tab title', () => {
  it('reads "page · tenant · Platform", leaving out what is unknown', () => {
    expect(documentTitle({ page: 'Incidents', tenant: 'Acme' })).toBe('Incidents · Acme · Platform');
    expect(documentTitle({ page: 'Sign in' })).toBe('Sign in · Platform');
    expect(documentTitle({ page: ' ', tenant: null })).toBe('Platform');
  });

  it('names the page after the nav item with the longest matching path', () => {
    expect(pageNameOf('/incidents', nav)).toBe('Incidents');
    expect(pageNameOf('/incidents/12/show', nav)).toBe('Incidents');
    expect(pageNameOf('/incidents/mttr', nav)).toBe('MTTR');
    expect(pageNameOf('/feature-flags/flags/abc', nav)).toBe('Flags');
    expect(pageNameOf('/incidentsx', nav)).toBe('Incidentsx');
    expect(pageNameOf('/', nav)).toBe('Dashboard');
    expect(pageNameOf('/', { sections: [] } as ResolvedNav)).toBe('Dashboard');
    expect(pageNameOf('/dead-letters', undefined)).toBe('Dead letters');
  });

  it('names the tenant acted in, "All tenants" for staff at platform level, nothing otherwise', () => {
    const user = (kind: 'staff' | 'tenant') => ({ id: 'u', email: null, name: null, kind, tenantId: null, roles: [] });
    const acme = { id: 't1', slug: 'acme', name: 'Acme', status: 'active' };
    expect(tenantNameOf({ user: user('staff'), tenant: acme, tenantSelection: 't1' })).toBe('Acme');
    expect(tenantNameOf({ user: user('staff'), tenant: null, tenantSelection: '*' })).toBe('All tenants');
    expect(tenantNameOf({ user: user('tenant'), tenant: acme, tenantSelection: '*' })).toBe('Acme');
    expect(tenantNameOf({ user: user('tenant'), tenant: null, tenantSelection: '*' })).toBeNull();
    expect(tenantNameOf(undefined)).toBeNull();
  });
});
