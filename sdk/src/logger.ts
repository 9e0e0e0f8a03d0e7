import { randomUUID } from 'node:crypto';
import type { Logger } from './context.ts';
import { currentLogScope } from './logging/log-context.ts';
import { logTimestamp } from './logging/log-clock.ts';
import { isErrorLike, toErrorInfo } from './logging/error-info.ts';
import { LogPipeline, type LogWriter } from './logging/log-pipeline.ts';
import type { LogErrorInfo, LogLevel } from './logging/log-entry.ts';

export * from './logging/log-entry.ts';
export * from './logging/log-context.ts';
export * from './logging/log-sink.ts';
export * from './logging/log-reader.ts';
export { LogBuffer, type LevelCounts } from './logging/log-buffer.ts';
export { LogPipeline, type LogPipelineOptions, type LogWriter } from './logging/log-pipeline.ts';
export { Redactor, SECRET_KEYS, CENSOR, redactSecretsInText, type RedactionRules } from './logging/redaction.ts';
export { toErrorInfo, isErrorLike } from './logging/error-info.ts';
export { logTimestamp } from './logging/log-clock.ts';

/**
 * Fields a child logger binds. `service` and `action` name the writer and what it does (`plugin` is read
 * as `service`); the scope ids override the request's; anything else goes into every line's `data`.
 */
export interface LogBindings {
  service?: string;
  action?: string;
  tenantId?: string | null;
  tenantSlug?: string | null;
  userId?: string | null;
  requestId?: string | null;
  [key: string]: unknown;
}

const SCOPE_KEYS = ['tenantId', 'tenantSlug', 'userId', 'requestId'] as const;
type ScopeKey = (typeof SCOPE_KEYS)[number];

/**
 * The platform's structured logger (`ctx.logger`). Pino-compatible calls:
 *
 * ```ts
 * ctx.logger.info('started');
 * ctx.logger.info({ action: 'invoice.sent', invoiceId }, 'invoice sent');
 * ctx.logger.error({ err, orderId }, 'payment failed');   // or .error(err, 'payment failed')
 * const log = ctx.logger.child({ action: 'sync' });
 * ```
 * A line written during an HTTP request carries that request's tenant, user and request id without the
 * caller passing them. Lines are redacted and copied at once, then batched to the sinks off the request
 * path; no call ever waits for I/O.
 */
export class PlatformLogger implements Logger {
  private readonly service: string;
  private readonly action: string | undefined;
  private readonly scope: Partial<Record<ScopeKey, string | null>>;
  private readonly extra: Record<string, unknown> | null;

  constructor(
    private readonly writer: LogWriter,
    private readonly bindings: LogBindings = {},
  ) {
    const { service, plugin, action, ...rest } = bindings as LogBindings & { plugin?: unknown };
    this.service = typeof service === 'string' ? service : typeof plugin === 'string' ? plugin : 'app';
    this.action = typeof action === 'string' ? action : undefined;
    const scope: Partial<Record<ScopeKey, string | null>> = {};
    for (const k of SCOPE_KEYS) {
      if (k in rest) {
        const v = rest[k];
        scope[k] = v === null || v === undefined ? null : String(v);
        delete rest[k];
      }
    }
    this.scope = scope;
    this.extra = Object.keys(rest).length ? rest : null;
  }

  debug(obj: unknown, msg?: string): void {
    this.write('debug', obj, msg);
  }
  info(obj: unknown, msg?: string): void {
    this.write('info', obj, msg);
  }
  warn(obj: unknown, msg?: string): void {
    this.write('warn', obj, msg);
  }
  error(obj: unknown, msg?: string): void {
    this.write('error', obj, msg);
  }

  child(bindings: LogBindings): PlatformLogger {
    const { plugin, ...rest } = bindings as LogBindings & { plugin?: unknown };
    const merged: LogBindings = { ...this.bindings, ...rest };
    if (typeof plugin === 'string' && rest.service === undefined) merged.service = plugin;
    return new PlatformLogger(this.writer, merged);
  }

  /** Whether a line of this level would be kept right now (e.g. to skip building costly debug data). */
  isLevelEnabled(level: LogLevel): boolean {
    return this.writer.wants(level, { tenantId: this.scopeValue('tenantId', currentLogScope()), service: this.service });
  }

  private scopeValue(key: ScopeKey, open: ReturnType<typeof currentLogScope>): string | null {
    return key in this.scope ? this.scope[key] ?? null : open?.[key] ?? null;
  }

  private write(level: LogLevel, obj: unknown, msg: string | undefined): void {
    const open = currentLogScope();
    const tenantId = this.scopeValue('tenantId', open);
    if (!this.writer.wants(level, { tenantId, service: this.service })) return;

    let message = msg;
    let action = this.action;
    let error: LogErrorInfo | null = null;
    let data: Record<string, unknown> | null = null;
    let skip: Set<string> | undefined;
    if (typeof obj === 'string') {
      message = msg === undefined ? obj : `${obj} ${msg}`;
    } else if (obj instanceof Error) {
      error = toErrorInfo(obj);
      message ??= obj.message;
    } else if (obj && typeof obj === 'object') {
      const o = obj as Record<string, unknown>;
      data = o;
      // Keys with a meaning of their own are read, and left out of the copied data.
      if (o.err !== undefined && isErrorLike(o.err)) {
        error = toErrorInfo(o.err);
        (skip ??= new Set()).add('err');
      }
      if (o.error !== undefined && isErrorLike(o.error)) {
        error ??= toErrorInfo(o.error);
        (skip ??= new Set()).add('error');
      }
      if (typeof o.action === 'string') {
        action = o.action;
        (skip ??= new Set()).add('action');
      }
      if (typeof o.msg === 'string' && message === undefined) {
        message = o.msg;
        (skip ??= new Set()).add('msg');
      }
    } else if (obj !== undefined && obj !== null) {
      message = msg === undefined ? String(obj) : msg;
      if (msg !== undefined) data = { value: obj };
    }
    if (this.extra) {
      data = data ? { ...this.extra, ...data } : this.extra;
    }

    const redactor = this.writer.redactor;
    this.writer.push({
      id: randomUUID(),
      timestamp: logTimestamp(),
      level,
      tenantId,
      tenantSlug: this.scopeValue('tenantSlug', open),
      userId: this.scopeValue('userId', open),
      requestId: this.scopeValue('requestId', open),
      service: this.service,
      action: action ?? 'log',
      message: message === undefined ? '' : redactor.text(message),
      data: data ? redactor.copyData(data, skip) : {},
      error,
    });
  }
}

/** A logger with its own pipeline (no sinks yet): for scripts, benchmarks and tests outside a kernel. */
export function createStandaloneLogger(opts: ConstructorParameters<typeof LogPipeline>[0] = {}, bindings: LogBindings = {}): { logger: PlatformLogger; pipeline: LogPipeline } {
  const pipeline = new LogPipeline(opts);
  return { logger: new PlatformLogger(pipeline, bindings), pipeline };
}
