import { describe, expect, it } from 'vitest';
import { canDo, RouteAccess } from '../src/api/routeAccess.ts';

const access = new RouteAccess([
  { method: 'GET', url: '/api/plans/plans', allowed: true },
  { method: 'GET', url: '/api/plans/plans/:id', allowed: true },
  { method: 'POST', url: '/api/plans/plans', allowed: false },
  { method: 'PUT', url: '/api/plans/plans/:id', allowed: false },
  { method: 'PATCH', url: '/api/plans/plans/:id', allowed: false },
  { method: 'DELETE', url: '/api/plans/plans/:id', allowed: false },
  { method: 'POST', url: '/api/plans/plans/:id/archive', allowed: false },
  { method: 'GET', url: '/api/tenants', allowed: false },
  { method: 'GET', url: '/api/items/:id', allowed: false },
  { method: 'GET', url: '/api/items/special', allowed: true },
  { method: 'GET', url: '/api/files/*', allowed: true },
]);

describe('RouteAccess', () => {
  it('matches paths with or without /api, real ids or placeholders, and a trailing query', () => {
    expect(access.allows('GET', '/plans/plans')).toBe(true);
    expect(access.allows('GET', '/api/plans/plans/42?x=1')).toBe(true);
    expect(access.allows('GET', '/plans/plans/:id')).toBe(true);
    expect(access.verdict('POST', '/plans/plans/abc/archive')).toBe('refused');
    expect(access.verdict('GET', '/tenants')).toBe('refused');
  });

  it('says unknown for a route the kernel does not have, and lets the most literal route decide', () => {
    expect(access.verdict('GET', '/events/dead-letters')).toBe('unknown');
    expect(access.verdict('GET', '/plans/plans/1/extra')).toBe('unknown');
    expect(access.verdict('GET', '/items/special')).toBe('allowed');
    expect(access.verdict('GET', '/items/other')).toBe('refused');
    expect(access.verdict('GET', '/files/a/b/c')).toBe('allowed');
  });
});

describe('canDo (react-admin actions)', () => {
  it('maps list, show, create, edit, delete to their calls', () => {
    expect(canDo(access, 'list', 'plans/plans')).toBe(true);
    expect(canDo(access, 'show', 'plans/plans')).toBe(true);
    expect(canDo(access, 'create', 'plans/plans')).toBe(false);
    expect(canDo(access, 'edit', 'plans/plans')).toBe(false);
    expect(canDo(access, 'delete', 'plans/plans')).toBe(false);
    expect(canDo(access, 'list', 'tenants')).toBe(false);
  });

  it('takes explicit "METHOD /path" actions, and leaves unknown actions and routes to the page', () => {
    expect(canDo(access, 'POST /plans/plans/:id/archive', 'ignored')).toBe(false);
    expect(canDo(access, 'GET /plans/plans', 'ignored')).toBe(true);
    expect(canDo(access, 'list', 'dead-letters')).toBe(true);
    expect(canDo(access, 'frobnicate', 'plans/plans')).toBe(true);
  });
});
