import type { LogEntry, LogLevel, LogSink } from '@platform/sdk';

export type ConsoleFormat = 'json' | 'pretty';

const LABEL: Record<LogLevel, string> = { debug: 'DEBUG', info: 'INFO ', warn: 'WARN ', error: 'ERROR' };

/** One human-readable line (plus the stack of an error, indented). */
export function formatPretty(e: LogEntry): string {
  const time = e.timestamp.slice(11, 23);
  const where = [e.tenantSlug ? `tenant=${e.tenantSlug}` : e.tenantId ? `tenant=${e.tenantId}` : '', e.requestId ? `req=${e.requestId}` : ''].filter(Boolean).join(' ');
  const data = Object.keys(e.data).length ? ` ${JSON.stringify(e.data)}` : '';
  const action = e.action !== 'log' ? ` (${e.action})` : '';
  let line = `${time} ${LABEL[e.level]} [${e.service}]${action} ${e.message}${data}${where ? `  ${where}` : ''}`;
  if (e.error) line += `\n    ${e.error.stack ? e.error.stack.split('\n').join('\n    ') : `${e.error.type}: ${e.error.message}`}`;
  return line;
}

/**
 * The default sink: stdout, as JSON lines (one `LogEntry` each) or as readable text on a terminal.
 * `level` null (LOG_LEVEL=silent) means no console sink at all.
 */
export function createConsoleSink(opts: { level: LogLevel; format: ConsoleFormat; out?: { write(chunk: string): unknown } }): LogSink {
  const out = opts.out ?? process.stdout;
  const format = opts.format === 'pretty' ? formatPretty : (e: LogEntry) => JSON.stringify(e);
  return {
    name: 'console',
    minLevel: opts.level,
    write(entries) {
      let text = '';
      for (const e of entries) text += format(e) + '\n';
      out.write(text);
    },
  };
}
