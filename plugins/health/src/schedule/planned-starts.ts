/**
 * Claimed checks waiting for their planned time, behind one timer: a min-heap by planned time, and a
 * single `setTimeout` armed for the earliest. When it fires, everything due starts at once (in planned
 * order) and the timer is re-armed for the next. Thousands of targets cost one timer, not one each.
 */
export class PlannedStarts<T extends { plannedAt: number }> {
  private readonly heap: T[] = [];
  private timer: NodeJS.Timeout | null = null;
  private armedFor = Infinity;

  constructor(
    private readonly clock: () => number,
    private readonly start: (item: T) => void,
  ) {}

  get size(): number {
    return this.heap.length;
  }

  /** Starts `item` now when it is due, else at its planned time. */
  add(item: T): void {
    if (item.plannedAt <= this.clock()) return this.start(item);
    this.push(item);
    if (item.plannedAt < this.armedFor) this.arm();
  }

  /** Drops everything not started yet and returns it. */
  clear(): T[] {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.armedFor = Infinity;
    return this.heap.splice(0);
  }

  private arm(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.armedFor = this.heap.length ? this.heap[0].plannedAt : Infinity;
    if (!this.heap.length) return;
    this.timer = setTimeout(() => this.fire(), Math.max(1, this.armedFor - this.clock()));
    this.timer.unref();
  }

  private fire(): void {
    this.timer = null;
    const now = this.clock();
    while (this.heap.length && this.heap[0].plannedAt <= now) this.start(this.pop());
    this.arm();
  }

  private push(item: T): void {
    const h = this.heap;
    h.push(item);
    for (let i = h.length - 1; i > 0; ) {
      const parent = (i - 1) >> 1;
      if (h[parent].plannedAt <= h[i].plannedAt) break;
      [h[parent], h[i]] = [h[i], h[parent]];
      i = parent;
    }
  }

  private pop(): T {
    const h = this.heap;
    const top = h[0];
    const last = h.pop()!;
    if (h.length) {
      h[0] = last;
      for (let i = 0; ; ) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < h.length && h[l].plannedAt < h[m].plannedAt) m = l;
        if (r < h.length && h[r].plannedAt < h[m].plannedAt) m = r;
        if (m === i) break;
        [h[m], h[i]] = [h[i], h[m]];
        i = m;
      }
    }
    return top;
  }
}
