import { describe, expect, it } from 'vitest';
import type { MonitorStatus } from '@platform/sdk/monitors';
import { INITIAL_FAILURE_STATE, isFailing, observeResult, type FailureState } from '../src/status/failure-state.ts';

const policy = { failureThreshold: 3, recoveryThreshold: 2 };
const run = (results: MonitorStatus[], from: FailureState = INITIAL_FAILURE_STATE) => {
  const trail: string[] = [];
  let s = from;
  for (const r of results) {
    s = observeResult(s, r, policy);
    trail.push(s.status);
  }
  return { state: s, trail };
};

describe('consecutive-failure state machine', () => {
  it('takes the first result as it is', () => {
    expect(run(['healthy']).trail).toEqual(['healthy']);
    expect(run(['unhealthy']).trail).toEqual(['unhealthy']);
  });

  it('turns unhealthy only at the N-th consecutive failure', () => {
    expect(run(['healthy', 'unhealthy', 'unhealthy', 'unhealthy']).trail).toEqual(['healthy', 'healthy', 'healthy', 'unhealthy']);
  });

  it('forgets failures interrupted by a success', () => {
    expect(run(['healthy', 'unhealthy', 'unhealthy', 'healthy', 'unhealthy', 'unhealthy']).trail.at(-1)).toBe('healthy');
  });

  it('recovers only after M consecutive successes', () => {
    const down = run(['unhealthy']).state;
    expect(run(['healthy'], down).trail).toEqual(['unhealthy']);
    expect(run(['healthy', 'unhealthy', 'healthy', 'healthy'], down).trail).toEqual(['unhealthy', 'unhealthy', 'unhealthy', 'healthy']);
  });

  it('recovers to degraded when that is what the M-th success says', () => {
    expect(run(['degraded', 'degraded'], run(['unhealthy']).state).trail).toEqual(['unhealthy', 'degraded']);
  });

  it('moves between healthy and degraded at once (degraded is not a failure)', () => {
    expect(run(['healthy', 'degraded', 'healthy']).trail).toEqual(['healthy', 'degraded', 'healthy']);
  });

  it('a degraded target fails like a healthy one', () => {
    expect(run(['degraded', 'unhealthy', 'unhealthy', 'unhealthy']).trail).toEqual(['degraded', 'degraded', 'degraded', 'unhealthy']);
  });

  it('is failing while failures accumulate or while unhealthy', () => {
    expect(isFailing(run(['healthy', 'unhealthy']).state)).toBe(true);
    expect(isFailing(run(['unhealthy', 'healthy']).state)).toBe(true);
    expect(isFailing(run(['unhealthy', 'healthy', 'healthy']).state)).toBe(false);
  });

  it('treats thresholds below 1 as 1', () => {
    expect(observeResult({ status: 'healthy', consecutiveFailures: 0, consecutiveSuccesses: 5 }, 'unhealthy', { failureThreshold: 0, recoveryThreshold: 0 }).status).toBe('unhealthy');
  });
});
