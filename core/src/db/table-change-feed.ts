import type { EntityManager } from '@mikro-orm/core';
import type { NotificationListener } from './notification-listener.ts';
import { runSql, runScript } from './orm.ts';

export const TABLE_CHANGED_CHANNEL = 'platform_table_changed';
const TRIGGER = 'platform_table_changed';
/** Serialises trigger installation between instances starting together. */
const INSTALL_LOCK = 734_215_001;

/**
 * Tells this instance whenever a watched table changes, whoever changed it: a statement-level trigger
 * on each watched table NOTIFYs the table's name when its transaction commits (migration 0003 defines
 * the function). Caches of reads from those tables subscribe here.
 */
export class TableChangeFeed {
  private readonly tables = new Set<string>();

  constructor(listener: NotificationListener, onChange: (table: string) => void, onReset: (live: boolean) => void) {
    listener.on(TABLE_CHANGED_CHANNEL, (table) => onChange(table));
    listener.onReset(() => onReset(listener.live));
  }

  watch(table: string): void {
    this.tables.add(table);
  }

  /** Adds the trigger to every watched table that lacks it. */
  async install(em: EntityManager): Promise<void> {
    if (!this.tables.size) return;
    const present = new Set(
      (await runSql<{ table: string }>(em, `SELECT c.relname AS "table" FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid WHERE t.tgname = $1 AND c.relnamespace = current_schema()::regnamespace`, [TRIGGER])).map((r) => r.table),
    );
    const missing = [...this.tables].filter((t) => !present.has(t));
    if (!missing.length) return;
    const quote = (id: string) => `"${id.replace(/"/g, '""')}"`;
    await em.transactional(async (tx) => {
      await runSql(tx, 'SELECT pg_advisory_xact_lock($1)', [INSTALL_LOCK]);
      await runScript(
        tx,
        missing
          .map((t) => `CREATE OR REPLACE TRIGGER ${TRIGGER} AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON ${quote(t)} FOR EACH STATEMENT EXECUTE FUNCTION platform_notify_table_changed();`)
          .join('\n'),
      );
    });
  }
}
