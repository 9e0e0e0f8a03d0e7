import type {
  AdminPluginDefinition,
  AdminResourceDefinition,
  AdminRouteDefinition,
  Customer360PanelDefinition,
  DashboardWidgetDefinition,
  PlatformSession,
  TenantListFieldDefinition,
} from '@platform/sdk/admin';
import { sessionCan } from '@platform/sdk/admin';
import { enabledPluginNames, navItemIds } from '../nav/menuModel.ts';

export interface ConsoleContributions {
  resources: (AdminResourceDefinition & { plugin: string })[];
  routes: (AdminRouteDefinition & { plugin: string })[];
  widgets: (DashboardWidgetDefinition & { plugin: string })[];
  tenantListFields: (TenantListFieldDefinition & { plugin: string })[];
  customer360Panels: (Customer360PanelDefinition & { plugin: string })[];
  icons: Record<string, unknown>;
}

/**
 * What the console shows from the loaded plugin entries: only plugins the nav names (enabled for this
 * tenant, visible to this user), and within them only what a `navItem`/`permission` gate lets through.
 */
export function selectContributions(
  plugins: AdminPluginDefinition[],
  session: (Pick<PlatformSession, 'nav' | 'permissions'> & { user?: Pick<PlatformSession['user'], 'kind'> }) | null | undefined,
): ConsoleContributions {
  const out: ConsoleContributions = { resources: [], routes: [], widgets: [], tenantListFields: [], customer360Panels: [], icons: {} };
  if (!session) return out;
  const enabled = enabledPluginNames(session.nav);
  const items = navItemIds(session.nav);
  const gateOpen = (navItem?: string) => !navItem || items.has(navItem);
  const seenResources = new Set<string>();
  const seenWidgets = new Set<string>();
  for (const plugin of plugins) {
    if (!plugin || !enabled.has(plugin.name)) continue;
    for (const r of plugin.resources ?? []) {
      if (!r?.name || seenResources.has(r.name) || !gateOpen(r.navItem)) continue;
      seenResources.add(r.name);
      out.resources.push({ ...r, plugin: plugin.name });
    }
    for (const route of plugin.routes ?? []) {
      if (!route?.path || !gateOpen(route.navItem)) continue;
      out.routes.push({ ...route, plugin: plugin.name });
    }
    for (const w of plugin.dashboardWidgets ?? []) {
      if (!w?.id || seenWidgets.has(w.id) || !gateOpen(w.navItem)) continue;
      if (w.permission && !sessionCan(session, w.permission)) continue;
      if (w.audience && session.user && w.audience !== (session.user.kind === 'tenant' ? 'tenant' : 'staff')) continue;
      seenWidgets.add(w.id);
      out.widgets.push({ ...w, plugin: plugin.name });
    }
    for (const f of plugin.tenantListFields ?? []) {
      if (!f?.id || out.tenantListFields.some((x) => x.id === f.id) || !gateOpen(f.navItem)) continue;
      if (f.permission && !sessionCan(session, f.permission)) continue;
      out.tenantListFields.push({ ...f, plugin: plugin.name });
    }
    for (const p of plugin.customer360Panels ?? []) {
      if (!p?.id || out.customer360Panels.some((x) => x.id === p.id) || !gateOpen(p.navItem)) continue;
      if (p.permission && !sessionCan(session, p.permission)) continue;
      if (session.user && session.user.kind === 'tenant') continue; // staff's page: never offered to a tenant user
      out.customer360Panels.push({ ...p, plugin: plugin.name });
    }
    Object.assign(out.icons, plugin.icons ?? {});
  }
  out.widgets.sort((a, b) => (a.order ?? 100) - (b.order ?? 100) || a.title.localeCompare(b.title));
  out.customer360Panels.sort((a, b) => (a.order ?? 100) - (b.order ?? 100) || a.title.localeCompare(b.title));
  return out;
}

/** The glob key `../../../plugins/feature-flags/admin/index.tsx` → `feature-flags`. */
export function pluginFolderOf(globKey: string): string {
  const m = /\/([^/]+)\/admin\/index\.tsx$/.exec(globKey);
  return m ? m[1] : globKey;
}

/**
 * Which entries to load for a set of enabled plugin names: those whose folder maps to an enabled name
 * (`names`: build-time hints and loaded definitions; else the folder name itself) first. While some
 * enabled name stays unmatched, every entry not yet confirmed by loading it too, since only the loaded
 * definition's `name` is authoritative.
 */
export function entriesToLoad(
  folders: string[],
  enabled: Set<string>,
  names: Map<string, string>,
  confirmed: Set<string> = new Set(),
): { first: string[]; rest: string[] } {
  const first = folders.filter((f) => enabled.has(names.get(f) ?? f));
  const covered = new Set(first.map((f) => names.get(f) ?? f));
  const missing = [...enabled].some((n) => n !== 'kernel' && !covered.has(n));
  const rest = missing ? folders.filter((f) => !first.includes(f) && !confirmed.has(f)) : [];
  return { first, rest };
}
