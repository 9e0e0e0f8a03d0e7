/**
 * The fast path's minimum interval per metric. A metric written on every metrics flush (say
 * `api_requests_total`) would otherwise have its rules evaluated after every flush; here a metric whose
 * last fast-path evaluation started less than `minIntervalMs` ago is held, and released once the interval
 * has passed (several writes while held make one evaluation). Nothing is dropped: a held metric is
 * always released. Pure: time comes from the injected clock, and the caller schedules the release.
 */
export class FastPathThrottle {
  /** When each metric's last fast-path evaluation started. */
  private readonly lastStart = new Map<string, number>();
  /** Held metrics, and when each may be evaluated. */
  private readonly held = new Map<string, number>();

  constructor(
    private readonly minIntervalMs: number,
    readonly clock: () => number,
  ) {}

  /** Written metrics: returns those that may be evaluated now; the others are held until their interval has passed. */
  admit(metrics: Iterable<string>): string[] {
    const now = this.clock();
    const due: string[] = [];
    for (const metric of metrics) {
      if (this.held.has(metric)) continue;
      const last = this.lastStart.get(metric);
      if (last === undefined || now - last >= this.minIntervalMs) due.push(metric);
      else this.held.set(metric, last + this.minIntervalMs);
    }
    return due;
  }

  /** Held metrics whose interval has passed, released (no longer held). */
  release(): string[] {
    const now = this.clock();
    const out: string[] = [];
    for (const [metric, dueAt] of this.held) {
      if (dueAt > now) continue;
      this.held.delete(metric);
      out.push(metric);
    }
    return out;
  }

  /** When the next held metric may be evaluated (null: none held). */
  nextReleaseAt(): number | null {
    let next: number | null = null;
    for (const dueAt of this.held.values()) if (next === null || dueAt < next) next = dueAt;
    return next;
  }

  get holding(): number {
    return this.held.size;
  }

  /** A fast-path evaluation of these metrics starts now. */
  started(metrics: Iterable<string>): void {
    const now = this.clock();
    for (const metric of metrics) this.lastStart.set(metric, now);
    // Starts older than the interval no longer hold anything back: forget them (a bounded map).
    if (this.lastStart.size > 1_000) for (const [metric, at] of this.lastStart) if (now - at >= this.minIntervalMs) this.lastStart.delete(metric);
  }

  /** Forgets everything held (shutdown). */
  clear(): void {
    this.held.clear();
  }
}
