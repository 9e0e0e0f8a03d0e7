import { DEFAULT_CHECK_TIMEOUT_MS, MONITOR_TIER_INTERVAL_SECONDS, type MonitorTier } from '@platform/sdk/monitors';
import { DEFAULT_FAILURE_POLICY } from './status/failure-state.ts';

/** How the health plugin runs. The defaults suit production; tests and the benchmark compress time. */
export interface HealthOptions {
  /** Start the scheduler loop after boot (default true). Tests drive checks with `runNow()` instead. */
  autoStart: boolean;
  /** Interval per tier, in seconds. */
  tierIntervalSeconds: Record<MonitorTier, number>;
  /** How often the loop looks for due checks. */
  loopMs: number;
  /**
   * Checks planned up to this far ahead are claimed on a pass and then started at their planned time by
   * one timer, so that neither the claim's round trip nor the loop's period delays them.
   * Default: twice `loopMs`, at least 200 ms.
   */
  claimAheadMs: number;
  /** Checks running at once on this instance. */
  concurrency: number;
  /** Share of the (failing) interval over which checks are spread, 0..1. */
  jitterRatio: number;
  /** A failing target is checked this many times as often. */
  failingSpeedup: number;
  failureThreshold: number;
  recoveryThreshold: number;
  defaultTimeoutMs: number;
  /** Results are written in batches at most this far apart. */
  flushMs: number;
  /** Monitors, tenants and settings are re-read this often. */
  targetRefreshMs: number;
  /** Failing flags set by other instances are picked up this often. */
  stateSyncMs: number;
  heartbeatMs: number;
  /** The read path's in-memory state snapshot: re-read at most this often after another instance wrote... */
  snapshotPeerReloadMs: number;
  /** ...and at least this often regardless. */
  snapshotMaxAgeMs: number;
  clock: () => number;
  instanceId?: string;
}

export function resolveHealthOptions(given: Partial<HealthOptions> = {}): HealthOptions {
  const resolved = {
    autoStart: true,
    tierIntervalSeconds: { ...MONITOR_TIER_INTERVAL_SECONDS, ...(given.tierIntervalSeconds ?? {}) },
    loopMs: 100,
    concurrency: 32,
    jitterRatio: 1,
    failingSpeedup: 4,
    failureThreshold: DEFAULT_FAILURE_POLICY.failureThreshold,
    recoveryThreshold: DEFAULT_FAILURE_POLICY.recoveryThreshold,
    defaultTimeoutMs: DEFAULT_CHECK_TIMEOUT_MS,
    flushMs: 200,
    targetRefreshMs: 60_000,
    stateSyncMs: 10_000,
    heartbeatMs: 5_000,
    snapshotPeerReloadMs: 250,
    snapshotMaxAgeMs: 5_000,
    clock: Date.now,
    ...Object.fromEntries(Object.entries(given).filter(([k, v]) => v !== undefined && k !== 'tierIntervalSeconds')),
  } as HealthOptions;
  if (given.claimAheadMs === undefined) resolved.claimAheadMs = Math.max(200, 2 * resolved.loopMs);
  return resolved;
}
