import type { HealthStatusChanged } from '@platform/sdk/monitors';

/** `health.status_changed`: durable, emitted when a (monitor, target)'s debounced status changes. */
declare module '@platform/sdk' {
  interface PlatformEvents {
    'health.status_changed': HealthStatusChanged;
  }
}

export const HEALTH_STATUS_CHANGED = 'health.status_changed';
