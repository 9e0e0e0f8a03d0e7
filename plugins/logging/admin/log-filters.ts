/** The log viewer's search filters: what the user picked, what a link opened it with, what the API is sent. */
export type Level = 'debug' | 'info' | 'warn' | 'error';
export const LEVELS: Level[] = ['error', 'warn', 'info', 'debug'];

/** The search filters, as query parameters of `/api/logging/logs` (and `/stream`, `/logs/export`). */
export interface LogFilters {
  range: '15m' | '1h' | '24h' | '7d' | '30d';
  levels: Level[];
  service: string;
  action: string;
  userId: string;
  requestId: string;
  tenantId: string;
  q: string;
}

export const EMPTY_FILTERS: LogFilters = { range: '24h', levels: [], service: '', action: '', userId: '', requestId: '', tenantId: '', q: '' };

const RANGE_MS: Record<LogFilters['range'], number> = { '15m': 15 * 60_000, '1h': 3600_000, '24h': 86_400_000, '7d': 7 * 86_400_000, '30d': 30 * 86_400_000 };

const TEXT_FILTERS = ['service', 'action', 'userId', 'requestId', 'tenantId', 'q'] as const;

/** Filters a link opened the viewer with (`/logging/logs?q=postgres&levels=error,warn&range=1h`); unknown values are ignored. */
export function filtersFromUrl(search: string): LogFilters {
  const params = new URLSearchParams(search);
  const filters: LogFilters = { ...EMPTY_FILTERS, levels: [] };
  for (const key of TEXT_FILTERS) filters[key] = params.get(key)?.trim() ?? '';
  const range = params.get('range');
  if (range && range in RANGE_MS) filters.range = range as LogFilters['range'];
  filters.levels = (params.get('levels') ?? '').split(',').filter((l): l is Level => (LEVELS as readonly string[]).includes(l));
  return filters;
}

export function filterParams(f: LogFilters, now = Date.now()): URLSearchParams {
  const p = new URLSearchParams({ from: new Date(now - RANGE_MS[f.range]).toISOString() });
  if (f.levels.length) p.set('level', f.levels.join(','));
  for (const k of TEXT_FILTERS) if (f[k].trim()) p.set(k, f[k].trim());
  return p;
}

/** The filters as the viewer's own URL (`?q=tenants&levels=error,warn&range=1h`): shareable, and kept over a reload. Defaults are left out. */
export function filtersToUrl(f: LogFilters): string {
  const p = new URLSearchParams();
  if (f.range !== EMPTY_FILTERS.range) p.set('range', f.range);
  if (f.levels.length) p.set('levels', f.levels.join(','));
  for (const k of TEXT_FILTERS) if (f[k].trim()) p.set(k, f[k].trim());
  const search = p.toString();
  return search ? `?${search}` : '';
}
