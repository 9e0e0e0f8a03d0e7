import type { ActiveMaintenanceWindow, MaintenanceWindowReader } from '@platform/sdk/maintenance';
import type { Database } from '@platform/sdk';

/**
 * The `status.maintenance-windows` service (MAINTENANCE_WINDOWS): windows in progress at a time, for the
 * alerts plugin to mute notifications. A scheduled window whose start has come counts before the job
 * moves it. Windows here are platform-wide (tenantId null).
 */
export function createMaintenanceReader(db: () => Database): MaintenanceWindowReader {
  return {
    async activeWindows(at: Date): Promise<ActiveMaintenanceWindow[]> {
      const rows = await db().sql<{ id: string; title: string; scheduled_start: Date; scheduled_end: Date; components: string[] }>(
        `SELECT id, title, scheduled_start, scheduled_end, components FROM status_maintenance_windows
         WHERE status = 'in_progress' OR (status = 'scheduled' AND scheduled_start <= $1 AND scheduled_end > $1)
         ORDER BY scheduled_start`,
        [at],
      );
      return rows.map((r) => ({
        id: r.id,
        title: r.title,
        startsAt: new Date(r.scheduled_start).toISOString(),
        endsAt: new Date(r.scheduled_end).toISOString(),
        components: r.components ?? [],
        tenantId: null,
      }));
    },
  };
}
