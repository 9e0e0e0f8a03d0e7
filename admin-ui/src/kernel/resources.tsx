import { lazy } from 'react';
import { registerApiPaths } from '../api/apiPaths.ts';

/**
 * The kernel's own console pages. Each page is its own lazy chunk, loaded after sign-in on first visit.
 * A page is registered only when `GET /api/nav` has an item at its path (see App.tsx), so the nav API
 * stays the single source of truth for what a user sees.
 */
export interface KernelResource {
  name: string;
  list?: ReturnType<typeof lazy>;
  create?: ReturnType<typeof lazy>;
  edit?: ReturnType<typeof lazy>;
  show?: ReturnType<typeof lazy>;
  recordRepresentation?: string;
  options?: { label: string };
}

export const kernelResources: KernelResource[] = [
  {
    name: 'tenants',
    list: lazy(() => import('./tenants/TenantList.tsx')),
    create: lazy(() => import('./tenants/TenantCreate.tsx')),
    edit: lazy(() => import('./tenants/TenantEdit.tsx')),
    recordRepresentation: 'name',
    options: { label: 'Tenants' },
  },
  {
    name: 'users',
    list: lazy(() => import('./users/UserList.tsx')),
    create: lazy(() => import('./users/UserCreate.tsx')),
    edit: lazy(() => import('./users/UserEdit.tsx')),
    recordRepresentation: 'email',
    options: { label: 'Users' },
  },
  {
    name: 'roles',
    list: lazy(() => import('./roles/RoleList.tsx')),
    create: lazy(() => import('./roles/RoleCreate.tsx')),
    edit: lazy(() => import('./roles/RoleEdit.tsx')),
    recordRepresentation: 'name',
    options: { label: 'Roles' },
  },
  {
    name: 'api-keys',
    list: lazy(() => import('./api-keys/ApiKeyList.tsx')),
    create: lazy(() => import('./api-keys/ApiKeyCreate.tsx')),
    recordRepresentation: 'name',
    options: { label: 'API keys' },
  },
  {
    name: 'audit',
    list: lazy(() => import('./audit/AuditList.tsx')),
    options: { label: 'Audit log' },
  },
  {
    name: 'plugins',
    list: lazy(() => import('./plugins/PluginList.tsx')),
    show: lazy(() => import('./plugins/PluginShow.tsx')),
    recordRepresentation: 'name',
    options: { label: 'Plugins' },
  },
  {
    name: 'nav-overrides',
    list: lazy(() => import('./nav-overrides/NavOverridesPage.tsx')),
    options: { label: 'Navigation' },
  },
  {
    name: 'jobs',
    list: lazy(() => import('./jobs/JobList.tsx')),
    recordRepresentation: 'name',
    options: { label: 'Jobs' },
  },
  {
    name: 'rate-limits',
    list: lazy(() => import('./rate-limits/RateLimitList.tsx')),
    create: lazy(() => import('./rate-limits/RateLimitCreate.tsx')),
    edit: lazy(() => import('./rate-limits/RateLimitEdit.tsx')),
    options: { label: 'Rate limits' },
  },
  {
    name: 'rate-limits-throttled',
    list: lazy(() => import('./rate-limits-throttled/ThrottledList.tsx')),
    options: { label: 'Throttled requests' },
  },
  {
    name: 'dead-letters',
    list: lazy(() => import('./dead-letters/DeadLetterList.tsx')),
    options: { label: 'Dead letters' },
  },
];

// The throttled-requests view reads `/api/rate-limits/throttled`.
registerApiPaths([['rate-limits-throttled', 'rate-limits/throttled']]);
