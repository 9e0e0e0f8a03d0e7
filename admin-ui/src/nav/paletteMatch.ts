import type { MenuSection } from './menuModel.ts';

/** One place the command palette can jump to. */
export interface PaletteTarget {
  key: string;
  kind: 'page' | 'tenant' | 'record';
  label: string;
  /** Where it comes from: the menu section, "Tenant", or the record's list. */
  detail: string;
  to: string;
}

/** Every word of the query appears in the text (case- and accent-insensitive). */
export function matchesQuery(text: string, query: string): boolean {
  const fold = (s: string) => s.normalize('NFD').replace(/\p{Diacritic}/gu, '').toLowerCase();
  const haystack = fold(text);
  return fold(query)
    .split(/\s+/)
    .filter(Boolean)
    .every((word) => haystack.includes(word));
}

/** The menu's pages matching the query, those whose label starts with it first; all of them for an empty query. */
export function matchingPages(sections: MenuSection[], query: string): PaletteTarget[] {
  const out: PaletteTarget[] = [];
  for (const section of sections)
    for (const entry of section.entries) {
      if (entry.external) continue;
      if (query.trim() && !matchesQuery(`${entry.label} ${section.label}`, query)) continue;
      out.push({ key: `page:${entry.id}`, kind: 'page', label: entry.label, detail: section.label, to: entry.to });
    }
  const q = query.trim().toLowerCase();
  if (!q) return out;
  return out.sort((a, b) => Number(!a.label.toLowerCase().startsWith(q)) - Number(!b.label.toLowerCase().startsWith(q)));
}
