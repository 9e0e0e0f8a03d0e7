import { fileURLToPath } from 'node:url';
import { definePlugin, Type, type PlatformRequest, type PluginManifest } from '@platform/sdk';

export interface IdempotencyProbe {
  plugin: PluginManifest;
  /** Runs after the write committed and before the route answers (a test stops the database here). */
  afterCommit: () => Promise<void>;
  /** Throw inside the write transaction (nothing committed), once per call of `failBeforeCommit`. */
  failuresBeforeCommit: number;
  /** Read the row count after the commit (a query that fails when the database stopped); else answer `rows: null`. */
  readAfterCommit: boolean;
  /** Handlers that entered the route, committed or not. */
  calls: number;
}

/**
 * A fixture plugin with one mutation, `POST /api/idem-probe/writes {label}`: one row in its own transaction,
 * then a read (a query after the commit, which fails when the test stopped the database in `afterCommit`),
 * then `201 { id, label, rows }`. For the Idempotency-Key tests: failures before and after the commit.
 */
export function createIdempotencyProbe(): IdempotencyProbe {
  const probe: IdempotencyProbe = {
    afterCommit: async () => undefined,
    failuresBeforeCommit: 0,
    readAfterCommit: true,
    calls: 0,
    plugin: definePlugin({
      name: 'idem-probe',
      version: '1.0.0',
      description: 'Test fixture: one write whose answer can fail after the commit',
      kernel: '^0.1.0',
      scope: 'platform',
      permissions: [{ key: 'idem-probe.write', label: 'Write probe rows', scope: 'platform', grantTo: ['admin'] }],
      migrations: fileURLToPath(new URL('./idempotency-probe', import.meta.url)),
      boot(ctx) {
        ctx.routes.add({
          method: 'POST',
          url: '/writes',
          permission: 'idem-probe.write',
          tenantScoped: false,
          schema: { body: Type.Object({ label: Type.String({ minLength: 1, maxLength: 200 }) }, { additionalProperties: false }) },
          async handler(req: PlatformRequest<{ Body: { label: string } }>, reply) {
            probe.calls++;
            const row = await req.ctx.em.transactional(async (em) => {
              const [inserted] = await ctx.db.sql<{ id: string }>('INSERT INTO idem_probe_writes (label) VALUES ($1) RETURNING id::text AS id', [req.body.label], em);
              if (probe.failuresBeforeCommit > 0) {
                probe.failuresBeforeCommit--;
                throw new Error('probe: failing before the commit');
              }
              return inserted;
            });
            await probe.afterCommit();
            const counted = probe.readAfterCommit ? await ctx.db.sql<{ n: number }>('SELECT count(*)::int AS n FROM idem_probe_writes WHERE label = $1', [req.body.label]) : null;
            reply.status(201);
            return { id: row.id, label: req.body.label, rows: counted ? counted[0].n : null };
          },
        });
        // A POST that only reads (`readOnly`): it takes no Idempotency-Key, so every call runs.
        ctx.routes.add({
          method: 'POST',
          url: '/counts',
          permission: 'idem-probe.write',
          tenantScoped: false,
          readOnly: true,
          schema: { body: Type.Object({ label: Type.String({ minLength: 1, maxLength: 200 }) }, { additionalProperties: false }) },
          async handler(req: PlatformRequest<{ Body: { label: string } }>) {
            probe.calls++;
            const [counted] = await ctx.db.sql<{ n: number }>('SELECT count(*)::int AS n FROM idem_probe_writes WHERE label = $1', [req.body.label]);
            return { label: req.body.label, rows: counted.n };
          },
        });
      },
    }),
  };
  return probe;
}
