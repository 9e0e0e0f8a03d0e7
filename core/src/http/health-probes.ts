import type { FastifyInstance } from 'fastify';
import type { DatabaseAvailability } from '../db/database-availability.ts';
import { sendDatabaseUnavailable, sendProblem } from './problem-handler.ts';

export interface HealthProbeDeps {
  database: Pick<DatabaseAvailability, 'check' | 'retryAfterSeconds'>;
  /** Migrations known to this instance that the database has not applied. Only called when the database answers. */
  pendingMigrations(): Promise<number>;
}

/**
 * Probes for load balancers and orchestrators, public and outside `/api` (no session, no tenant, no
 * request context):
 * - `GET /livez`: the process runs its event loop. 200 always; it never touches the database, so a
 *   database outage does not get healthy instances restarted.
 * - `GET /readyz`: send traffic here. 200 when the database answers a ping and no migration is pending,
 *   else 503 problem+json (`database_unavailable` with `Retry-After`, or `migrations_pending`).
 */
export function installHealthProbes(app: FastifyInstance, deps: HealthProbeDeps): void {
  const hidden = { schema: { hide: true } };
  app.get('/livez', hidden, async (_req, reply) => {
    reply.header('cache-control', 'no-store');
    return { status: 'live' };
  });
  app.get('/readyz', hidden, async (_req, reply) => {
    reply.header('cache-control', 'no-store');
    if (!(await deps.database.check())) return sendDatabaseUnavailable(reply, deps.database.retryAfterSeconds);
    let pending: number;
    try {
      pending = await deps.pendingMigrations();
    } catch {
      return sendDatabaseUnavailable(reply, deps.database.retryAfterSeconds);
    }
    if (pending > 0) return sendProblem(reply, 503, 'migrations_pending', `${pending} database migration(s) are not applied yet`, { pendingMigrations: pending });
    return { status: 'ready', database: 'available', pendingMigrations: 0 };
  });
}
