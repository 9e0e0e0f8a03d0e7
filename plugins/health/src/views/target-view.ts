import type { ObservedStatus } from '@platform/sdk/monitors';
import type { MonitorStateRow } from '../store/monitor-state-store.ts';
import { displayedStatus } from '../status/staleness.ts';
import { isScheduled, type MonitorTarget } from '../targets/monitor-target.ts';

/** One (monitor, target) as the API shows it. */
export interface TargetView {
  monitorId: string;
  monitorName: string;
  targetKey: string;
  tenantId: string | null;
  label: string;
  status: ObservedStatus;
  /** The latest check's own verdict (the status above is debounced: N failures in a row). */
  lastResult: string | null;
  /** False when the target's settings do not validate (then `problem` says why) or the monitor is disabled. */
  checked: boolean;
  problem: string | null;
  responseTimeMs: number | null;
  lastCheckedAt: string | null;
  since: string | null;
  message: string | null;
  details: Record<string, unknown> | null;
  consecutiveFailures: number;
}

const iso = (d: Date | null | undefined) => (d ? new Date(d).toISOString() : null);

export function targetView(target: MonitorTarget, state: MonitorStateRow | undefined, now: number, schedulerAlive: boolean): TargetView {
  const scheduled = isScheduled(target);
  const lastChecked = state?.last_checked_at ? new Date(state.last_checked_at).getTime() : null;
  const status = scheduled ? displayedStatus(state?.status, lastChecked, now, { intervalMs: target.intervalMs, timeoutMs: target.entry.timeoutMs }, schedulerAlive) : 'unknown';
  return {
    monitorId: target.monitorId,
    monitorName: target.entry.monitor.name,
    targetKey: target.targetKey,
    tenantId: target.tenant?.id ?? null,
    label: target.label,
    status,
    lastResult: state?.last_result_status ?? null,
    checked: scheduled,
    problem: !target.entry.enabled ? 'monitor disabled' : target.problem,
    responseTimeMs: state?.response_time_ms ?? null,
    lastCheckedAt: iso(state?.last_checked_at),
    since: status === state?.status ? iso(state?.status_since) : null,
    message: state?.message ?? null,
    details: state?.details ?? null,
    consecutiveFailures: state?.consecutive_failures ?? 0,
  };
}

export type StatusTally = Record<ObservedStatus, number>;
