import { problems, type PlatformRequest, type PluginContext } from '@platform/sdk';
import { IncidentEntity, IncidentInput, type IncidentUpdate } from '../entities/incident.ts';
import { MaintenanceWindowEntity, MaintenanceWindowInput } from '../entities/maintenance-window.ts';
import { canChangeMaintenance, manualMaintenanceTimes } from '../maintenance/maintenance-lifecycle.ts';
import { incidentTimelineOnSave } from '../incidents/incident-timeline.ts';
import type { IncidentStatus, MaintenanceStatus } from '../status-vocabulary.ts';

const asDate = (v: unknown): Date | null => (v === null || v === undefined ? null : new Date(v as string));

/** Staff CRUD for maintenance windows and incidents (react-admin conventions, audited). */
export function addAdminRoutes(ctx: PluginContext, clock: () => number, onChange: () => void): void {
  ctx.crud({
    entity: MaintenanceWindowEntity,
    path: '/maintenance-windows',
    resource: 'status.maintenance_window',
    permissions: { read: 'status.read', write: 'status.manage' },
    createSchema: MaintenanceWindowInput,
    tenantScoped: false,
    searchFields: ['title', 'description'],
    eventPrefix: 'status.maintenance_window',
    beforeSave(data, req: PlatformRequest, existing) {
      const now = new Date(clock());
      for (const k of ['scheduledStart', 'scheduledEnd'] as const) if (data[k] !== undefined) data[k] = asDate(data[k]);
      const start = (data.scheduledStart as Date | undefined) ?? asDate(existing?.scheduledStart);
      const end = (data.scheduledEnd as Date | undefined) ?? asDate(existing?.scheduledEnd);
      if (!start || !end || end <= start) throw problems.validation('scheduledEnd', 'scheduledEnd must be after scheduledStart');
      if (!existing) {
        data.status ??= 'scheduled';
        if (data.status !== 'scheduled') throw problems.validation('status', 'a new maintenance window starts as scheduled');
        data.createdBy = req.ctx.actor?.id ?? null;
      } else if (data.status !== undefined && data.status !== existing.status) {
        const from = existing.status as MaintenanceStatus;
        const to = data.status as MaintenanceStatus;
        if (!canChangeMaintenance(from, to)) throw problems.conflict('invalid_transition', `A ${from} maintenance window cannot become ${to}`, 'status');
        Object.assign(data, manualMaintenanceTimes(from, to, { actualStart: asDate(existing.actualStart), actualEnd: asDate(existing.actualEnd) }, now));
      }
      onChange();
    },
  });

  ctx.crud({
    entity: IncidentEntity,
    path: '/incidents',
    resource: 'status.incident',
    permissions: { read: 'status.read', write: 'status.manage' },
    createSchema: IncidentInput,
    tenantScoped: false,
    searchFields: ['title', 'message'],
    eventPrefix: 'status.incident',
    beforeSave(data, req: PlatformRequest, existing) {
      const now = new Date(clock());
      if (data.startedAt !== undefined) data.startedAt = asDate(data.startedAt);
      if (!existing) {
        data.startedAt ??= now;
        data.createdBy = req.ctx.actor?.id ?? null;
      }
      Object.assign(
        data,
        incidentTimelineOnSave(
          { status: data.status as IncidentStatus | undefined, message: data.message as string | undefined },
          existing ? { status: existing.status as IncidentStatus, message: String(existing.message ?? ''), updates: (existing.updates as IncidentUpdate[]) ?? [], resolvedAt: asDate(existing.resolvedAt) } : null,
          now,
        ),
      );
      onChange();
    },
  });
}
