import type { MaintenanceStatus } from '../status-vocabulary.ts';

export interface MaintenanceTimes {
  status: MaintenanceStatus;
  scheduledStart: Date;
  scheduledEnd: Date;
  actualStart: Date | null;
  actualEnd: Date | null;
}

export type MaintenanceChange = Pick<MaintenanceTimes, 'status' | 'actualStart' | 'actualEnd'>;

/**
 * What the job does to a window at `now`: a scheduled window starts at its scheduled start, an
 * in-progress one completes at its scheduled end (a window whose whole span was missed goes straight
 * to completed). Null when nothing changes.
 */
export function advanceMaintenance(w: MaintenanceTimes, now: Date): MaintenanceChange | null {
  if (w.status === 'scheduled' && w.scheduledEnd <= now) return { status: 'completed', actualStart: w.actualStart ?? w.scheduledStart, actualEnd: w.scheduledEnd };
  if (w.status === 'scheduled' && w.scheduledStart <= now) return { status: 'in_progress', actualStart: now, actualEnd: null };
  if (w.status === 'in_progress' && w.scheduledEnd <= now) return { status: 'completed', actualStart: w.actualStart ?? w.scheduledStart, actualEnd: now };
  return null;
}

const ALLOWED: Record<MaintenanceStatus, MaintenanceStatus[]> = {
  scheduled: ['scheduled', 'in_progress', 'cancelled'],
  in_progress: ['in_progress', 'completed', 'cancelled'],
  completed: ['completed'],
  cancelled: ['cancelled'],
};

/** Manual changes: start early, end early, cancel; a finished or cancelled window stays so. */
export function canChangeMaintenance(from: MaintenanceStatus, to: MaintenanceStatus): boolean {
  return ALLOWED[from].includes(to);
}

/** Actual times for a manual status change. */
export function manualMaintenanceTimes(from: MaintenanceStatus, to: MaintenanceStatus, current: { actualStart: Date | null; actualEnd: Date | null }, now: Date): Partial<MaintenanceChange> {
  if (from === to) return {};
  if (to === 'in_progress') return { actualStart: now };
  if (to === 'completed' || (to === 'cancelled' && from === 'in_progress')) return { actualStart: current.actualStart ?? now, actualEnd: now };
  return {};
}

/** Windows in progress now, and those starting within `horizonMs` (the seed: 7 days), soonest first. */
export function splitMaintenance<T extends MaintenanceTimes>(windows: readonly T[], now: Date, horizonMs: number): { current: T[]; upcoming: T[] } {
  const current = windows.filter((w) => w.status === 'in_progress');
  const upcoming = windows
    .filter((w) => w.status === 'scheduled' && w.scheduledStart.getTime() - now.getTime() <= horizonMs && w.scheduledEnd > now)
    .sort((a, b) => a.scheduledStart.getTime() - b.scheduledStart.getTime());
  return { current, upcoming };
}
