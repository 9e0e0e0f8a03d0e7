import { randomUUID } from 'node:crypto';
import type { Broadcast, Database } from '@platform/sdk';
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

  async open(input: { tenantId: string | null; service: string | null; minutes: number; reason: string | null; createdBy: string | null }): Promise<DebugWindow> {
    const [row] = await this.db.sql<WindowRow>(
      `INSERT INTO logging_debug_windows (id, tenant_id, service, until, reason, created_by) VALUES ($1, $2, $3, now() + make_interval(mins => $4), $5, $6) RETURNING *`,
      [randomUUID(), input.tenantId, input.service, input.minutes, input.reason, input.createdBy],
    );
    await this.changed();
    return toWindow(row);
  }

  async close(id: string, tenantId: string | null): Promise<DebugWindow | null> {
    const rows = await this.db.sql<WindowRow>(
      `UPDATE logging_debug_windows SET until = now() WHERE id = $1 AND ($2::uuid IS NULL OR tenant_id = $2) AND until > now() RETURNING *`,
      [id, tenantId],
    );
    if (rows.length) await this.changed();
    return rows[0] ? toWindow(rows[0]) : null;
  }

  async prune(): Promise<void> {
    await this.db.sql(`DELETE FROM logging_debug_windows WHERE until < now() - interval '7 days'`);
  }

  private async changed(): Promise<void> {
    await this.load();
    await this.broadcast.publish(DEBUG_WINDOWS_CHANNEL, { at: Date.now() });
  }
}
