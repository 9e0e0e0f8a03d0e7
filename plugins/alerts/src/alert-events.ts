import type { AlertLifecycleEvent } from '@platform/sdk/alerts';

/** Durable events of the alerts plugin (payload: the SDK's AlertLifecycleEvent). */
declare module '@platform/sdk' {
  interface PlatformEvents {
    'alerts.fired': AlertLifecycleEvent;
    'alerts.acknowledged': AlertLifecycleEvent;
    'alerts.resolved': AlertLifecycleEvent;
  }
}

export const ALERT_EVENTS = ['alerts.fired', 'alerts.acknowledged', 'alerts.resolved'] as const;
