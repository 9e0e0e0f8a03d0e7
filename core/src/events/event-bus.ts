import type { EntityManager, MikroORM } from '@mikro-orm/core';
import eventemitter2 from 'eventemitter2';
import type { EventBus, EventHandler, EventName, EventPayload, Logger } from '@platform/sdk';
import { matchesEventPattern } from '@platform/sdk';
import { listenForOutbox, type OutboxListener } from './outbox-listener.ts';
import {
  OUTBOX_CHANNEL,
  claimDueDeliveries,
  compareEventIds,
  countDeadDeliveries,
  insertOutboxEvent,
  listDeadDeliveries,
  markDelivered,
  markFailed,
  notifyOutbox,
  releaseClaim,
  renewLeases,
  requeueDeadDelivery,
  type ClaimedDelivery,
  type DeadLetter,
  type DeliveryTarget,
} from './outbox-store.ts';

const { EventEmitter2 } = eventemitter2;

/**
 * The kernel event bus.
 *
 * - `emit` / `on`: in-process, fire-and-forget, eventemitter2 wildcards (`tenant.*`, `tenant.**`).
 * - `emitDurable` / `subscribe`: a transactional outbox. `emitDurable(em, ...)` writes one
 *   `kernel_outbox` row plus one `kernel_outbox_delivery` row per durable subscriber registered
 *   (on this instance) whose pattern matches, inside `em`'s transaction; a rolled-back transaction
 *   leaves nothing behind. A relay on every instance claims due deliveries with
 *   `FOR UPDATE SKIP LOCKED` plus a lease, runs the handler, and marks the row delivered; on failure
 *   it retries with exponential backoff and ends `dead` after `maxAttempts` (see `listDeadLetters`,
 *   `retryDeadLetter`). Rows stay pending until delivered, so delivery survives restarts and is
 *   at least once across instances (a handler may see an event twice: make it idempotent, using
 *   `meta.id`).
 * - In-process re-emit of durable events: `emitDurable` also writes a delivery row for the
 *   pseudo-subscriber `@in-process`. Whichever instance claims it emits the event once through
 *   eventemitter2 (so `on()` listeners see committed durable events once, on one instance, with
 *   `meta.id` set). It is processed after the event's durable deliveries of the same relay pass
 *   but does not wait for them to succeed: a dead subscriber must not silence in-process listeners.
 *   Listeners that must run on every instance (cache invalidation) need LISTEN/NOTIFY instead.
 * - Wake-up: on a real server `emitDurable` also runs `pg_notify('platform_outbox')` in the same
 *   transaction (delivered by PostgreSQL only on commit) and a dedicated `pg` connection LISTENs
 *   for it; polling every `relayPollMs` is the fallback. On the embedded database (PGlite, one
 *   session) polling is the only mechanism and no second connection is ever opened: all SQL goes
 *   through `runSql` on the ORM's connection.
 * - Durable subscribers should be registered (plugin boot) before events are emitted: an event
 *   gets delivery rows only for the subscribers known when it is emitted, and an instance claims
 *   only rows of subscribers it has itself.
 * - One relay pass at a time per instance; deliveries in a pass run one after another in event
 *   order, except those of a subscriber registered with `concurrency` > 1, which run first, that many
 *   side by side (for handlers that do not depend on the order of events). A pass claims up to `batchSize`
 *   deliveries in one statement and marks the successful ones delivered in one statement at its end (a failure is
 *   recorded at once); until then they stay held under the lease, so an instance that dies mid-pass has them
 *   delivered again by another one (at least once, as ever). A pass holds its claims with a short lease (`leaseMs`, default 3 s) that a heartbeat renews
 *   every third of it while the pass runs, so a slow handler keeps its deliveries, and when an instance
 *   dies (kill -9) another one claims what it held within seconds (lease + poll). An instance that stalls
 *   longer than the lease (no heartbeat) may see its deliveries made again by another instance.
 *   The embedded database has one instance only: no heartbeat there.
 */
