import type { Actor, NavItemDefinition } from '@platform/sdk';
import { hasPermission, isTenantBound } from '../auth/permission-catalog.ts';

export interface RegisteredNavItem extends NavItemDefinition {
  plugin: string;
}

export interface NavOverrideInput {
  itemId: string;
  hidden: boolean;
  label: string | null;
  order: number | null;
}

export interface ResolvedNavItem {
  id: string;
  label: string;
  path: string;
  icon: string | null;
  order: number;
  plugin: string;
}

export interface ResolvedNav {
  sections: { id: string; label: string; items: ResolvedNavItem[] }[];
}

const SECTION_LABELS: Record<string, string> = {
  overview: 'Overview',
  platform: 'Platform',
  operations: 'Operations',
  'status-page': 'Status page',
  monetization: 'Plans & billing',
  access: 'Access',
  system: 'System',
};
const SECTION_ORDER = ['overview', 'platform', 'operations', 'status-page', 'monetization', 'access', 'system'];

function sectionLabel(id: string): string {
  return SECTION_LABELS[id] ?? id.charAt(0).toUpperCase() + id.slice(1).replace(/[-_]/g, ' ');
}

/**
 * Resolves the menu for one actor and tenant: permission filter, enabled plugins, then the tenant's
 * overrides (hide, rename, reorder). A pure function, so the console menu can be tested without a server.
 */
export function resolveNav(
  items: RegisteredNavItem[],
  input: { actor: Actor; enabledPlugins: (plugin: string) => boolean; overrides: NavOverrideInput[] },
): ResolvedNav {
  const byItem = new Map(input.overrides.map((o) => [o.itemId, o]));
  const sections = new Map<string, ResolvedNavItem[]>();
  const tenantBound = isTenantBound(input.actor);
  for (const item of items) {
    if (item.permission && !hasPermission(input.actor.permissions, item.permission)) continue;
    if ((item.audience === 'tenant' && !tenantBound) || (item.audience === 'staff' && tenantBound)) continue;
    if (!input.enabledPlugins(item.plugin)) continue;
    const o = byItem.get(item.id);
    if (o?.hidden) continue;
    const section = item.section ?? 'platform';
    const list = sections.get(section) ?? [];
    list.push({ id: item.id, label: o?.label || item.label, path: item.path, icon: item.icon ?? null, order: o?.order ?? item.order ?? 100, plugin: item.plugin });
    sections.set(section, list);
  }
  const ids = [...sections.keys()].sort((a, b) => {
    const ia = SECTION_ORDER.indexOf(a);
    const ib = SECTION_ORDER.indexOf(b);
    return (ia < 0 ? 99 : ia) - (ib < 0 ? 99 : ib) || a.localeCompare(b);
  });
  return {
    sections: ids.map((id) => ({
      id,
      label: sectionLabel(id),
      items: sections.get(id)!.sort((a, b) => a.order - b.order || a.label.localeCompare(b.label)),
    })),
  };
}

export const kernelNavItems: NavItemDefinition[] = [
  { id: 'kernel.dashboard', label: 'Dashboard', path: '/', icon: 'Dashboard', section: 'overview', order: 0 },
  { id: 'kernel.tenants', label: 'Tenants', path: '/tenants', icon: 'Business', section: 'platform', order: 10, permission: 'platform.tenants.read' },
  { id: 'kernel.plugins', label: 'Plugins', path: '/plugins', icon: 'Extension', section: 'platform', order: 20, permission: 'plugins.read' },
  { id: 'kernel.rate-limits', label: 'Rate limits', path: '/rate-limits', icon: 'Speed', section: 'platform', order: 30, permission: 'rate_limits.read' },
  { id: 'kernel.rate-limits-throttled', label: 'Throttled requests', path: '/rate-limits-throttled', icon: 'Timer', section: 'platform', order: 31, permission: 'rate_limits.read' },
  { id: 'kernel.users', label: 'Users', path: '/users', icon: 'People', section: 'access', order: 10, permission: 'users.read' },
  { id: 'kernel.roles', label: 'Roles', path: '/roles', icon: 'Security', section: 'access', order: 20, permission: 'roles.read' },
  { id: 'kernel.api-keys', label: 'API keys', path: '/api-keys', icon: 'VpnKey', section: 'access', order: 30, permission: 'api_keys.read' },
  { id: 'kernel.audit', label: 'Audit log', path: '/audit', icon: 'History', section: 'system', order: 10, permission: 'audit.read' },
  { id: 'kernel.nav-overrides', label: 'Navigation', path: '/nav-overrides', icon: 'Menu', section: 'system', order: 20, permission: 'nav.manage' },
  { id: 'kernel.jobs', label: 'Jobs', path: '/jobs', icon: 'Schedule', section: 'system', order: 30, permission: 'jobs.read' },
  { id: 'kernel.dead-letters', label: 'Dead letters', path: '/dead-letters', icon: 'ReportProblem', section: 'system', order: 40, permission: 'events.read' },
];
