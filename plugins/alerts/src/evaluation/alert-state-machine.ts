import type { AlertState } from '@platform/sdk/alerts';
import { breaches, hasRecovered, type ThresholdRule } from './alert-condition.ts';

/**
 * The alert state machine, pure. One alert (a rule and one set of labels) moves on each evaluation:
 *
 * ```
 *   normal ──breach──▶ pending ──breach held for `for`──▶ firing ──recovered past the recovery
 *     ▲                  │                                  │      threshold, and no breach for
 *     └──no breach───────┘                                  │      `keepFiringFor`──▶ resolved
 *                                                           ▼
 *                                               no_data / error (still open)
 * ```
 * - `for` = 0 fires on the first breaching evaluation.
 * - Between threshold and recovery threshold a firing alert keeps firing (hysteresis, no flapping).
 * - An open alert (it fired and has not resolved) that gets no data or an error moves to `no_data` /
 *   `error` but stays open: data coming back resolves it or makes it fire again, without a second
 *   "fired" transition.
 * - `resolved` stays until the next breach (which starts a new `pending`).
 */
export interface AlertMemory {
  state: AlertState;
  stateSince: number;
  pendingSince: number | null;
  /** When the current episode fired; non-null while the alert is open. */
  firingSince: number | null;
  lastBreachAt: number | null;
  value: number | null;
  error: string | null;
}

export type Observation = { kind: 'value'; value: number } | { kind: 'no_data' } | { kind: 'error'; message: string };

export interface AlertTiming extends ThresholdRule {
  forMs: number;
  keepFiringForMs: number;
}

export type AlertTransition = 'fired' | 'resolved' | null;

export interface AlertStep {
  next: AlertMemory;
  transition: AlertTransition;
}

export const NORMAL: AlertMemory = { state: 'normal', stateSince: 0, pendingSince: null, firingSince: null, lastBreachAt: null, value: null, error: null };

export function isOpen(m: Pick<AlertMemory, 'firingSince'>): boolean {
  return m.firingSince !== null;
}

function moveTo(prev: AlertMemory, state: AlertState, now: number, patch: Partial<AlertMemory>): AlertMemory {
  return { ...prev, ...patch, state, stateSince: prev.state === state ? prev.stateSince : now };
}

export function advanceAlert(previous: AlertMemory | null, obs: Observation, rule: AlertTiming, now: number): AlertStep {
  const prev = previous ?? { ...NORMAL, stateSince: now };

  if (obs.kind === 'no_data' || obs.kind === 'error') {
    const state = obs.kind === 'no_data' ? 'no_data' : 'error';
    if (!isOpen(prev) && prev.state === 'resolved') return { next: { ...prev, value: null }, transition: null };
    return { next: moveTo(prev, state, now, { pendingSince: null, value: null, error: obs.kind === 'error' ? obs.message : null }), transition: null };
  }

  const value = obs.value;
  const breach = breaches(value, rule.condition, rule.threshold);

  if (isOpen(prev)) {
    if (breach) return { next: moveTo(prev, 'firing', now, { lastBreachAt: now, value, error: null }), transition: null };
    const lastBreach = prev.lastBreachAt ?? prev.firingSince!;
    if (hasRecovered(value, rule) && now - lastBreach >= rule.keepFiringForMs) {
      return { next: moveTo(prev, 'resolved', now, { pendingSince: null, firingSince: null, value, error: null }), transition: 'resolved' };
    }
    return { next: moveTo(prev, 'firing', now, { value, error: null }), transition: null };
  }

  if (breach) {
    const pendingSince = prev.state === 'pending' && prev.pendingSince !== null ? prev.pendingSince : now;
    if (now - pendingSince >= rule.forMs) {
      return { next: moveTo(prev, 'firing', now, { pendingSince, firingSince: now, lastBreachAt: now, value, error: null }), transition: 'fired' };
    }
    return { next: moveTo(prev, 'pending', now, { pendingSince, lastBreachAt: now, value, error: null }), transition: null };
  }

  if (prev.state === 'resolved') return { next: { ...prev, value }, transition: null };
  return { next: moveTo(prev, 'normal', now, { pendingSince: null, value, error: null }), transition: null };
}

/** A manual resolve: closes the episode whatever the value (the next breach starts a new one). */
export function resolveByHand(prev: AlertMemory, now: number): AlertStep {
  if (!isOpen(prev)) return { next: prev, transition: null };
  return { next: moveTo(prev, 'resolved', now, { pendingSince: null, firingSince: null }), transition: 'resolved' };
}
