import type { LogErrorInfo } from './log-entry.ts';
import { cleanText } from './redaction.ts';

/** True for Errors and for error-shaped objects (pino's serialized `err`, errors from other realms). */
export function isErrorLike(value: unknown): value is { message: string; name?: string; stack?: string } {
  if (value instanceof Error) return true;
  return !!value && typeof value === 'object' && typeof (value as { message?: unknown }).message === 'string' && (typeof (value as { stack?: unknown }).stack === 'string' || typeof (value as { type?: unknown }).type === 'string');
}

/** The error fields of a log entry: type, message, stack and code, with credentials redacted. */
export function toErrorInfo(err: unknown): LogErrorInfo {
  if (!isErrorLike(err)) return { type: 'Error', message: cleanText(String(err), 4096), stack: null, code: null };
  const e = err as { name?: unknown; type?: unknown; message: string; stack?: unknown; code?: unknown; constructor?: { name?: string } };
  const ctorName = e.constructor && e.constructor !== Object ? e.constructor.name : undefined;
  const type = typeof e.type === 'string' ? e.type : typeof e.name === 'string' && e.name !== 'Error' ? e.name : ctorName || (typeof e.name === 'string' ? e.name : 'Error');
  return {
    type,
    message: cleanText(e.message, 4096),
    stack: typeof e.stack === 'string' ? cleanText(e.stack, 16_384) : null,
    code: e.code === undefined || e.code === null ? null : String(e.code),
  };
}
