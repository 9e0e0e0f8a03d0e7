import { randomUUID } from 'node:crypto';
import { currentLogScope, logTimestamp, toErrorInfo, type LogLevel, type LogWriter } from '@platform/sdk';

/** pino's numeric levels, as ours. */
export function levelOfPino(n: number): LogLevel {
  if (n >= 50) return 'error';
  if (n >= 40) return 'warn';
  if (n >= 30) return 'info';
  return 'debug';
}

/** The pino level name that lets through everything down to `level` (or nothing). */
export function pinoLevelFor(level: LogLevel | null): string {
  return level ?? 'silent';
}

const ACTIONS: Record<string, string> = {
  'incoming request': 'http.request',
  'request completed': 'http.response',
  'request errored': 'http.error',
};

/** `GET /api/x 200 12 ms` for Fastify's `request completed`; pino's own message otherwise. */
function messageOf(obj: Record<string, unknown>): string {
  const msg = typeof obj.msg === 'string' ? obj.msg : '';
  const res = obj.res as { statusCode?: number; method?: string; url?: string } | undefined;
  if (msg !== 'request completed' || !res?.method || !res.url) return msg;
  const ms = typeof obj.responseTime === 'number' ? ` ${Math.round(obj.responseTime)} ms` : '';
  return `${res.method} ${res.url} ${res.statusCode}${ms}`;
}

const PINO_FIELDS = new Set(['level', 'time', 'pid', 'hostname', 'msg', 'err', 'reqId']);

/**
 * A pino destination that feeds Fastify's own log lines (request logs, errors, "listening on") into the
 * platform pipeline, so they are redacted, batched, stored and streamed like every other line. pino calls
 * `write` synchronously where the line was logged, so the request's log scope is still open here.
 */
export function createPinoBridge(writer: LogWriter): { write(line: string): void } {
  return {
    write(line: string) {
      let obj: Record<string, unknown>;
      try {
        obj = JSON.parse(line);
      } catch {
        return;
      }
      const level = levelOfPino(Number(obj.level));
      const scope = currentLogScope();
      const tenantId = scope?.tenantId ?? null;
      const service = 'http';
      if (!writer.wants(level, { tenantId, service })) return;
      const data: Record<string, unknown> = {};
      for (const k of Object.keys(obj)) if (!PINO_FIELDS.has(k)) data[k] = obj[k];
      const msg = messageOf(obj);
      const redactor = writer.redactor;
      writer.push({
        id: randomUUID(),
        // pino calls write() as the line is logged: this is its time, on the same clock as every other line.
        timestamp: logTimestamp(),
        level,
        tenantId,
        tenantSlug: scope?.tenantSlug ?? null,
        userId: scope?.userId ?? null,
        requestId: scope?.requestId ?? (obj.reqId === undefined ? null : String(obj.reqId)),
        service,
        action: ACTIONS[typeof obj.msg === 'string' ? obj.msg : ''] ?? 'log',
        message: redactor.text(msg),
        data: redactor.copyData(data),
        error: obj.err ? toErrorInfo(obj.err) : null,
      });
    },
  };
}
