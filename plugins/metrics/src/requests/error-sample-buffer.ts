export interface ErrorSample {
  at: number;
  route: string;
  method: string;
  statusCode: number;
  tenantId: string | null;
  requestId: string;
  durationMs: number;
}

/** Keeps the first 5xx per route and minute until the next flush (the "why is it red" panel's examples). */
export class ErrorSampleBuffer {
  private samples = new Map<string, ErrorSample>();

  constructor(private readonly clock: () => number, private readonly capacity = 500) {}

  offer(sample: Omit<ErrorSample, 'at'>): void {
    const at = this.clock();
    const key = `${Math.floor(at / 60_000)}|${sample.method} ${sample.route}`;
    if (this.samples.has(key) || this.samples.size >= this.capacity) return;
    this.samples.set(key, { ...sample, at });
  }

  drain(): ErrorSample[] {
    const out = [...this.samples.values()];
    this.samples = new Map();
    return out;
  }
}
