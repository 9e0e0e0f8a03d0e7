import type { EntityManager, PluginContext } from '@platform/sdk';
import { advanceMaintenance } from './maintenance-lifecycle.ts';
import type { MaintenanceStatus } from '../status-vocabulary.ts';
import '../status-events.ts';

interface WindowRow {
  id: string;
  title: string;
  status: MaintenanceStatus;
  scheduled_start: Date;
  scheduled_end: Date;
  actual_start: Date | null;
  actual_end: Date | null;
}

/** Moves due windows along (scheduled -> in_progress -> completed), audited, with a durable event each. */
export async function advanceMaintenanceWindows(ctx: PluginContext, now: Date, em?: EntityManager): Promise<number> {
  const work = async (tem: EntityManager) => {
    const rows = await ctx.db.sql<WindowRow>(
      `SELECT id, title, status, scheduled_start, scheduled_end, actual_start, actual_end FROM status_maintenance_windows
       WHERE (status = 'scheduled' AND scheduled_start <= $1) OR (status = 'in_progress' AND scheduled_end <= $1)
       ORDER BY scheduled_start FOR UPDATE SKIP LOCKED`,
      [now],
      tem,
    );
    let changed = 0;
    for (const r of rows) {
      const change = advanceMaintenance(
        { status: r.status, scheduledStart: new Date(r.scheduled_start), scheduledEnd: new Date(r.scheduled_end), actualStart: r.actual_start ? new Date(r.actual_start) : null, actualEnd: r.actual_end ? new Date(r.actual_end) : null },
        now,
      );
      if (!change) continue;
      await ctx.db.sql('UPDATE status_maintenance_windows SET status = $2, actual_start = $3, actual_end = $4, updated_at = now() WHERE id = $1', [r.id, change.status, change.actualStart, change.actualEnd], tem);
      await ctx.audit.record({ action: `status.maintenance_${change.status}`, targetType: 'status.maintenance_window', targetId: r.id, before: { status: r.status }, after: change }, tem);
      await ctx.events.emitDurable(tem, 'status.maintenance_changed', { id: r.id, title: r.title, from: r.status, to: change.status, at: now.toISOString() });
      changed++;
    }
    return changed;
  };
  return em ? em.transactional(work) : ctx.db.system().transactional(work);
}
