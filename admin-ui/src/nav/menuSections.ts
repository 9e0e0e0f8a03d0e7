import { normalizePath, type MenuSection } from './menuModel.ts';

/** Up to this many entries (a console with a few plugins), every section stays open by default. */
export const FOLD_ABOVE_ENTRIES = 24;

/** The section holding the page at `pathname` (the longest matching entry path wins). */
export function activeSectionId(sections: MenuSection[], pathname: string): string | null {
  const here = normalizePath(pathname);
  let best: { id: string; length: number } | null = null;
  for (const section of sections)
    for (const entry of section.entries) {
      if (entry.external) continue;
      const hit = entry.to === '/' ? here === '/' : here === entry.to || here.startsWith(`${entry.to}/`);
      if (hit && (!best || entry.to.length > best.length)) best = { id: section.id, length: entry.to.length };
    }
  return best?.id ?? null;
}

/**
 * Whether a section is open: what the user chose for it (kept in the browser), else open when the menu is
 * short, when it is the first section (the dashboard), or when it holds the current page.
 */
export function sectionOpen(section: MenuSection, index: number, input: { sections: MenuSection[]; pathname: string; chosen: Record<string, boolean> }): boolean {
  const chosen = input.chosen[section.id];
  if (chosen !== undefined) return chosen;
  const total = input.sections.reduce((n, s) => n + s.entries.length, 0);
  if (total <= FOLD_ABOVE_ENTRIES || index === 0) return true;
  return activeSectionId(input.sections, input.pathname) === section.id;
}
