import type { Overview } from './health-api-types.ts';
import { ago, formatMs } from './status-colors.ts';

/** What a service card shows: a platform service, or a per-tenant monitor with its tally. */
export interface ServiceCard {
  id: string;
  name: string;
  /** An observed status, or `waiting` (never checked yet) or `not_checked` (disabled, not configured). */
  status: string;
  line: string;
  /** The latest check's message while the service is not healthy: its last error. */
  lastError: string | null;
  /** When the current status began (ISO), when known. */
  since: string | null;
}

const ORDER: Record<string, number> = { unhealthy: 0, degraded: 1, unknown: 2, waiting: 3, not_checked: 4, healthy: 5 };

/** Every service of the overview, the failing ones first (unhealthy, degraded, unknown...), then by name. */
export function serviceCards(overview: Overview): ServiceCard[] {
  const cards: ServiceCard[] = [
    ...overview.services.map((s): ServiceCard => {
      if (!s.checked) return { id: s.monitorId, name: s.monitorName, status: 'not_checked', line: s.problem ?? 'not checked', lastError: null, since: null };
      if (!s.lastCheckedAt) return { id: s.monitorId, name: s.monitorName, status: 'waiting', line: 'waiting for the first check', lastError: null, since: null };
      return {
        id: s.monitorId,
        name: s.monitorName,
        status: s.status,
        line: `${formatMs(s.responseTimeMs)} · checked ${ago(s.lastCheckedAt)}`,
        lastError: s.status === 'healthy' ? null : s.message || s.lastResult,
        since: s.since,
      };
    }),
    ...overview.tenantMonitors.map((m): ServiceCard => {
      const t = m.tally;
      const waiting = overview.waitingForFirstChecks && m.configured > 0 && t.unknown === m.configured;
      const status = !m.configured ? 'not_checked' : waiting ? 'waiting' : t.unhealthy ? 'unhealthy' : t.degraded ? 'degraded' : t.unknown ? 'unknown' : 'healthy';
      const line = !m.configured ? 'no tenant configured' : waiting ? 'waiting for the first checks' : `${t.healthy}/${m.configured} tenants healthy${t.unhealthy ? ` · ${t.unhealthy} unhealthy` : ''}${t.degraded ? ` · ${t.degraded} degraded` : ''}`;
      return { id: m.id, name: m.name, status, line, lastError: null, since: null };
    }),
  ];
  return cards.sort((a, b) => (ORDER[a.status] ?? 9) - (ORDER[b.status] ?? 9) || a.name.localeCompare(b.name));
}

export const isFailing = (card: ServiceCard) => card.status === 'unhealthy' || card.status === 'degraded' || card.status === 'unknown';
