import { Readable } from 'node:stream';
import type { Database, EntityManager } from '@platform/sdk';
import { quoteName, isUuid } from '../tables/sql-names.ts';
import type { TablePlan } from '../tables/table-plan.ts';

/** Rows fetched per round trip: large enough to amortise it, small enough to keep memory flat. */
export const FETCH_ROWS = 5000;

const selectOf = (plan: TablePlan) =>
  `SELECT ${plan.columns.map((c) => `x.${quoteName(c)}`).join(', ')} FROM ${quoteName(plan.table)} x WHERE ${plan.tenantCondition}`;

/** How many rows of the tenant the table holds. */
export async function countRows(db: Database, em: EntityManager, plan: TablePlan, tenantId: string): Promise<number> {
  const [row] = await db.sql<{ n: string }>(`SELECT count(*)::text AS n FROM ${quoteName(plan.table)} x WHERE ${plan.tenantCondition}`, [tenantId], em);
  return Number(row?.n ?? 0);
}

/**
 * The tenant's rows of one table as NDJSON (one `row_to_json` object per line, columns in table order), read through
 * a server-side cursor `FETCH_ROWS` at a time inside `em`'s transaction: memory holds one batch, whatever the table's
 * size, and the stream pulls the next batch only when its reader asks (backpressure).
 */
export function tableRowsAsNdjson(db: Database, em: EntityManager, plan: TablePlan, tenantId: string, onRows: (n: number) => void): Readable {
  if (!isUuid(tenantId)) throw new Error('tenant id must be a uuid');
  const cursor = `backup_${plan.table}`.slice(0, 60);
  let opened = false;
  async function* batches(): AsyncGenerator<Buffer> {
    // The tenant id is a checked uuid: inlined, as DECLARE takes no bind parameters on every driver.
    await db.sql(`DECLARE ${quoteName(cursor)} NO SCROLL CURSOR FOR SELECT row_to_json(t)::text AS j FROM (${selectOf(plan).replaceAll('$1', `'${tenantId}'`)}) t`, [], em);
    opened = true;
    let next: Promise<{ j: string }[]> | null = null;
    try {
      // The next batch is fetched while this one is compressed and sealed downstream (the database works meanwhile).
      const fetch = () => db.sql<{ j: string }>(`FETCH FORWARD ${FETCH_ROWS} FROM ${quoteName(cursor)}`, [], em);
      next = fetch();
      for (;;) {
        const rows: { j: string }[] = await next!;
        const more: boolean = rows.length === FETCH_ROWS;
        next = more ? fetch() : null;
        if (rows.length === 0) break;
        const lines = new Array<string>(rows.length + 1);
        for (let i = 0; i < rows.length; i++) lines[i] = rows[i]!.j;
        lines[rows.length] = '';
        onRows(rows.length);
        yield Buffer.from(lines.join('\n'));
        if (!more) break;
      }
    } finally {
      await next?.catch(() => undefined);
      if (opened) await db.sql(`CLOSE ${quoteName(cursor)}`, [], em).catch(() => undefined);
    }
  }
  return Readable.from(batches(), { objectMode: false });
}
