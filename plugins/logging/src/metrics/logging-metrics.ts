/** In-process counters of this instance's log storage and error grouping (exported by `GET /api/logging/metrics`). */
export class LoggingMetrics {
  linesStored = 0;
  /** Lines not stored because their level's retention had already passed (clock skew, late batches). */
  linesExpired = 0;
  /** Lines PostgreSQL refused even alone (isolated by splitting the batch). */
  linesRejected = 0;
  insertBatches = 0;
  errorLinesGrouped = 0;
  errorGroupsCreated = 0;
  errorGroupRegressions = 0;
  aggregationFailures = 0;
  tailLinesRelayed = 0;
  tailLinesSkipped = 0;
  lastAggregationError: string | null = null;

  snapshot(): Record<string, number | string | null> {
    return { ...(this as unknown as Record<string, number | string | null>) };
  }
}
