import type { ResolvedNav } from '@platform/sdk/admin';

export interface NavOverride {
  id: string;
  itemId: string;
  hidden: boolean;
  label: string | null;
  order: number | null;
}

/** One registered item as `GET /api/nav/items` lists it (before permissions, enablement and overrides). */
export interface RegisteredNavItem {
  id: string;
  label: string;
  path: string;
  icon?: string | null;
  section?: string;
  order?: number;
  permission?: string;
  plugin: string;
}

export interface NavCatalogRow {
  itemId: string;
  defaultLabel: string;
  section: string;
  path: string | null;
  plugin: string | null;
  defaultOrder: number | null;
  override: NavOverride | null;
  /** In the resolved nav right now (for this user in this tenant). */
  visible: boolean;
}

/**
 * Every nav item a tenant can customise, with its defaults and the tenant's override. Registered items
 * come from `GET /api/nav/items`; when that list is unavailable, the resolved nav and the overrides
 * themselves still give a usable (if incomplete) catalog.
 */
export function buildNavCatalog(nav: ResolvedNav | null | undefined, items: RegisteredNavItem[], overrides: NavOverride[]): NavCatalogRow[] {
  const rows = new Map<string, NavCatalogRow>();
  const byItem = new Map(overrides.map((o) => [o.itemId, o]));
  const visible = new Set<string>();
  for (const s of nav?.sections ?? []) for (const i of s.items ?? []) visible.add(i.id);

  for (const item of items)
    rows.set(item.id, {
      itemId: item.id,
      defaultLabel: item.label,
      section: item.section ?? 'platform',
      path: item.path,
      plugin: item.plugin,
      defaultOrder: item.order ?? null,
      override: byItem.get(item.id) ?? null,
      visible: visible.has(item.id),
    });
  for (const section of nav?.sections ?? [])
    for (const item of section.items ?? []) {
      if (rows.has(item.id)) continue;
      const o = byItem.get(item.id) ?? null;
      rows.set(item.id, {
        itemId: item.id,
        // A renamed item shows its new label; the default is unknown without the registered list.
        defaultLabel: o?.label ? item.id : item.label,
        section: section.id,
        path: item.path,
        plugin: item.plugin,
        defaultOrder: o?.order != null ? null : item.order,
        override: o,
        visible: true,
      });
    }
  for (const o of overrides)
    if (!rows.has(o.itemId))
      rows.set(o.itemId, { itemId: o.itemId, defaultLabel: o.itemId, section: 'other', path: null, plugin: null, defaultOrder: null, override: o, visible: false });

  const sectionRank = new Map((nav?.sections ?? []).map((s, i) => [s.id, i]));
  const rank = (s: string) => sectionRank.get(s) ?? 100;
  return [...rows.values()].sort(
    (a, b) =>
      rank(a.section) - rank(b.section) ||
      a.section.localeCompare(b.section) ||
      (a.override?.order ?? a.defaultOrder ?? 100) - (b.override?.order ?? b.defaultOrder ?? 100) ||
      a.defaultLabel.localeCompare(b.defaultLabel),
  );
}

const SECTION_LABELS: Record<string, string> = {
  overview: 'Overview',
  platform: 'Platform',
  operations: 'Operations',
  monetization: 'Plans & billing',
  access: 'Access',
  system: 'System',
};

export function sectionLabelOf(id: string, nav: ResolvedNav | null | undefined): string {
  const fromNav = nav?.sections.find((s) => s.id === id)?.label;
  return fromNav ?? SECTION_LABELS[id] ?? id.charAt(0).toUpperCase() + id.slice(1).replace(/[-_]/g, ' ');
}
