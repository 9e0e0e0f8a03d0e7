/** Events this plugin emits (durably, after commit), and the alert event it listens to. */
export interface FlagChangedEvent {
  key: string;
  action: string;
  reason: string;
  actorId: string | null;
  /** The tenant an override change concerns. */
  tenantId: string | null;
}

export interface FlagKilledEvent {
  key: string;
  reason: string;
  actorId: string | null;
}

export interface RolloutPausedEvent {
  rolloutId: string;
  key: string;
  reason: string;
  /** The alert rule that paused it, when an alert did. */
  alert: string | null;
}

/**
 * `alerts.fired`, the alerts plugin's durable event (its payload is the SDK's `AlertLifecycleEvent`; read
 * structurally here so this plugin neither needs the alerts plugin nor declares its event). A staged
 * rollout whose `pauseOnAlerts` names the alert's rule (id or name) is paused.
 */
export const ALERT_FIRED = 'alerts.fired';

/** The part of an `alerts.fired` payload this plugin reads. */
export interface FiredAlert {
  alert?: { ruleId?: string; ruleName?: string; description?: string | null; tenantId?: string | null };
}

/** The alert rule identifiers a rollout's `pauseOnAlerts` may name. */
export function alertRuleNames(payload: unknown): { names: string[]; message: string | undefined } {
  const alert = (payload as FiredAlert | null)?.alert;
  const names = [alert?.ruleId, alert?.ruleName].filter((name): name is string => typeof name === 'string' && name !== '');
  return { names, message: alert?.description ?? undefined };
}

declare module '@platform/sdk' {
  interface PlatformEvents {
    'feature-flags.flag.changed': FlagChangedEvent;
    'feature-flags.flag.killed': FlagKilledEvent;
    'feature-flags.rollout.paused': RolloutPausedEvent;
  }
}
