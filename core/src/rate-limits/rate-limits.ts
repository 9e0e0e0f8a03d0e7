import type { MikroORM } from '@mikro-orm/core';
import type { PlatformLogger } from '@platform/sdk';
import { PolicyBook } from './policy-book.ts';
import { PolicyStore, policyOf } from './policy-store.ts';
import { RateLimiter } from './rate-limiter.ts';
import { SharedBuckets } from './shared-buckets.ts';
import { OpenStreams } from './open-streams.ts';
import { ThrottleTally } from './throttle-tally.ts';

export interface RateLimitsOptions {
  orm: MikroORM;
  logger: Pick<PlatformLogger, 'warn'>;
  instanceId: string;
  /** The tenant's current plan key (through the plans plugin's `TENANT_PLAN_READER`, when installed), or null. */
  planKeyOf: (tenantId: string) => Promise<string | null>;
}

/** The kernel's per-tenant rate limits: policies, the request check, open streams and the throttled tally. */
export function createRateLimits(opts: RateLimitsOptions) {
  const policies = new PolicyBook({ planKeyOf: opts.planKeyOf });
  const buckets = new SharedBuckets(opts.orm);
  const streams = new OpenStreams(opts.orm, opts.instanceId);
  const throttled = new ThrottleTally(opts.orm);
  const limiter = new RateLimiter({
    policies,
    lease: (tenantId, rate, burst, want) => buckets.lease(tenantId, rate, burst, want),
    streams,
    throttled,
    logger: opts.logger,
  });
  const store = new PolicyStore();
  let reloads = 0;
  return {
    policies,
    limiter,
    store,
    streams,
    throttled,
    /**
     * Reads every policy again (after a change here or on another instance). Reloads may overlap (a broadcast
     * from another instance while this one changes a policy): only the latest started one applies what it read,
     * so an older read that finishes last never puts back policies that have changed since.
     */
    /** After a policy change made here: every bucket starts full under the new policies. */
    refillBuckets(): Promise<void> {
      return buckets.refillAll();
    },
    async reload(): Promise<void> {
      const mine = ++reloads;
      const read = (await store.list(opts.orm.em.fork())).map(policyOf);
      if (mine !== reloads) return;
      policies.replace(read);
      limiter.reset();
    },
    async stop(): Promise<void> {
      await throttled.stop();
      await streams.stop();
    },
  };
}

export type RateLimits = ReturnType<typeof createRateLimits>;
