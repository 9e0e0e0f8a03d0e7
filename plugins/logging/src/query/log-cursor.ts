import { ProblemError } from '@platform/sdk';

/** Position after the last line of a page: lines are ordered by (timestamp, id) descending. */
export interface LogCursor {
  timestamp: string;
  id: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function encodeCursor(c: LogCursor): string {
  return Buffer.from(JSON.stringify([c.timestamp, c.id])).toString('base64url');
}

/** Throws 400 `invalid_cursor` for anything `encodeCursor` did not produce. */
export function decodeCursor(raw: string): LogCursor {
  try {
    const [timestamp, id] = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as [unknown, unknown];
    if (typeof timestamp === 'string' && !Number.isNaN(Date.parse(timestamp)) && typeof id === 'string' && UUID.test(id)) return { timestamp, id };
  } catch {
    /* fall through */
  }
  throw new ProblemError(400, 'invalid_cursor', 'The cursor is not one this API returned; start again without it', { field: 'cursor' });
}
