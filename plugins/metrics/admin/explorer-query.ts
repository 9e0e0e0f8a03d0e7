/** What the metrics explorer shows, as its URL holds it (`?metric=api_requests_total&groupBy=route&range=24h`). */
export const EXPLORER_RANGES = { '1h': 1, '6h': 6, '24h': 24, '7d': 168 } as const;
export type ExplorerRange = keyof typeof EXPLORER_RANGES;

export interface ExplorerQuery {
  metric: string;
  aggregation: string;
  groupBy: string;
  range: ExplorerRange;
}

export const DEFAULT_EXPLORER_QUERY: ExplorerQuery = { metric: '', aggregation: '', groupBy: '', range: '6h' };

/** Reads the explorer's URL; unknown ranges fall back to the default. */
export function explorerQueryFromUrl(search: string): ExplorerQuery {
  const p = new URLSearchParams(search);
  const range = p.get('range') ?? '';
  return {
    metric: p.get('metric')?.trim() ?? '',
    aggregation: p.get('aggregation')?.trim() ?? '',
    groupBy: p.get('groupBy')?.trim() ?? '',
    range: range in EXPLORER_RANGES ? (range as ExplorerRange) : DEFAULT_EXPLORER_QUERY.range,
  };
}

/** The explorer's URL search for a query: shareable, kept over a reload; defaults left out. */
export function explorerQueryToUrl(q: ExplorerQuery): string {
  const p = new URLSearchParams();
  if (q.metric) p.set('metric', q.metric);
  if (q.aggregation) p.set('aggregation', q.aggregation);
  if (q.groupBy) p.set('groupBy', q.groupBy);
  if (q.range !== DEFAULT_EXPLORER_QUERY.range) p.set('range', q.range);
  const s = p.toString();
  return s ? `?${s}` : '';
}
