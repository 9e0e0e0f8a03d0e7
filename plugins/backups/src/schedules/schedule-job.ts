import type { Logger, TenantDirectory } from '@platform/sdk';
import type { BackupService } from '../backup-service.ts';
import { backupsToPrune, dailySlot, scheduleDue } from './retention.ts';
import type { ScheduleRecords } from './schedule-records.ts';

/**
 * One pass of the scheduler (a kernel job, every minute): marks backups and restores left running by a stopped
 * instance as failed; runs every due schedule once a day (claimed, so two instances do not both run it), one tenant
 * after the other, then applies its retention to that tenant's backups of the schedule.
 */
export async function runDueSchedules(deps: { service: BackupService; schedules: ScheduleRecords; tenants: TenantDirectory; logger: Logger }, now: Date): Promise<void> {
  const { service, schedules } = deps;
  await service.records.failStale();
  for (const s of await schedules.list(null)) {
    if (!s.enabled || !scheduleDue(s.hourUtc, s.lastRunAt, now)) continue;
    if (!(await schedules.claim(s.id, dailySlot(s.hourUtc, now), now))) continue;
    const targets = s.tenantId ? [await deps.tenants.get(s.tenantId)].filter((t) => t && t.status === 'active') : await deps.tenants.list({ status: ['active'] });
    for (const tenant of targets) {
      try {
        const started = await service.startBackup(tenant!, s.plugins, { actorId: null, actorType: 'system', requestId: null }, s.id);
        await service.settled(started.id);
        const kept = await service.records.completedBackupsOfSchedule(s.id, tenant!.id);
        for (const id of backupsToPrune(kept, s.keepDaily, s.keepWeekly)) await service.deleteBackup(id, { actorId: null, actorType: 'system', requestId: null });
      } catch (err) {
        deps.logger.error({ err, scheduleId: s.id, tenantId: tenant!.id }, 'scheduled backup failed');
      }
    }
  }
}
