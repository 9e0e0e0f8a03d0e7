import type { FastifyReply, FastifyRequest } from 'fastify';
import { ProblemError, RefreshingCache, type PlatformLogger } from '@platform/sdk';
import type { FlagClient } from '@platform/sdk/feature-flags';
import { MAINTENANCE_MODE_FLAG, type PlatformMaintenanceMode, type PlatformMaintenanceState } from '@platform/sdk/maintenance';
import { isPromise, type MaybePromise } from '../maybe-promise.ts';

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export interface MaintenanceGateOptions {
  /** The feature-flags plugin's client when it is installed, else null (then there is no maintenance mode). */
  flags: () => FlagClient | null;
  retryAfterSeconds: number;
  logger: Pick<PlatformLogger, 'warn'>;
  /** How long a read of the flag is served (default 3 s); it is re-read in the background after a second. */
  ttlMs?: number;
  refreshAfterMs?: number;
  now?: () => number;
}

/**
 * Platform maintenance mode: while the flag `platform.maintenance_mode` is on, every mutating API request
 * from a caller that is not platform staff is refused with 503 `maintenance` and `Retry-After`. Signing in
 * and out still works (staff must be able to sign in to switch it off). The flag is read through the
 * feature-flags plugin's client, looked up when needed (the kernel does not depend on the plugin), and
 * cached a few seconds; a failed read is never cached and counts as "not in maintenance".
 */
export class MaintenanceGate implements PlatformMaintenanceMode {
  private readonly cache: RefreshingCache<'flag', boolean>;

  constructor(private readonly opts: MaintenanceGateOptions) {
    const ttlMs = opts.ttlMs ?? 3000;
    this.cache = new RefreshingCache<'flag', boolean>({
      capacity: 1,
      ttlMs,
      refreshAfterMs: opts.refreshAfterMs ?? Math.min(1000, ttlMs / 2),
      now: opts.now,
      onRefreshError: (err) => opts.logger.warn({ err, action: 'maintenance.flag_read_failed' }, 'reading the maintenance flag failed'),
    });
  }

  /** The flag's read when the cache has none (one function, not one made per request). */
  private readonly readFlag = async (): Promise<boolean> => {
    const flags = this.opts.flags();
    return flags ? (await flags.evaluate(MAINTENANCE_MODE_FLAG, {})).enabled === true : false;
  };

  /** Whether maintenance mode is on: at once from the cache, or a promise of the flag's read. */
  active(): MaybePromise<boolean> {
    if (!this.opts.flags()) return false;
    const value = this.cache.get('flag', this.readFlag);
    if (!isPromise(value)) return value;
    return value.catch((err: unknown) => {
      this.opts.logger.warn({ err, action: 'maintenance.flag_read_failed' }, 'reading the maintenance flag failed; writes are let through');
      return false;
    });
  }

  async state(): Promise<PlatformMaintenanceState> {
    return { active: await this.active(), retryAfterSeconds: this.opts.retryAfterSeconds };
  }

  /** Forget the cached flag (a test, or a change this instance made). */
  refresh(): void {
    this.cache.clear();
  }

  /**
   * Whether the request is exempt whatever the mode: reads (and routes that only read through a POST, such as
   * flag evaluation), sign-in/out, and platform staff.
   */
  static exempt(req: FastifyRequest): boolean {
    if (!MUTATING.has(req.method)) return true;
    const cfg = req.routeOptions.config as { plugin?: string; readOnly?: boolean } | undefined;
    if (cfg?.readOnly === true) return true;
    if (cfg?.plugin === 'kernel' && (req.routeOptions.url ?? '').startsWith('/api/auth/')) return true;
    return req.ctx?.actor?.kind === 'staff';
  }

  private refusal(reply: FastifyReply): ProblemError {
    reply.header('retry-after', String(this.opts.retryAfterSeconds));
    return new ProblemError(503, 'maintenance', `The platform is in maintenance: changes are paused. Retry in ${this.opts.retryAfterSeconds} s.`, {
      extra: { retryAfterSeconds: this.opts.retryAfterSeconds },
    });
  }

  /** The route check (after authentication): `done()` to go on, `done(problem)` when in maintenance. Bound, so it can be passed as is. */
  readonly check = (req: FastifyRequest, reply: FastifyReply, done: (err?: Error) => void): void => {
    if (MaintenanceGate.exempt(req)) return done();
    const on = this.active();
    if (isPromise(on)) on.then((active) => (active ? done(this.refusal(reply)) : done()), () => done());
    else if (on) done(this.refusal(reply));
    else done();
  };
}
