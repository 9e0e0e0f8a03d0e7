import type { MaintenanceStatus } from './status-vocabulary.ts';

declare module '@platform/sdk' {
  interface PlatformEvents {
    /** A maintenance window moved to another state (by the job or by hand). */
    'status.maintenance_changed': { id: string; title: string; from: MaintenanceStatus; to: MaintenanceStatus; at: string };
  }
}

export {};
