import { randomUUID } from 'node:crypto';
import { ProblemError, type Database, type EntityManager } from '@platform/sdk';

/** A tenant's historical data import (`onboarding_imports`). */
export interface ImportRun {
  id: string;
  tenantId: string;
  status: 'running' | 'completed' | 'failed';
  total: number;
  processed: number;
  nextPage: string | null;
  error: string | null;
  startedAt: string;
  finishedAt: string | null;
}

const SELECT = `SELECT id, tenant_id AS "tenantId", status, total, processed, next_page AS "nextPage", error, started_at AS "startedAt", finished_at AS "finishedAt" FROM onboarding_imports`;

function fromRow(r: Record<string, unknown>): ImportRun {
  return { ...(r as unknown as ImportRun), startedAt: new Date(r.startedAt as string).toISOString(), finishedAt: r.finishedAt ? new Date(r.finishedAt as string).toISOString() : null };
}

export interface ImportedOrder {
  externalId: string;
  name: string;
  totalMinor: number;
  currency: string;
  placedAt: string;
}

/** SQL over `onboarding_imports` and `onboarding_imported_orders`. */
export class ImportStore {
  constructor(private readonly db: Database) {}

  async find(tenantId: string, em?: EntityManager): Promise<ImportRun | null> {
    const [row] = await this.db.sql<Record<string, unknown>>(`${SELECT} WHERE tenant_id = $1`, [tenantId], em);
    return row ? fromRow(row) : null;
  }

  async running(limit: number): Promise<ImportRun[]> {
    return (await this.db.sql<Record<string, unknown>>(`${SELECT} WHERE status = 'running' ORDER BY updated_at LIMIT ${Math.floor(limit)}`)).map(fromRow);
  }

  /** Starts (or restarts a failed or finished) import: 409 `import_running` while one runs. */
  async start(tenantId: string, total: number, since: string, em?: EntityManager): Promise<ImportRun> {
    const rows = await this.db.sql<Record<string, unknown>>(
      `INSERT INTO onboarding_imports (id, tenant_id, status, total, processed, next_page, error)
       VALUES ($1, $2, 'running', $3, 0, $4, NULL)
       ON CONFLICT (tenant_id) DO UPDATE SET status = 'running', total = EXCLUDED.total, processed = 0, next_page = EXCLUDED.next_page, error = NULL,
         started_at = now(), finished_at = NULL, updated_at = now()
       WHERE onboarding_imports.status <> 'running' RETURNING id`,
      [randomUUID(), tenantId, total, JSON.stringify({ since, pageInfo: null })],
      em,
    );
    if (!rows.length) throw new ProblemError(409, 'import_running', 'An import is already running; its progress is on this page', { field: 'answers.source' });
    return (await this.find(tenantId, em))!;
  }

  /** Records one page: its orders (idempotent per order) and the progress, in one transaction. */
  async recordPage(em: EntityManager, run: ImportRun, orders: ImportedOrder[], nextPage: string | null): Promise<void> {
    for (const o of orders) {
      await this.db.sql(
        `INSERT INTO onboarding_imported_orders (tenant_id, external_id, name, total_minor, currency, placed_at) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (tenant_id, external_id) DO NOTHING`,
        [run.tenantId, o.externalId, o.name, o.totalMinor, o.currency, o.placedAt],
        em,
      );
    }
    const done = nextPage === null;
    await this.db.sql(
      `UPDATE onboarding_imports SET processed = processed + $3, total = GREATEST(total, processed + $3),
         next_page = $4, status = CASE WHEN $5 THEN 'completed' ELSE status END, finished_at = CASE WHEN $5 THEN now() ELSE NULL END, updated_at = now()
       WHERE id = $1 AND tenant_id = $2 AND status = 'running'`,
      [run.id, run.tenantId, orders.length, nextPage, done],
      em,
    );
  }

  async fail(run: ImportRun, error: string): Promise<void> {
    await this.db.sql(`UPDATE onboarding_imports SET status = 'failed', error = $3, finished_at = now(), updated_at = now() WHERE id = $1 AND tenant_id = $2`, [run.id, run.tenantId, error.slice(0, 500)]);
  }

  async importedCount(tenantId: string): Promise<number> {
    const [{ n }] = await this.db.sql<{ n: number }>(`SELECT count(*)::int AS n FROM onboarding_imported_orders WHERE tenant_id = $1`, [tenantId]);
    return n;
  }
}
