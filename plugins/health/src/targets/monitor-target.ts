import type { TenantInfo } from '@platform/sdk';
import type { MonitorEntry } from './monitor-entry.ts';

/** The target key of a platform-scoped monitor's single target. */
export const PLATFORM_TARGET = 'platform';

/** One thing to check: a monitor for the platform, for one tenant, or for one push monitor. */
export interface MonitorTarget {
  /** `<monitorId>/<targetKey>` */
  key: string;
  monitorId: string;
  targetKey: string;
  tenant: TenantInfo | null;
  label: string;
  entry: MonitorEntry;
  /** Validated configuration; null when not configured. */
  config: Record<string, unknown> | null;
  /** Why it is not configured. */
  problem: string | null;
  intervalMs: number;
  offsetMs: number;
  /** Scheduling state, owned by the scheduler on this instance. */
  nextPlannedAt: number;
  /** The next planned run is a catch-up (first run after discovery), excluded from lag statistics. */
  catchUp: boolean;
  failing: boolean;
  memo: Map<string, { value: unknown; expiresAt: number }>;
}

export const targetKeyOf = (monitorId: string, targetKey: string) => `${monitorId}/${targetKey}`;

/** Scheduled: enabled and configured. */
export function isScheduled(t: MonitorTarget): boolean {
  return t.entry.enabled && t.config !== null;
}
