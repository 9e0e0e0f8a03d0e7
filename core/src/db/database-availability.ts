import type { Logger } from '@platform/sdk';
import { describeDatabaseError, isDatabaseUnavailableError } from './database-unavailable-error.ts';

export interface DatabaseAvailabilityOptions {
  /** Logs the two transitions, one line each. */
  logger: Pick<Logger, 'warn' | 'info'>;
  /** A cheap round trip (`SELECT 1`); rejects when the database cannot be reached. */
  ping: () => Promise<unknown>;
  /** While unavailable, how often to ping until it answers. Default 1 s. */
  probeIntervalMs?: number;
  /** A ping slower than this counts as a failure. Default 2 s. */
  pingTimeoutMs?: number;
  /** The `Retry-After` a request answered 503 `database_unavailable` carries. Default 2 s. */
  retryAfterSeconds?: number;
  /** Told on every transition (metrics, readiness). */
  onChange?(available: boolean): void;
}

/**
 * Whether this instance can reach its database, as observed. Any code path that meets a connection error
 * (`isDatabaseUnavailableError`) reports it here. A report is a suspicion, confirmed by a ping: only when
 * the ping fails does the state flip to unavailable, with one log line (so one terminated connection, or a
 * socket error from somewhere else, does not announce an outage); later reports are only counted. While
 * unavailable the tracker pings on its own, and the first answer flips it back with one line saying how
 * long it lasted. `/readyz` reads (and refreshes) it.
 *
 * It never short-circuits queries: requests keep trying the database, so the platform recovers as soon
 * as the database does, not one probe interval later.
 */
export class DatabaseAvailability {
  private up = true;
  private downSince = 0;
  private folded = 0;
  private probeTimer: NodeJS.Timeout | null = null;
  private pinging: Promise<boolean> | null = null;
  private stopped = false;
  readonly retryAfterSeconds: number;

  constructor(private readonly opts: DatabaseAvailabilityOptions) {
    this.retryAfterSeconds = opts.retryAfterSeconds ?? 2;
  }

  get available(): boolean {
    return this.up;
  }

  /**
   * Reports an error met while talking to the database. Returns whether it was a connection error (and so
   * was taken care of here: the caller should neither log its stack nor answer 500).
   */
  reportFailure(err: unknown): boolean {
    if (!isDatabaseUnavailableError(err)) return false;
    this.folded++;
    if (this.up && !this.stopped) void this.check();
    return true;
  }

  private markDown(err: unknown): void {
    if (!this.up) return;
    this.up = false;
    this.downSince = Date.now();
    const { code, reason } = describeDatabaseError(err);
    this.opts.logger.warn({ action: 'database.unavailable', code, reason }, `database unavailable: ${reason}; answering 503 until it is back`);
    this.opts.onChange?.(false);
    this.scheduleProbe();
  }

  private markUp(): void {
    if (this.up) return;
    this.up = true;
    const downMs = Date.now() - this.downSince;
    const failures = this.folded;
    this.folded = 0;
    if (this.probeTimer) clearInterval(this.probeTimer);
    this.probeTimer = null;
    this.opts.logger.info({ action: 'database.available', downMs, failures }, `database available again after ${downMs} ms (${failures} failed operations meanwhile)`);
    this.opts.onChange?.(true);
  }

  /** The ping in flight, if any (it never rejects). */
  confirming(): Promise<boolean> | null {
    return this.pinging;
  }

  /** Pings now (concurrent callers share one ping) and resolves with whether the database answered. */
  check(): Promise<boolean> {
    if (this.pinging) return this.pinging;
    const timeoutMs = this.opts.pingTimeoutMs ?? 2000;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(Object.assign(new Error(`database ping timed out after ${timeoutMs} ms`), { code: 'ETIMEDOUT' })), timeoutMs);
      timer.unref();
    });
    const ping = Promise.race([this.opts.ping(), timeout]).then(
      () => {
        this.markUp();
        return true;
      },
      (err: unknown) => {
        // A ping that fails for another reason (a bug, a permission) still means "not ready".
        this.markDown(err);
        return false;
      },
    );
    // Cleared once settled, whatever the outcome: a failed ping is never served again.
    this.pinging = ping.finally(() => {
      clearTimeout(timer);
      this.pinging = null;
    });
    return this.pinging;
  }

  stop(): void {
    this.stopped = true;
    if (this.probeTimer) clearInterval(this.probeTimer);
    this.probeTimer = null;
  }

  private scheduleProbe(): void {
    if (this.stopped || this.probeTimer) return;
    this.probeTimer = setInterval(() => void this.check(), this.opts.probeIntervalMs ?? 1000);
    this.probeTimer.unref();
  }
}
