/** One colour per status, shared by every health view. */
export const STATUS_COLOR: Record<string, string> = {
  healthy: '#2e7d32',
  operational: '#2e7d32',
  degraded: '#f9a825',
  partial_outage: '#ef6c00',
  unhealthy: '#c62828',
  major_outage: '#c62828',
  unknown: '#9e9e9e',
  not_checked: '#e0e0e0',
};

export const OVERALL_TEXT: Record<string, string> = {
  operational: 'All systems operational',
  degraded: 'Degraded',
  partial_outage: 'Partial outage',
  major_outage: 'Major outage',
  unknown: 'Status unknown: no fresh check results',
};

export const formatMs = (ms: number | null | undefined) => (ms === null || ms === undefined ? '–' : ms >= 1000 ? `${(ms / 1000).toFixed(1)} s` : `${ms} ms`);

export const formatPct = (pct: number | null | undefined) => (pct === null || pct === undefined ? '–' : `${pct.toFixed(pct === 100 ? 0 : 2)}%`);

export const ago = (iso: string | null) => {
  if (!iso) return 'never';
  const s = Math.round((Date.now() - Date.parse(iso)) / 1000);
  if (s < 60) return `${Math.max(s, 0)} s ago`;
  if (s < 3600) return `${Math.round(s / 60)} min ago`;
  if (s < 86_400) return `${Math.round(s / 3600)} h ago`;
  return `${Math.round(s / 86_400)} d ago`;
};
