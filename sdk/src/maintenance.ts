/**
 * Maintenance windows, as readers see them. The `status` plugin owns maintenance windows and provides
 * a {@link MaintenanceWindowReader} under {@link MAINTENANCE_WINDOWS}; the alerts plugin looks it up
 * (optionally) on every evaluation and mutes the notifications of the alerts a window affects.
 */

/** DI key of the {@link MaintenanceWindowReader}. */
export const MAINTENANCE_WINDOWS = 'status.maintenance-windows';

export interface ActiveMaintenanceWindow {
  id: string;
  title: string;
  /** ISO */
  startsAt: string;
  /** ISO */
  endsAt: string;
  /**
   * What the window affects: component / monitor ids (`postgres`, `api`...). Empty means everything.
   * An alert is affected when its rule's component or its `monitor` / `component` label is listed.
   */
  components: string[];
  /** A tenant-specific window affects only that tenant's alerts; null for platform-wide windows. */
  tenantId: string | null;
}

export interface MaintenanceWindowReader {
  /** Windows in progress at `at` (scheduled windows whose time has come count as in progress). */
  activeWindows(at: Date): Promise<ActiveMaintenanceWindow[]>;
}

/** Whether a window mutes an alert about `component` (and `labels`, `tenantId`). */
export function maintenanceAffects(
  window: Pick<ActiveMaintenanceWindow, 'components' | 'tenantId'>,
  alert: { component: string | null; labels: Record<string, string>; tenantId: string | null },
): boolean {
  if (window.tenantId && window.tenantId !== alert.tenantId) return false;
  if (window.components.length === 0) return true;
  const subjects = [alert.component, alert.labels.component, alert.labels.monitor].filter((s): s is string => !!s);
  return subjects.some((s) => window.components.includes(s));
}

/**
 * Platform-wide maintenance mode (the seeded flag `platform.maintenance_mode`). The kernel reads the flag
 * through the feature-flags plugin's {@link import('./feature-flags.ts').FlagClient} when it is installed,
 * and then refuses every mutating API request from non-staff with 503 `maintenance` and `Retry-After`.
 * It provides this reader under {@link PLATFORM_MAINTENANCE_MODE} so that pages (the public status page, the
 * console banner through `GET /api/maintenance`) can say so.
 */
export const PLATFORM_MAINTENANCE_MODE = 'kernel.maintenance-mode';

export interface PlatformMaintenanceState {
  /** Whether writes from non-staff are refused right now. */
  active: boolean;
  /** What clients are told to wait before retrying (`Retry-After`), in seconds. */
  retryAfterSeconds: number;
}

export interface PlatformMaintenanceMode {
  /** The current state (cached, refreshed every few seconds; a failed read counts as "not in maintenance"). */
  state(): Promise<PlatformMaintenanceState>;
}

/** The flag that switches platform-wide maintenance mode on. */
export const MAINTENANCE_MODE_FLAG = 'platform.maintenance_mode';