export interface KernelEventBus extends EventBus {
  /** Starts polling (and LISTEN on a real server). */
  start(): Promise<void>;
  /** Stops relaying and waits for in-flight deliveries and in-process listeners. */
  stop(): Promise<void>;
  /** Delivers everything due now (and waits for the in-process listeners it triggered). For tests and CLI. */
  drain(): Promise<void>;
  /** Dead deliveries, newest event first; `limit` defaults to 100. */
  listDeadLetters(opts?: { subscriber?: string; limit?: number; offset?: number }): Promise<DeadLetter[]>;
  countDeadLetters(opts?: { subscriber?: string }): Promise<number>;
  /** Re-queues a dead delivery with fresh attempts. False when it is not dead (or does not exist). */
  retryDeadLetter(eventId: string, subscriber: string): Promise<boolean>;
}

export type { DeadLetter } from './outbox-store.ts';

type Log = Pick<Logger, 'debug' | 'info' | 'warn' | 'error'>;

export interface EventBusDeps {
  orm: MikroORM;
  embedded: boolean;
  databaseUrl: string | null;
  logger: Log;
  /** Polling interval of the relay (the only wake-up on the embedded database). */
  relayPollMs: number;
  instanceId: string;
  /** Backoff after the n-th failed attempt: min(retryBaseMs * 2^n, retryMaxMs). Default 1000 (2 s, 4 s, 8 s...). */
  retryBaseMs?: number;
  /** Default 10 minutes. */
  retryMaxMs?: number;
  /** Lease of a claimed delivery, renewed by a heartbeat every third of it while the pass runs. Default 3000. */
  leaseMs?: number;
  /** Deliveries claimed per pass (in one statement; their successes are marked in one statement too). Default 200. */
  batchSize?: number;
  /** Default maxAttempts of a subscriber. Default 8. */
  defaultMaxAttempts?: number;
}

/** Pseudo-subscriber whose delivery re-emits the event in-process on the instance that claims it. */
export const IN_PROCESS_SUBSCRIBER = '@in-process';

interface DurableSubscriber {
  id: string;
  pattern: string;
  handler: EventHandler<any>;
  maxAttempts: number;
  /** Deliveries of one relay pass that may run side by side (1: one after another, in event order). */
  concurrency: number;
}

interface EventMeta {
  name: string;
  id?: string;
}

