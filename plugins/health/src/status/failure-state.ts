import type { MonitorStatus, ObservedStatus } from '@platform/sdk/monitors';

/** The debounced status of one (monitor, target) and the counters that move it. */
export interface FailureState {
  status: ObservedStatus;
  consecutiveFailures: number;
  consecutiveSuccesses: number;
}

export interface FailurePolicy {
  /** N: consecutive unhealthy results before a healthy/degraded target turns unhealthy. */
  failureThreshold: number;
  /** M: consecutive non-unhealthy results before an unhealthy target recovers. */
  recoveryThreshold: number;
}

export const DEFAULT_FAILURE_POLICY: FailurePolicy = { failureThreshold: 3, recoveryThreshold: 2 };

export const INITIAL_FAILURE_STATE: FailureState = { status: 'unknown', consecutiveFailures: 0, consecutiveSuccesses: 0 };

/**
 * Applies one check result:
 * - from `unknown` (never checked, or no fresh data) the result is taken as it is;
 * - an unhealthy result counts a failure; the target turns unhealthy at the N-th in a row;
 * - a healthy or degraded result counts a success; an unhealthy target recovers at the M-th in a row,
 *   any other target follows it at once (healthy <-> degraded is not debounced).
 */
export function observeResult(state: FailureState, result: MonitorStatus, policy: FailurePolicy): FailureState {
  const failed = result === 'unhealthy';
  const consecutiveFailures = failed ? state.consecutiveFailures + 1 : 0;
  const consecutiveSuccesses = failed ? 0 : state.consecutiveSuccesses + 1;
  let status: ObservedStatus;
  if (state.status === 'unknown') status = result;
  else if (failed) status = state.status === 'unhealthy' || consecutiveFailures >= Math.max(1, policy.failureThreshold) ? 'unhealthy' : state.status;
  else if (state.status === 'unhealthy') status = consecutiveSuccesses >= Math.max(1, policy.recoveryThreshold) ? result : 'unhealthy';
  else status = result;
  return { status, consecutiveFailures, consecutiveSuccesses };
}

/** A target is checked more often while it fails or is unhealthy. */
export function isFailing(state: FailureState): boolean {
  return state.consecutiveFailures > 0 || state.status === 'unhealthy';
}
