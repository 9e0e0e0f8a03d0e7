import { MAINTENANCE_WINDOWS, type ActiveMaintenanceWindow, type MaintenanceWindowReader } from '@platform/sdk/maintenance';
import { optionalService } from '@platform/sdk/alerts';
import { type Logger, type RegisterContext } from '@platform/sdk';

/**
 * The maintenance windows in progress, from the status plugin when it is installed (an optional DI
 * lookup: without it, or when it fails, nothing is muted for maintenance).
 */
export async function activeMaintenanceWindows(ctx: Pick<RegisterContext, 'resolve'>, logger: Logger, now: number): Promise<ActiveMaintenanceWindow[]> {
  const reader = optionalService<MaintenanceWindowReader>(ctx, MAINTENANCE_WINDOWS);
  if (!reader) return [];
  try {
    return await reader.activeWindows(new Date(now));
  } catch (err) {
    logger.warn({ err }, 'could not read maintenance windows; nothing is muted for maintenance');
    return [];
  }
}
