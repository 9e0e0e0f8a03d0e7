import { randomUUID } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/core';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ProblemError } from '@platform/sdk';
import type { IdempotentAnswerStore, StoredAnswer } from './answer-store.ts';
import { PendingAnswerWrites } from './pending-answer-writes.ts';
import { IdempotencyCommitMarker, currentAttempt, idempotencyInProgress, type IdempotentAttempt } from './commit-marker.ts';
import { REPLAYED_HEADER, idempotencyScope, isMutation, readIdempotencyKey, requestFingerprint } from './request-key.ts';

declare module 'fastify' {
  interface FastifyRequest {
    idempotency: IdempotentAttempt | null;
  }
}

export interface IdempotencyOptions {
  orm: MikroORM;
  store: IdempotentAnswerStore;
  /** Larger answers (and streamed ones) are not kept: a retry is told the work was done (409). */
  maxAnswerBytes: number;
  /** A key whose work committed this recently without an answer yet is taken to be still running. */
  pendingSeconds?: number;
}

/** Response headers a replay repeats; the rest (request id, dates) belong to the retry. */
const KEPT_HEADERS = ['content-type', 'content-range', 'content-disposition', 'location'];

function keptHeaders(reply: FastifyReply): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of KEPT_HEADERS) {
    const v = reply.getHeader(name);
    if (v !== undefined) out[name] = String(v);
  }
  return out;
}

/** A route option's hooks as a list (Fastify takes one function or an array). */
function hooksOf<T>(hooks: T | T[] | undefined): T[] {
  return hooks === undefined ? [] : Array.isArray(hooks) ? hooks : [hooks];
}

function answerUnavailable(original: number | null): ProblemError {
  return new ProblemError(
    409,
    'idempotency_answer_unavailable',
    'The request with this Idempotency-Key was carried out, but its answer was not kept (it failed after committing, or was too large or streamed); read the resource instead of retrying',
    { field: 'Idempotency-Key', extra: original ? { originalStatus: original } : {} },
  );
}

/**
 * `Idempotency-Key` on every POST, PUT, PATCH and DELETE route the kernel mounts (its own and plugins').
 * Before the handler: a key seen before with the same request replays the stored answer (with
 * `Idempotent-Replayed: true`); with another request it is a 422; while the first attempt still runs, a 409.
 * Around the handler: the first transaction it commits also inserts the key's row (IdempotencyCommitMarker).
 * After it: the answer is stored (2xx-4xx), or a 5xx leaves the key free unless the work had committed.
 * Keys are scoped to the signed-in caller and tenant; requests without a caller (sign-in) are not deduplicated.
 */
