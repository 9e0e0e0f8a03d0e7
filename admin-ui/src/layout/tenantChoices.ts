import { ALL_TENANTS } from '../api/tenantSelection.ts';

/** A tenant as the switcher shows it (the fields of `GET /api/tenants` it reads). */
export interface TenantChoice {
  id: string;
  name: string;
  slug?: string;
  status: string;
}

/** Up to this many tenants, the switcher is a native select; above, a server-side search. */
export const NATIVE_SELECT_MAX = 50;
/** Results per search. */
export const SEARCH_PAGE_SIZE = 20;
/** Delay between the last keystroke and the search request. */
export const SEARCH_DEBOUNCE_MS = 250;

export const ALL_TENANTS_CHOICE: TenantChoice = { id: ALL_TENANTS, name: 'All tenants', status: 'active' };

/**
 * Whether the searchable control is needed, from the list total (Content-Range) and the size of the first
 * page (of NATIVE_SELECT_MAX). Without a total, a full first page means there may be more.
 */
export function needsSearch(total: number | undefined, loaded: number): boolean {
  return total === undefined ? loaded >= NATIVE_SELECT_MAX : total > NATIVE_SELECT_MAX;
}

/** The `filter` of a search: `{ q }` with the trimmed text, or nothing for an empty query. */
export function searchFilter(query: string): Record<string, string> {
  const q = query.trim();
  return q ? { q } : {};
}

/** Suspended and deleted tenants are listed but can't be picked. */
export function isTenantDisabled(t: TenantChoice): boolean {
  return t.id !== ALL_TENANTS && (t.status === 'suspended' || t.status === 'deleted');
}

/** "Acme", or "Acme (suspended)" for a tenant that is not active. */
export function tenantLabel(t: TenantChoice): string {
  return t.id === ALL_TENANTS || t.status === 'active' ? t.name : `${t.name} (${t.status})`;
}

/** Deleted tenants are hidden, except the one currently selected. */
export function visibleTenants<T extends TenantChoice>(tenants: readonly T[], selection: string): T[] {
  return tenants.filter((t) => t.status !== 'deleted' || t.id === selection);
}

/**
 * What the search control shows as its value: "All tenants", the selected tenant's record (fetched by id,
 * so it shows even when not among the results), or a placeholder while that record loads.
 */
export function selectedChoice(selection: string, current: TenantChoice | undefined): TenantChoice {
  if (selection === ALL_TENANTS) return ALL_TENANTS_CHOICE;
  if (current && current.id === selection) return current;
  return { id: selection, name: '…', status: 'active' };
}

/**
 * The options of the search control: "All tenants" first when allowed and the query is empty (or matches it),
 * then the selected tenant when the query is empty and it isn't among the results, then the results.
 */
export function searchOptions(opts: { results: readonly TenantChoice[]; selected: TenantChoice; selection: string; query: string; allowAll: boolean }): TenantChoice[] {
  const q = opts.query.trim().toLowerCase();
  const results = visibleTenants(opts.results, opts.selection).filter((t) => t.id !== ALL_TENANTS);
  const out: TenantChoice[] = [];
  if (opts.allowAll && (!q || ALL_TENANTS_CHOICE.name.toLowerCase().includes(q))) out.push(ALL_TENANTS_CHOICE);
  if (!q && opts.selected.id !== ALL_TENANTS && !results.some((t) => t.id === opts.selected.id)) out.push(opts.selected);
  return [...out, ...results];
}
