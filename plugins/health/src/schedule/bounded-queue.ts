/** Runs tasks with at most `limit` at once, the rest waiting in arrival order. */
export class BoundedQueue {
  private active = 0;
  private readonly waiting: (() => Promise<unknown>)[] = [];
  private readonly idleWaiters: (() => void)[] = [];

  constructor(private readonly limit: number) {}

  get running(): number {
    return this.active;
  }

  get queued(): number {
    return this.waiting.length;
  }

  /** Queues a task whose outcome nobody awaits (the scheduler's checks): no promise per task beyond its own. */
  submit(task: () => Promise<unknown>): void {
    if (this.active < this.limit) this.start(task);
    else this.waiting.push(task);
  }

  run<T>(task: () => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => this.submit(() => task().then(resolve, reject)));
  }

  /** Resolves once nothing runs or waits. */
  idle(): Promise<void> {
    if (this.active === 0 && this.waiting.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private start(task: () => Promise<unknown>): void {
    this.active++;
    let work: Promise<unknown>;
    try {
      work = task();
    } catch (err) {
      work = Promise.reject(err);
    }
    work.then(this.done, this.done);
  }

  private readonly done = (): void => {
    this.active--;
    const next = this.waiting.shift();
    if (next) this.start(next);
    else if (this.active === 0) this.idleWaiters.splice(0).forEach((w) => w());
  };
}
