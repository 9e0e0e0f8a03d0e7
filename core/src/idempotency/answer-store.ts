import type { EntityManager } from '@mikro-orm/core';
import { runSql } from '../db/orm.ts';
import { SecretBox } from '../secrets/secret-box.ts';

/** One caller's key, and what the request it came with was. */
export interface IdempotencyClaim {
  scope: string;
  key: string;
  tenantId: string | null;
  fingerprint: string;
  /** This attempt (random): only it may store the answer to the row its transaction inserted. */
  owner: string;
}

export type AnswerState = 'committed' | 'completed' | 'unavailable';

export interface StoredAnswer {
  state: AnswerState;
  fingerprint: string;
  statusCode: number | null;
  headers: Record<string, string>;
  body: string | Buffer | null;
  ageSeconds: number;
}

export interface AnswerToStore {
  state: 'completed' | 'unavailable';
  statusCode: number;
  headers?: Record<string, string>;
  /** Absent when the answer is not kept (too large, streamed). */
  body?: string | Buffer;
}

/** A knex transaction, as MikroORM's transaction events pass it. */
interface KnexTransaction {
  client: { acquireConnection(): Promise<{ query(text: string, params: unknown[]): Promise<{ rows: any[] }> }>; releaseConnection(conn: unknown): Promise<void> };
}

const COLUMNS = 'scope, key, tenant_id, fingerprint, state, owner';

/**
 * The answers to mutations sent with an `Idempotency-Key`, in `kernel_idempotency_keys` (migration 0005).
 * Bodies are sealed with the platform secret key (an answer may hold a secret shown once, e.g. a new API key).
 * A row older than the retention period counts as absent and is replaced by the next use of its key.
 */
export class IdempotentAnswerStore {
  private readonly box: SecretBox;

  constructor(
    private readonly em: () => EntityManager,
    secretKey: Buffer,
    readonly retentionSeconds: number,
  ) {
    this.box = new SecretBox(secretKey);
  }

  async find(scope: string, key: string): Promise<StoredAnswer | null> {
    const rows = await runSql<any>(
      this.em(),
      `SELECT state, fingerprint, status_code, headers, body, extract(epoch FROM now() - created_at)::float8 AS age
         FROM kernel_idempotency_keys WHERE scope = $1 AND key = $2 AND created_at > now() - $3 * interval '1 second'`,
      [scope, key, this.retentionSeconds],
    );
    const r = rows[0];
    if (!r) return null;
    let body: string | Buffer | null = null;
    let state: AnswerState = r.state;
    try {
      if (r.body !== null) body = this.open(r.body);
    } catch {
      state = 'unavailable'; // sealed with another secret key (instances must share PLATFORM_SECRET_KEY, or it was rotated)
    }
    return {
      state,
      fingerprint: r.fingerprint,
      statusCode: r.status_code,
      headers: (typeof r.headers === 'string' ? JSON.parse(r.headers) : r.headers) ?? {},
      body,
      ageSeconds: Number(r.age),
    };
  }

  /**
   * Inside the request's write transaction: the row that says "this key's work is committed". False when a
   * live row already holds the key (another attempt committed first; a concurrent one waits here until the
   * first commits or rolls back, as a unique index makes it).
   */
  async markCommitted(trx: unknown, c: IdempotencyClaim): Promise<boolean> {
    const client = (trx as KnexTransaction).client;
    const conn = await client.acquireConnection();
    try {
      const res = await conn.query(
        `INSERT INTO kernel_idempotency_keys (${COLUMNS}) VALUES ($1, $2, $3, $4, 'committed', $5)
         ON CONFLICT (scope, key) DO UPDATE SET tenant_id = EXCLUDED.tenant_id, fingerprint = EXCLUDED.fingerprint, state = 'committed',
           owner = EXCLUDED.owner, status_code = NULL, headers = NULL, body = NULL, created_at = now(), completed_at = NULL
         WHERE kernel_idempotency_keys.created_at <= now() - $6 * interval '1 second'
         RETURNING 1 AS claimed`,
        [c.scope, c.key, c.tenantId, c.fingerprint, c.owner, this.retentionSeconds],
      );
      return res.rows.length === 1;
    } finally {
      await client.releaseConnection(conn);
    }
  }

  /**
   * After the route answered: the answer, on the row this attempt's transaction inserted, or on a new row
   * when the route committed nothing through the ORM. A row of another attempt is left alone.
   */
  async save(c: IdempotencyClaim, a: AnswerToStore): Promise<void> {
    // Without waiting for the WAL flush (synchronous_commit off for this statement's own transaction): an
    // answer lost in a server crash leaves the key's row "committed", so a retry gets a 409, never a second run.
    await runSql(
      this.em(),
      `INSERT INTO kernel_idempotency_keys (${COLUMNS}, status_code, headers, body, completed_at)
       SELECT $1, $2, $3::uuid, $4, $5, $6, $7::int, $8::jsonb, $9, now() FROM (SELECT set_config('synchronous_commit', 'off', true)) AS relaxed
       ON CONFLICT (scope, key) DO UPDATE SET tenant_id = EXCLUDED.tenant_id, fingerprint = EXCLUDED.fingerprint, state = EXCLUDED.state,
         owner = EXCLUDED.owner, status_code = EXCLUDED.status_code, headers = EXCLUDED.headers, body = EXCLUDED.body, completed_at = now(),
         created_at = CASE WHEN kernel_idempotency_keys.owner = EXCLUDED.owner THEN kernel_idempotency_keys.created_at ELSE now() END
       WHERE kernel_idempotency_keys.owner = EXCLUDED.owner OR kernel_idempotency_keys.created_at <= now() - $10 * interval '1 second'`,
      [c.scope, c.key, c.tenantId, c.fingerprint, a.state, c.owner, a.statusCode, JSON.stringify(a.headers ?? {}), a.body === undefined ? null : this.seal(a.body), this.retentionSeconds],
    );
  }

  /** A 5xx after this attempt's transaction (maybe) committed: the work is done, its answer is not kept. */
  async markUnavailable(c: IdempotencyClaim, statusCode: number): Promise<void> {
    await runSql(
      this.em(),
      `UPDATE kernel_idempotency_keys SET state = 'unavailable', status_code = $4, completed_at = now()
        WHERE scope = $1 AND key = $2 AND owner = $3 AND state = 'committed'`,
      [c.scope, c.key, c.owner, statusCode],
    );
  }

  /** Deletes answers older than the retention period; returns how many. */
  async purgeExpired(em: EntityManager): Promise<number> {
    const rows = await runSql<{ n: number }>(
      em,
      `WITH gone AS (DELETE FROM kernel_idempotency_keys WHERE created_at <= now() - $1 * interval '1 second' RETURNING 1) SELECT count(*)::int AS n FROM gone`,
      [this.retentionSeconds],
    );
    return rows[0]?.n ?? 0;
  }

  private seal(body: string | Buffer): string {
    return this.box.encrypt(typeof body === 'string' ? 's:' + body : 'b:' + body.toString('base64'));
  }

  private open(sealed: string): string | Buffer {
    const plain = this.box.decrypt(sealed);
    return plain.startsWith('b:') ? Buffer.from(plain.slice(2), 'base64') : plain.slice(2);
  }
}
