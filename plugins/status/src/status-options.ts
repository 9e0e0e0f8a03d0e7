/** How the status plugin runs; tests shorten the caches and use their own clock. */
export interface StatusOptions {
  /** Requests per minute per client IP on each public route (the seed: 60). */
  rateLimitPerMinute: number;
  /** `Cache-Control: max-age` of public responses. */
  cacheSeconds: number;
  /** How long a computed public snapshot is reused on this instance. */
  snapshotCacheMs: number;
  /** How far ahead "upcoming maintenance" looks (the seed: 7 days). */
  upcomingHorizonMs: number;
  clock: () => number;
}

export function resolveStatusOptions(given: Partial<StatusOptions> = {}): StatusOptions {
  return {
    rateLimitPerMinute: 60,
    cacheSeconds: 30,
    snapshotCacheMs: 5_000,
    upcomingHorizonMs: 7 * 86_400_000,
    clock: Date.now,
    ...Object.fromEntries(Object.entries(given).filter(([, v]) => v !== undefined)),
  } as StatusOptions;
}
