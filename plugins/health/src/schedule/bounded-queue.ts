/** Runs tasks with at most `limit` at once, the rest waiting in arrival order. */
export class BoundedQueue {
  private active = 0;
  private readonly waiting: (() => void)[] = [];
  private readonly idleWaiters: (() => void)[] = [];

  constructor(private readonly limit: number) {}

  get running(): number {
    return this.active;
  }

  get queued(): number {
    return this.waiting.length;
  }

  run<T>(task: () => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const start = () => {
        this.active++;
        task().then(resolve, reject).finally(() => {
          this.active--;
          const next = this.waiting.shift();
          if (next) next();
          else if (this.active === 0) this.idleWaiters.splice(0).forEach((w) => w());
        });
      };
      if (this.active < this.limit) start();
      else this.waiting.push(start);
    });
  }

  /** Resolves once nothing runs or waits. */
  idle(): Promise<void> {
    if (this.active === 0 && this.waiting.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }
}
