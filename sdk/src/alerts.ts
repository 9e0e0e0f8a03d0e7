import type { AlertCondition, AlertSeverity } from './alert-channels.ts';

/**
 * Alerts as other plugins see them: the `alerts` service (read one alert, e.g. to open an incident from
 * it) and the durable lifecycle events the alerts plugin emits (`alerts.fired`, `alerts.acknowledged`,
 * `alerts.resolved`), whose payload is an {@link AlertLifecycleEvent}.
 *
 * ```ts
 * const alerts = optionalService<AlertReader>(ctx, ALERTS_SERVICE);   // null when alerts is not installed
 * ctx.events.subscribe('incidents.alert-timeline', 'alerts.*', (payload) => { ... payload as AlertLifecycleEvent ... });
 * ```
 */

/** DI key of the {@link AlertReader}. */
export const ALERTS_SERVICE = 'alerts';

export type AlertState = 'normal' | 'pending' | 'firing' | 'resolved' | 'no_data' | 'error';

export interface AlertSummary {
  id: string;
  fingerprint: string;
  ruleId: string;
  ruleName: string;
  description: string | null;
  severity: AlertSeverity;
  component: string | null;
  metric: string;
  condition: AlertCondition;
  threshold: number;
  labels: Record<string, string>;
  state: AlertState;
  value: number | null;
  /** ISO; when the current firing episode started. */
  firingSince: string | null;
  resolvedAt: string | null;
  tenantId: string | null;
  /** Console link of the alert. */
  link: string;
}

export interface AlertReader {
  get(alertId: string): Promise<AlertSummary | null>;
}

export type AlertLifecycleAction = 'fired' | 'acknowledged' | 'resolved';

/** Payload of `alerts.fired`, `alerts.acknowledged` and `alerts.resolved`. */
export interface AlertLifecycleEvent {
  action: AlertLifecycleAction;
  alert: AlertSummary;
  /** Who acknowledged or resolved by hand; null for the evaluator. */
  by: string | null;
  at: string;
}

/** Resolves a DI service another plugin may or may not provide; null when it is not installed. */
export function optionalService<T>(ctx: { resolve<U>(name: string): U }, key: string): T | null {
  try {
    return ctx.resolve<T>(key) ?? null;
  } catch {
    return null;
  }
}
