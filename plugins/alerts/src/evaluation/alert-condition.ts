import type { AlertCondition } from '@platform/sdk/alert-channels';

/** Default hysteresis: an alert recovers 10% of the threshold away from it. */
export const DEFAULT_HYSTERESIS = 0.1;

export interface ThresholdRule {
  condition: AlertCondition;
  threshold: number;
  /** Where the alert recovers; null for the default 10% hysteresis. */
  recoveryThreshold: number | null;
}

/** Whether a value breaches the rule's threshold. `eq` compares with a relative tolerance of 1e-9. */
export function breaches(value: number, condition: AlertCondition, threshold: number): boolean {
  switch (condition) {
    case 'gt': return value > threshold;
    case 'lt': return value < threshold;
    case 'eq': return Math.abs(value - threshold) <= 1e-9 * Math.max(1, Math.abs(threshold));
  }
}

/** The recovery threshold: given, or 10% of |threshold| back from it (gt: below, lt: above). `eq` has none. */
export function recoveryThresholdOf(rule: ThresholdRule): number {
  if (rule.recoveryThreshold !== null) return rule.recoveryThreshold;
  const margin = Math.abs(rule.threshold) * DEFAULT_HYSTERESIS;
  return rule.condition === 'gt' ? rule.threshold - margin : rule.condition === 'lt' ? rule.threshold + margin : rule.threshold;
}

/**
 * Whether a firing alert has recovered: gt recovers at or below the recovery threshold, lt at or above
 * it, eq once the value differs. Between threshold and recovery threshold it keeps firing (no flapping).
 */
export function hasRecovered(value: number, rule: ThresholdRule): boolean {
  const recovery = recoveryThresholdOf(rule);
  switch (rule.condition) {
    case 'gt': return value <= recovery;
    case 'lt': return value >= recovery;
    case 'eq': return !breaches(value, 'eq', rule.threshold);
  }
}

/** The field that is wrong when an explicit recovery threshold sits on the breaching side, else null. */
export function recoveryThresholdProblem(rule: ThresholdRule): string | null {
  if (rule.recoveryThreshold === null) return null;
  if (rule.condition === 'gt' && rule.recoveryThreshold > rule.threshold) return 'recoveryThreshold must be at most threshold for a "gt" rule';
  if (rule.condition === 'lt' && rule.recoveryThreshold < rule.threshold) return 'recoveryThreshold must be at least threshold for an "lt" rule';
  if (rule.condition === 'eq') return 'recoveryThreshold does not apply to an "eq" rule';
  return null;
}