export function installIdempotency(app: FastifyInstance, opts: IdempotencyOptions): { close(): Promise<void> } {
  const { store } = opts;
  const pending = new PendingAnswerWrites({ onDropped: (n) => app.log.warn({ dropped: n }, 'idempotent answers dropped: too many waiting for the database') });
  const { maxAnswerBytes } = opts;
  const pendingSeconds = opts.pendingSeconds ?? 60;
  opts.orm.em.getEventManager().registerSubscriber(new IdempotencyCommitMarker(store));
  /** Keyed attempts running on this instance: a concurrent duplicate here is refused at once. */
  const running = new Set<string>();
  const runningKey = (a: { scope: string; key: string }) => `${a.scope}\n${a.key}`;

  app.decorateRequest('idempotency', null);

  /** 409 while the first attempt runs, with when to try again. */
  const stillRunning = (reply: FastifyReply, done: (err?: Error) => void) => {
    reply.header('retry-after', '1');
    done(idempotencyInProgress());
  };

  const replay = (reply: FastifyReply, found: StoredAnswer) => {
    reply.code(found.statusCode ?? 200);
    for (const [name, value] of Object.entries(found.headers)) reply.header(name, value);
    reply.header(REPLAYED_HEADER, 'true');
    reply.send(found.body === null || found.body === '' ? undefined : found.body);
  };

  // Callback style: the handler then runs inside `currentAttempt.run`, where the ORM's commit events see it.
  const beforeHandler = (req: FastifyRequest, reply: FastifyReply, done: (err?: Error) => void) => {
    if (!isMutation(req.method)) return done();
    let key: string | null;
    try {
      key = readIdempotencyKey(req.headers);
    } catch (err) {
      return done(err as Error);
    }
    const actor = req.ctx?.actor;
    if (key === null || !actor) return done();
    const attempt: IdempotentAttempt = {
      scope: idempotencyScope(actor, req.ctx.tenantId),
      key,
      tenantId: req.ctx.tenantId,
      fingerprint: requestFingerprint(req.method, req.url, req.body),
      owner: randomUUID(),
      markerTransaction: null,
      markerAttempted: false,
      committed: false,
      lostRace: false,
      finished: false,
    };
    const local = runningKey(attempt);
    if (running.has(local)) return stillRunning(reply, done);
    store.find(attempt.scope, key).then(
      (found) => {
        if (found) {
          if (found.fingerprint !== attempt.fingerprint)
            return done(new ProblemError(422, 'idempotency_key_reused', 'This Idempotency-Key was already used with a different request (method, URL or body)', { field: 'Idempotency-Key' }));
          if (found.state === 'completed') return replay(reply, found);
          if (found.state === 'committed' && found.ageSeconds < pendingSeconds) return stillRunning(reply, done);
          return done(answerUnavailable(found.statusCode));
        }
        if (running.has(local)) return stillRunning(reply, done);
        running.add(local);
        req.idempotency = attempt;
        currentAttempt.run(attempt, done);
      },
      (err) => done(err as Error),
    );
  };

  const storeAnswer = (req: FastifyRequest, reply: FastifyReply, payload: unknown, done: (err: Error | null, payload?: unknown) => void) => {
    const attempt = req.idempotency;
    if (!attempt || attempt.finished) return done(null, payload);
    attempt.finished = true;
    const status = reply.statusCode;
    let write: (() => Promise<void>) | null = null;
    if (status >= 500) {
      if (attempt.markerAttempted) write = () => store.markUnavailable(attempt, status);
    } else if (!attempt.lostRace) {
      const body = payload === undefined || payload === null ? '' : typeof payload === 'string' || Buffer.isBuffer(payload) ? payload : null;
      const size = body === null ? Infinity : Buffer.byteLength(body);
      const answer = size <= maxAnswerBytes
        ? { state: 'completed' as const, statusCode: status, headers: keptHeaders(reply), body: body! }
        : { state: 'unavailable' as const, statusCode: status };
      write = () => store.save(attempt, answer);
    }
    // The answer is stored before it leaves, so an answer a client received can be replayed. When it cannot be
    // stored (the database just went away), the client still gets it, and it is stored once the database is back.
    (write ? write() : Promise.resolve())
      .catch((err) => {
        req.log.warn({ err, status }, 'idempotent answer not stored yet: retrying in the background');
        pending.add(write!);
      })
      .finally(() => {
        running.delete(runningKey(attempt));
        done(null, payload);
      });
  };

  const forgetRunning = (req: FastifyRequest, _reply: FastifyReply, done: () => void) => {
    if (req.idempotency) running.delete(runningKey(req.idempotency));
    done();
  };

  // Only the routes that can take a key carry the hooks (plugin and kernel routes with a mutating method that
  // do not declare `readOnly`): reads, and POSTs that only read, pay nothing for idempotency.
  app.addHook('onRoute', (route) => {
    const cfg = route.config as { plugin?: string; readOnly?: boolean } | undefined;
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    if (!cfg?.plugin || cfg.readOnly === true || !methods.some((m) => isMutation(m))) return;
    route.preHandler = [beforeHandler, ...hooksOf(route.preHandler)];
    route.onSend = [storeAnswer, ...hooksOf(route.onSend)];
    route.onResponse = [forgetRunning, ...hooksOf(route.onResponse)];
  });
  return { close: () => pending.close() };
}
