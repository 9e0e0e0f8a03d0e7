import type { Database, LogReader } from '@platform/sdk';
import { MAX_PAGE_SIZE } from './log-query.ts';
import { searchLogs } from './log-search.ts';

/** LOG_READER: a tenant's newest stored error lines, through the same search the log routes use. */
export function createLogReader(db: Database, now: () => Date = () => new Date()): LogReader {
  return {
    async recentErrors(tenantId, opts = {}) {
      const limit = Math.max(1, Math.min(100, MAX_PAGE_SIZE, Math.floor(opts.limit ?? 20)));
      const hours = Math.max(1, Math.min(720, opts.sinceHours ?? 24));
      const to = now();
      const page = await searchLogs(
        db,
        { from: new Date(to.getTime() - hours * 3600_000), to, levels: ['error'], tenantId, userId: null, service: null, action: null, requestId: null, text: null, limit, cursor: null },
        tenantId,
      );
      return page.items.map((e) => ({
        id: e.id,
        timestamp: e.timestamp,
        level: e.level,
        service: e.service,
        action: e.action,
        message: e.message,
        requestId: e.requestId,
        userId: e.userId,
        error: e.error ? { type: e.error.type, message: e.error.message, code: e.error.code } : null,
        fingerprint: e.fingerprint,
      }));
    },
  };
}
