import type { Database } from '@platform/sdk';
import { LOGS_TABLE, createDayStatements, dayKey, dayOf, firstKeptDay, levelPartitionName, planPartitions, type RetentionDays } from './partition-plan.ts';

/** One DO block under a transaction-scoped advisory lock, so instances never race on DDL. */
function lockedBlock(statements: string[]): string {
  const body = statements.map((s) => `  EXECUTE $ddl$${s}$ddl$;`).join('\n');
  return `DO $block$\nBEGIN\n  PERFORM pg_advisory_xact_lock(hashtext('${LOGS_TABLE}.partitions'));\n${body}\nEND\n$block$`;
}

export interface MaintenanceResult {
  created: string[];
  dropped: string[];
  /** DEBUG rows deleted from the leaf straddling the DEBUG retention boundary. */
  debugTrimmed: number;
  /** Pending-list pages merged into the full-text indexes of days that are over. */
  ginCleaned: number;
}

/** Creates partitions ahead, drops leaves past retention; knows which days exist. */
export class PartitionMaintenance {
  private readonly knownDays = new Set<string>();

  constructor(private readonly db: Database) {}

  /** Every partition (day and level leaf) of `platform_logs`. */
  async existing(): Promise<string[]> {
    const rows = await this.db.sql<{ name: string }>(
      `SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_class p ON p.oid = i.inhparent
        WHERE p.relname = $1 OR p.relname LIKE $2`,
      [LOGS_TABLE, `${LOGS_TABLE}_p%`],
    );
    return rows.map((r) => r.name);
  }

  /** The job: create today and `aheadDays` ahead, drop what retention no longer keeps, trim DEBUG. */
  async run(retention: RetentionDays, aheadDays: number, now = new Date()): Promise<MaintenanceResult> {
    const plan = planPartitions(await this.existing(), now, retention, aheadDays);
    const statements = [
      ...plan.createDays.flatMap(createDayStatements),
      ...plan.dropLeaves.map((name) => `DROP TABLE IF EXISTS ${name}`),
      ...plan.dropDays.map((name) => `DROP TABLE IF EXISTS ${name}`),
    ];
    if (statements.length) await this.db.sql(lockedBlock(statements));
    this.knownDays.clear();
    for (const name of await this.existing()) {
      const m = /^platform_logs_p(\d{8})$/.exec(name);
      if (m) this.knownDays.add(m[1]);
    }
    const debugTrimmed = await this.trimDebug(retention.debug, now);
    const ginCleaned = await this.cleanClosedDays(now);
    return { created: plan.createDays.map((d) => dayKey(d)), dropped: [...plan.dropLeaves, ...plan.dropDays], debugTrimmed, ginCleaned };
  }

  /**
   * Days that are over receive no more lines: merge their full-text indexes' pending lists (GIN fast update
   * buffers new entries in an unsorted list every search must read; a full list costs a rare-word search
   * ~10 ms per leaf, a merged one ~0.03 ms). A no-op for lists already merged (autovacuum also does it).
   */
  async cleanClosedDays(now: Date): Promise<number> {
    const rows = await this.db.sql<{ pages: string | null }>(
      `SELECT sum(gin_clean_pending_list(i.indexrelid))::bigint AS pages
         FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid JOIN pg_am am ON am.oid = ic.relam JOIN pg_class t ON t.oid = i.indrelid
        WHERE am.amname = 'gin' AND t.relname LIKE 'platform_logs_p%' AND t.relkind = 'r' AND substring(t.relname from 16 for 8) < $1`,
      [dayKey(dayOf(now))],
    );
    return Number(rows[0]?.pages ?? 0);
  }

  /**
   * Day partitions drop whole days, so a level keeps rows between its retention and one day more. For DEBUG
   * (1 day, and low volume because it is only stored while switched on) that slack is a 100 % overshoot,
   * so the one leaf straddling the boundary also gets a targeted DELETE.
   */
  async trimDebug(days: number, now: Date): Promise<number> {
    const boundaryDay = firstKeptDay(now, days);
    if (!this.knownDays.has(dayKey(boundaryDay))) return 0;
    const cutoff = new Date(now.getTime() - days * 86_400_000);
    try {
      const rows = await this.db.sql<{ n: number }>(
        `WITH gone AS (DELETE FROM ${levelPartitionName(boundaryDay, 'debug')} WHERE logged_at < $1 RETURNING 1) SELECT count(*)::int AS n FROM gone`,
        [cutoff],
      );
      return rows[0]?.n ?? 0;
    } catch (err) {
      if ((err as { code?: string }).code === '42P01') return 0; // leaf gone meanwhile
      throw err;
    }
  }

  /** Makes sure the day partitions for these instants exist (the sink calls it for days it has not seen). */
  async ensureDaysFor(instants: Date[]): Promise<void> {
    const missing = new Map<string, Date>();
    for (const at of instants) {
      const day = dayOf(at);
      const key = dayKey(day);
      if (!this.knownDays.has(key)) missing.set(key, day);
    }
    if (!missing.size) return;
    await this.db.sql(lockedBlock([...missing.values()].flatMap(createDayStatements)));
    for (const key of missing.keys()) this.knownDays.add(key);
  }
}
