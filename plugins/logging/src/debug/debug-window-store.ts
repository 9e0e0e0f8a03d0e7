import { randomUUID } from 'node:crypto';
import type { Broadcast, Database, EntityManager } from '@platform/sdk';
import { DebugWindows, type DebugWindow } from './debug-windows.ts';

interface WindowRow {
  id: string;
  tenant_id: string | null;
  service: string | null;
  until: Date;
  reason: string | null;
  created_by: string | null;
  created_at: Date;
}

const toWindow = (r: WindowRow): DebugWindow => ({
  id: r.id, tenantId: r.tenant_id, service: r.service, until: new Date(r.until), reason: r.reason, createdBy: r.created_by, createdAt: new Date(r.created_at),
});

export const DEBUG_WINDOWS_CHANNEL = 'logging.debug-windows';

/** DEBUG windows in `logging_debug_windows`, mirrored in memory on every instance (reloaded on broadcast). */
export class DebugWindowStore {
  readonly windows = new DebugWindows();

  constructor(private readonly db: Database, private readonly broadcast: Broadcast) {}

  async load(): Promise<void> {
    const rows = await this.db.sql<WindowRow>('SELECT * FROM logging_debug_windows WHERE until > now() ORDER BY until DESC');
    this.windows.replace(rows.map(toWindow));
  }

  /**
   * Opens a window inside `tx` with `audit` (the caller's entry, written in the same transaction), then, once both
   * committed, reloads the windows and tells every instance.
   */
  async open(input: { tenantId: string | null; service: string | null; minutes: number; reason: string | null; createdBy: string | null }, audit: (w: DebugWindow, tx: EntityManager) => Promise<void>): Promise<DebugWindow> {
    const w = await this.db.system().transactional(async (tx) => {
      const [row] = await this.db.sql<WindowRow>(
        `INSERT INTO logging_debug_windows (id, tenant_id, service, until, reason, created_by) VALUES ($1, $2, $3, now() + make_interval(mins => $4), $5, $6) RETURNING *`,
        [randomUUID(), input.tenantId, input.service, input.minutes, input.reason, input.createdBy],
        tx,
      );
      const opened = toWindow(row);
      await audit(opened, tx);
      return opened;
    });
    await this.changed();
    return w;
  }

  /** Closes an open window (of `tenantId` when given) with its audit entry in one transaction; null when none is open. */
  async close(id: string, tenantId: string | null, audit: (w: DebugWindow, tx: EntityManager) => Promise<void>): Promise<DebugWindow | null> {
    const w = await this.db.system().transactional(async (tx) => {
      const [row] = await this.db.sql<WindowRow>(
        `UPDATE logging_debug_windows SET until = now() WHERE id = $1 AND ($2::uuid IS NULL OR tenant_id = $2) AND until > now() RETURNING *`,
        [id, tenantId],
        tx,
      );
      if (!row) return null;
      const closed = toWindow(row);
      await audit(closed, tx);
      return closed;
    });
    if (w) await this.changed();
    return w;
  }

  async prune(): Promise<void> {
    await this.db.sql(`DELETE FROM logging_debug_windows WHERE until < now() - interval '7 days'`);
  }

  private async changed(): Promise<void> {
    await this.load();
    await this.broadcast.publish(DEBUG_WINDOWS_CHANNEL, { at: Date.now() });
  }
}
