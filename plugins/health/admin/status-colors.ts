/** One colour per status, shared by every health view. */
export const STATUS_COLOR: Record<string, string> = {
  healthy: '#2e7d32',
  operational: '#2e7d32',
  degraded: '#f9a825',
  partial_outage: '#ef6c00',
  unhealthy: '#c62828',
  major_outage: '#c62828',
  unknown: '#9e9e9e',
  waiting: '#64b5f6',
  not_checked: '#e0e0e0',
};

/** Status words as the pages print them. */
export const STATUS_TEXT: Record<string, string> = { not_checked: 'not checked', waiting: 'waiting for first check' };
export const statusText = (status: string) => STATUS_TEXT[status] ?? status.replace(/_/g, ' ');

export const OVERALL_TEXT: Record<string, string> = {
  operational: 'All systems operational',
  degraded: 'Degraded',
  partial_outage: 'Partial outage',
  major_outage: 'Major outage',
  unknown: 'Status unknown: no fresh check results',
};

/** The banner's text: a fresh install waits for its first checks, which is no outage. */
export const overallText = (o: { status: string; waitingForFirstChecks: boolean }) => (o.waitingForFirstChecks ? 'Waiting for the first checks' : OVERALL_TEXT[o.status] ?? o.status);
export const overallColor = (o: { status: string; waitingForFirstChecks: boolean }) => (o.waitingForFirstChecks ? STATUS_COLOR.waiting : STATUS_COLOR[o.status] ?? STATUS_COLOR.unknown);

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

/** `since 14:02 (5 min ago)`, or null when not known. */
export const sinceText = (iso: string | null) => (iso ? `since ${new Date(iso).toLocaleString()} (${ago(iso)})` : null);
