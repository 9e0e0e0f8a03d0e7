/** Shapes of the health API as the console reads them (see plugins/health/src/views). */
import type { ObservedStatus } from '@platform/sdk/monitors';
export type { ObservedStatus };
export type OverallStatus = 'operational' | 'degraded' | 'partial_outage' | 'major_outage' | 'unknown';

/** One (monitor, target) as the API returns it (type only: nothing from the server is bundled). */
import type { TargetView } from '../src/views/target-view.ts';
import type { MonitorSummary } from '../src/views/health-views.ts';
export type { TargetView };

export type Tally = Record<ObservedStatus, number>;

export interface Overview {
  status: OverallStatus;
  /** No target has reported yet (a fresh install): not an outage. */
  waitingForFirstChecks: boolean;
  services: TargetView[];
  tenantMonitors: { id: string; name: string; tally: Tally; configured: number }[];
  scheduler: { alive: boolean; lastBeatAt: string | null };
  timestamp: string;
}

export type UptimeWindows = Record<'24h' | '7d' | '30d' | '90d', { uptimePct: number | null; checks: number }>;

export interface ServiceDetail extends MonitorSummary {
  target: TargetView | null;
  tally: Tally | null;
  uptime: UptimeWindows | null;
  sparkline: { hour: string; avgMs: number; p95Ms: number; checks: number; unhealthy: number }[];
  recentFailures: HistoryPoint[];
}

export interface HistoryPoint {
  checkedAt: string;
  status: string;
  stateStatus: string;
  responseTimeMs: number;
  message: string;
}

export interface History {
  resolution: 'raw' | 'hour';
  points: (HistoryPoint | { hour: string; avgMs: number; p95Ms: number; maxMs: number; checks: number; unhealthy: number })[];
  failures: HistoryPoint[];
}

export interface MatrixPage {
  monitors: { id: string; name: string }[];
  rows: { id: string; tenant: { id: string; slug: string; name: string }; status: ObservedStatus; cells: Record<string, TargetView | null> }[];
  total: number;
}
