/**
 * Some kernel lists (plugins, jobs, permissions) are small and answered whole, without `Content-Range`.
 * react-admin still sends sort, filter and range; this applies them in the browser.
 */
export interface ClientListParams {
  pagination?: { page: number; perPage: number };
  sort?: { field: string; order: 'ASC' | 'DESC' | string };
  filter?: Record<string, unknown>;
}

function textOf(v: unknown): string {
  if (v == null) return '';
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

function matches(row: Record<string, unknown>, key: string, expected: unknown): boolean {
  if (expected === undefined || expected === '' || expected === null) return true;
  if (key === 'q') {
    const needle = String(expected).toLowerCase();
    return Object.values(row).some((v) => textOf(v).toLowerCase().includes(needle));
  }
  const actual = row[key];
  if (Array.isArray(expected)) return expected.some((e) => (Array.isArray(actual) ? actual.includes(e) : actual === e || String(actual) === String(e)));
  if (Array.isArray(actual)) return actual.includes(expected);
  if (typeof expected === 'boolean') return Boolean(actual) === expected;
  return actual === expected || String(actual) === String(expected);
}

function compare(a: unknown, b: unknown): number {
  if (a == null && b == null) return 0;
  if (a == null) return 1;
  if (b == null) return -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  return textOf(a).localeCompare(textOf(b), undefined, { numeric: true, sensitivity: 'base' });
}

export function listInBrowser<T extends Record<string, unknown>>(rows: T[], params: ClientListParams): { data: T[]; total: number } {
  const filter = params.filter ?? {};
  let out = rows.filter((row) => Object.entries(filter).every(([k, v]) => matches(row, k, v)));
  const sort = params.sort;
  if (sort?.field) {
    const dir = String(sort.order).toUpperCase() === 'DESC' ? -1 : 1;
    out = [...out].sort((a, b) => dir * compare(a[sort.field], b[sort.field]));
  }
  const total = out.length;
  if (params.pagination && params.pagination.perPage > 0) {
    const { page, perPage } = params.pagination;
    out = out.slice((page - 1) * perPage, page * perPage);
  }
  return { data: out, total };
}
