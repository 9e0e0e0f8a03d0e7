import type { ResolvedNav } from '@platform/sdk/admin';

/** One link of the console menu. */
export interface MenuEntry {
  id: string;
  label: string;
  /** Console path (`/tenants`) or an absolute URL for an external link. */
  to: string;
  external: boolean;
  icon: string | null;
  plugin: string;
}

export interface MenuSection {
  id: string;
  label: string;
  entries: MenuEntry[];
}

/** `tenants`, `/tenants/`, `/tenants` → `/tenants`; absolute URLs are kept. */
export function normalizePath(path: string): string {
  const p = path.trim();
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(p)) return p;
  const withSlash = p.startsWith('/') ? p : `/${p}`;
  return withSlash.length > 1 ? withSlash.replace(/\/+$/, '') : withSlash;
}

/**
 * The menu, exactly as `GET /api/nav` resolved it for this user and tenant: its sections in the order
 * given, items by `order` then label, empty sections and duplicate or path-less items dropped.
 */
export function navToMenu(nav: ResolvedNav | null | undefined): MenuSection[] {
  if (!nav || !Array.isArray(nav.sections)) return [];
  const seen = new Set<string>();
  const out: MenuSection[] = [];
  for (const section of nav.sections) {
    const entries: MenuEntry[] = [];
    const items = [...(section.items ?? [])].sort(
      (a, b) => (a.order ?? 100) - (b.order ?? 100) || String(a.label).localeCompare(String(b.label)),
    );
    for (const item of items) {
      if (!item || !item.id || !item.path || seen.has(item.id)) continue;
      seen.add(item.id);
      const to = normalizePath(item.path);
      entries.push({
        id: item.id,
        label: item.label || item.id,
        to,
        external: /^[a-z][a-z0-9+.-]*:\/\//i.test(to),
        icon: item.icon || null,
        plugin: item.plugin,
      });
    }
    if (entries.length) out.push({ id: section.id, label: section.label || section.id, entries });
  }
  return out;
}

/** Plugins with at least one item in the resolved nav: enabled for this tenant and visible to this user. */
export function enabledPluginNames(nav: ResolvedNav | null | undefined): Set<string> {
  const out = new Set<string>();
  for (const s of nav?.sections ?? []) for (const i of s.items ?? []) if (i.plugin) out.add(i.plugin);
  return out;
}

export function navItemIds(nav: ResolvedNav | null | undefined): Set<string> {
  const out = new Set<string>();
  for (const s of nav?.sections ?? []) for (const i of s.items ?? []) out.add(i.id);
  return out;
}

export function navPaths(nav: ResolvedNav | null | undefined): Set<string> {
  const out = new Set<string>();
  for (const s of nav?.sections ?? []) for (const i of s.items ?? []) if (i.path) out.add(normalizePath(i.path));
  return out;
}

/** Whether a console page at `/<resource>` is in the nav (kernel pages are registered only then). */
export function resourceInNav(nav: ResolvedNav | null | undefined, resource: string): boolean {
  const path = normalizePath(resource);
  for (const p of navPaths(nav)) if (p === path || p.startsWith(`${path}/`)) return true;
  return false;
}
