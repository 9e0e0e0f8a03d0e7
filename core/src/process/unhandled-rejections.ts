import type { Logger } from '@platform/sdk';
import type { MetricsRecorder } from '@platform/sdk/metrics';
import { isDatabaseUnavailableError } from '../db/database-unavailable-error.ts';

/** Counter of promise rejections nobody handled, by `type` (`database_unavailable` or `other`). */
export const UNHANDLED_REJECTIONS_METRIC = 'process_unhandled_rejections_total';

/**
 * The last resort for a promise rejection that nothing handled. Node's default (`--unhandled-rejections=throw`)
 * ends the process, so one forgotten `await` in a library (pg-boss completes jobs without awaiting) turns a
 * database restart into every instance dying at once. Every known path handles its errors; this one logs
 * what slipped through with its full stack and counts it, so it is seen and fixed, and keeps serving.
 * Returns a function that removes the handler.
 */
export function installUnhandledRejectionHandler(deps: { logger: Pick<Logger, 'error'>; metrics: Pick<MetricsRecorder, 'increment'> }): () => void {
  const onRejection = (reason: unknown) => {
    const type = isDatabaseUnavailableError(reason) ? 'database_unavailable' : 'other';
    try {
      deps.metrics.increment(UNHANDLED_REJECTIONS_METRIC, { type });
    } catch {
      /* counting must never throw from here */
    }
    const err = reason instanceof Error ? reason : Object.assign(new Error(`non-error rejection: ${safeString(reason)}`), { reason });
    deps.logger.error({ err, action: 'process.unhandled_rejection', type }, `unhandled promise rejection (the process keeps running): ${err.message}`);
  };
  process.on('unhandledRejection', onRejection);
  return () => void process.off('unhandledRejection', onRejection);
}

function safeString(value: unknown): string {
  try {
    return typeof value === 'string' ? value : JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