export function createEventBus(deps: EventBusDeps): KernelEventBus {
  const { orm, logger } = deps;
  const retryBaseMs = deps.retryBaseMs ?? 1_000;
  const retryMaxMs = deps.retryMaxMs ?? 10 * 60_000;
  const leaseMs = deps.leaseMs ?? 3_000;
  const batchSize = deps.batchSize ?? 200;
  const defaultMaxAttempts = deps.defaultMaxAttempts ?? 8;

  const emitter = new EventEmitter2({ wildcard: true, delimiter: '.', maxListeners: 0 });
  const subscribers = new Map<string, DurableSubscriber>();
  const listenerWork = new Set<Promise<void>>();

  let started = false;
  let stopping = false;
  let pollTimer: NodeJS.Timeout | null = null;
  let listener: OutboxListener | null = null;
  let relaying: Promise<void> | null = null;
  let relayAgain = false;

  /** Runs an in-process listener; errors are logged, never thrown at the emitter. */
  const runListener = (pattern: string, meta: EventMeta, call: () => unknown) => {
    try {
      const result = call();
      if (result && typeof (result as Promise<unknown>).then === 'function') {
        const work: Promise<void> = Promise.resolve(result as Promise<unknown>)
          .then(() => undefined)
          .catch((err) => logger.error({ err, event: meta.name, pattern }, 'event listener failed'))
          .finally(() => listenerWork.delete(work));
        listenerWork.add(work);
      }
    } catch (err) {
      logger.error({ err, event: meta.name, pattern }, 'event listener failed');
    }
  };

  const deliveryTargets = (name: string): DeliveryTarget[] => {
    const targets: DeliveryTarget[] = [];
    for (const s of subscribers.values()) {
      if (matchesEventPattern(s.pattern, name)) targets.push({ subscriber: s.id, maxAttempts: s.maxAttempts });
    }
    targets.push({ subscriber: IN_PROCESS_SUBSCRIBER, maxAttempts: 1 });
    return targets;
  };

  /**
   * Runs one claimed delivery. A success is only pushed onto `delivered` (the pass marks them all in one statement at
   * its end, still under the lease); a failure or a release is recorded at once. Returns whether it succeeded.
   */
  const deliver = async (em: EntityManager, d: ClaimedDelivery, delivered: ClaimedDelivery[]): Promise<boolean> => {
    const meta: EventMeta = { name: d.name, id: d.eventId };
    if (d.subscriber === IN_PROCESS_SUBSCRIBER) {
      emitter.emit(d.name, d.payload, meta);
      delivered.push(d);
      return true;
    }
    const subscriber = subscribers.get(d.subscriber);
    if (!subscriber) {
      await releaseClaim(em, d.eventId, d.subscriber);
      return false;
    }
    try {
      await subscriber.handler(d.payload as never, meta as never);
    } catch (err) {
      const failedAttempts = d.attempts + 1;
      const retryInMs = Math.min(retryBaseMs * 2 ** failedAttempts, retryMaxMs);
      const message = err instanceof Error ? err.stack ?? err.message : String(err);
      const status = await markFailed(em, d.eventId, d.subscriber, message, retryInMs);
      const log = { err, event: d.name, eventId: d.eventId, subscriber: d.subscriber, attempt: failedAttempts, maxAttempts: d.maxAttempts };
      if (status === 'dead') logger.error(log, 'durable event handler failed for the last time; delivery is dead');
      else logger.warn({ ...log, retryInMs }, 'durable event handler failed; will retry');
      return false;
    }
    delivered.push(d);
    return true;
  };

  /**
   * Renews the leases of `held` (claimed, not yet finished) every third of the lease until the returned stop
   * function is called. On the embedded database (one instance) there is nobody to take them over: no-op.
   */
  const heartbeat = (held: Map<string, ClaimedDelivery>): (() => Promise<void>) => {
    if (deps.embedded) return async () => undefined;
    let beating: Promise<void> | null = null;
    const timer = setInterval(() => {
      if (beating || held.size === 0) return;
      beating = renewLeases(orm.em.fork(), deps.instanceId, [...held.values()], leaseMs)
        .then(() => undefined)
        .catch((err) => logger.warn({ err, held: held.size }, 'outbox lease renewal failed; another instance may deliver these events again'))
        .finally(() => (beating = null));
    }, Math.max(50, Math.floor(leaseMs / 3)));
    timer.unref();
    return async () => {
      clearInterval(timer);
      await beating;
    };
  };

  /** One claim-and-deliver round. Returns how many deliveries it claimed. */
  const relayPass = async (): Promise<number> => {
    const em = orm.em.fork();
    const claimed = await claimDueDeliveries(em, [...subscribers.keys(), IN_PROCESS_SUBSCRIBER], batchSize, leaseMs, deps.instanceId);
    if (!claimed.length) return 0;
    // Claimed rows come in event order; within an event, the in-process re-emit goes last.
    const inProcessLast = (d: ClaimedDelivery) => (d.subscriber === IN_PROCESS_SUBSCRIBER ? 1 : 0);
    claimed.sort((a, b) => compareEventIds(a.eventId, b.eventId) || inProcessLast(a) - inProcessLast(b));
    const held = new Map(claimed.map((d) => [`${d.eventId}/${d.subscriber}`, d]));
    const stopHeartbeat = heartbeat(held);
    // Successes wait here, still held (their leases renewed), until the pass marks them in one statement.
    const delivered: ClaimedDelivery[] = [];
    const deliverOne = async (d: ClaimedDelivery, on: EntityManager) => {
      try {
        if (await deliver(on, d, delivered)) return;
      } catch (err) {
        // Bookkeeping failed (database gone?): the lease expires and the row is claimed again.
        logger.error({ err, eventId: d.eventId, subscriber: d.subscriber }, 'outbox relay could not record a delivery');
      }
      held.delete(`${d.eventId}/${d.subscriber}`);
    };
    try {
      // Subscribers that declared a concurrency get their deliveries side by side first (each on its own
      // EntityManager); then everything else one after another in event order, in-process re-emits last.
      const sideBySide = new Map<DurableSubscriber, ClaimedDelivery[]>();
      const inOrder: ClaimedDelivery[] = [];
      for (const d of claimed) {
        const subscriber = subscribers.get(d.subscriber);
        if (subscriber && subscriber.concurrency > 1) sideBySide.set(subscriber, [...(sideBySide.get(subscriber) ?? []), d]);
        else inOrder.push(d);
      }
      await Promise.all(
        [...sideBySide].flatMap(([subscriber, queue]) =>
          Array.from({ length: Math.min(subscriber.concurrency, queue.length) }, async () => {
            const own = orm.em.fork();
            for (let d = queue.shift(); d; d = queue.shift()) await deliverOne(d, own);
          }),
        ),
      );
      for (const d of inOrder) await deliverOne(d, em);
      try {
        await markDelivered(em, delivered);
      } catch (err) {
        // The leases expire and the rows are claimed again: handlers are idempotent (at least once).
        logger.error({ err, deliveries: delivered.length }, 'outbox relay could not record its deliveries');
      }
    } finally {
      await stopHeartbeat();
    }
    return claimed.length;
  };

  /** Starts a relay run, or asks the running one to go round once more. Resolves when it is done. */
  const wake = (): Promise<void> => {
    if (stopping) return Promise.resolve();
    if (relaying) {
      relayAgain = true;
      return relaying;
    }
    relaying = (async () => {
      try {
        do {
          relayAgain = false;
          while (!stopping && (await relayPass()) > 0) {
            // keep going while there is due work
          }
        } while (relayAgain && !stopping);
      } catch (err) {
        logger.error({ err }, 'outbox relay pass failed');
      } finally {
        relaying = null;
      }
    })();
    return relaying;
  };

  const settleListeners = async () => {
    while (listenerWork.size > 0) await Promise.allSettled([...listenerWork]);
  };

  return {
    emit<N extends EventName>(name: N, payload: EventPayload<N>): void {
      emitter.emit(name, payload, { name } satisfies EventMeta);
    },

    async emitDurable<N extends EventName>(em: EntityManager, name: N, payload: EventPayload<N>): Promise<void> {
      await insertOutboxEvent(em, name, payload, deliveryTargets(name));
      if (!deps.embedded) await notifyOutbox(em);
    },

    on<N extends string>(pattern: N, handler: EventHandler<N>): void {
      emitter.on(pattern, (payload: unknown, meta: EventMeta) => {
        runListener(pattern, meta, () => handler(payload as never, meta as never));
      });
    },

    subscribe<N extends string>(id: string, pattern: N, handler: EventHandler<N>, opts?: { maxAttempts?: number; concurrency?: number }): void {
      if (!id || id === IN_PROCESS_SUBSCRIBER) throw new Error(`invalid durable subscriber id '${id}'`);
      if (subscribers.has(id)) throw new Error(`durable subscriber '${id}' is already registered`);
      const maxAttempts = opts?.maxAttempts ?? defaultMaxAttempts;
      if (!Number.isInteger(maxAttempts) || maxAttempts < 1) throw new Error(`maxAttempts of '${id}' must be a positive integer`);
      const concurrency = opts?.concurrency ?? 1;
      if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 64) throw new Error(`concurrency of '${id}' must be an integer from 1 to 64`);
      subscribers.set(id, { id, pattern, handler: handler as EventHandler<any>, maxAttempts, concurrency });
    },

    async start(): Promise<void> {
      if (started || stopping) return;
      started = true;
      pollTimer = setInterval(() => void wake(), deps.relayPollMs);
      pollTimer.unref();
      if (!deps.embedded && deps.databaseUrl) {
        listener = listenForOutbox({
          databaseUrl: deps.databaseUrl,
          channel: OUTBOX_CHANNEL,
          instanceId: deps.instanceId,
          logger,
          onNotify: () => void wake(),
        });
      }
      void wake();
    },

    async stop(): Promise<void> {
      stopping = true;
      if (pollTimer) clearInterval(pollTimer);
      pollTimer = null;
      await listener?.stop();
      listener = null;
      await relaying;
      await settleListeners();
    },

    async drain(): Promise<void> {
      await wake();
      await settleListeners();
    },

    listDeadLetters(opts) {
      return listDeadDeliveries(orm.em.fork(), opts);
    },

    countDeadLetters(opts) {
      return countDeadDeliveries(orm.em.fork(), opts);
    },

    async retryDeadLetter(eventId: string, subscriber: string): Promise<boolean> {
      const requeued = await requeueDeadDelivery(orm.em.fork(), eventId, subscriber);
      if (requeued && started) void wake();
      return requeued;
    },
  };
}
