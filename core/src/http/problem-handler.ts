import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ProblemError } from '@platform/sdk';
import { isDatabaseUnavailableError } from '../db/database-unavailable-error.ts';

/** What the error handler tells about connection errors: the kernel's `DatabaseAvailability`. */
export interface DatabaseFailureReporter {
  /** True when `err` is a connection error (it was counted, and logged once per outage). */
  reportFailure(err: unknown): boolean;
  readonly retryAfterSeconds: number;
}

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  code: string;
  detail: string;
  field?: string;
  requestId: string;
  [key: string]: unknown;
}

const TITLES: Record<number, string> = {
  400: 'Bad Request', 401: 'Unauthorized', 402: 'Payment Required', 403: 'Forbidden', 404: 'Not Found', 405: 'Method Not Allowed',
  409: 'Conflict', 413: 'Payload Too Large', 414: 'URI Too Long', 415: 'Unsupported Media Type', 422: 'Unprocessable Content', 429: 'Too Many Requests',
  500: 'Internal Server Error', 503: 'Service Unavailable',
};

export function sendProblem(reply: FastifyReply, status: number, code: string, detail: string, extra: Record<string, unknown> = {}): FastifyReply {
  const body: ProblemBody = {
    type: `https://platform.dev/problems/${code}`,
    title: TITLES[status] ?? 'Error',
    status,
    code,
    detail,
    requestId: String(reply.request.id),
    ...extra,
  };
  return reply.status(status).type('application/problem+json').send(body);
}

interface AjvError {
  instancePath?: string;
  keyword?: string;
  message?: string;
  params?: Record<string, unknown>;
}

/** Turns Ajv's error into a dotted field name: `/contact/email` → `contact.email`, plus the missing/extra property. */
export function fieldOfValidationError(err: AjvError, context?: string): string {
  const path = (err.instancePath ?? '').split('/').filter(Boolean);
  const p = err.params ?? {};
  const extra = (p.missingProperty ?? p.additionalProperty ?? p.propertyName) as string | undefined;
  if (extra) path.push(String(extra));
  const base = path.join('.');
  return base || (context ?? 'body');
}

function describeValidation(err: AjvError, field: string): string {
  if (err.keyword === 'additionalProperties') return `Unknown field "${field}"`;
  if (err.keyword === 'required') return `Field "${field}" is required`;
  return `Field "${field}" ${err.message ?? 'is invalid'}`;
}

/** The driver prefixes PostgreSQL's message with the failed SQL (`<sql> - <message>`); only the message may reach a client. */
function databaseMessage(message: string): string {
  const cut = message.lastIndexOf(' - ');
  return cut >= 0 ? message.slice(cut + 3) : message;
}

/** Maps database constraint violations to 4xx instead of 500. */
function problemFromDatabase(raw: { code?: string; detail?: string; constraint?: string; column?: string; message: string }): ProblemError | null {
  const err = { ...raw, message: databaseMessage(String(raw.message ?? '')) };
  const code = err.code;
  if (code === '23505') return new ProblemError(409, 'conflict', err.detail ?? 'A record with these values already exists', { field: err.constraint });
  if (code === '23503') return new ProblemError(409, 'reference_conflict', err.detail ?? 'The record is referenced by other records');
  if (code === '23502') return new ProblemError(400, 'validation_failed', `Field "${err.column}" is required`, { field: err.column });
  if (code === '23514') return new ProblemError(400, 'validation_failed', err.message, { field: err.constraint });
  // Row-level security refused a write outside the request's tenant (WITH CHECK of the tenant policy).
  if (code === '42501' && err.message.includes('row-level security')) return new ProblemError(403, 'tenant_mismatch', 'The record belongs to another tenant than this request\'s', { field: 'tenantId' });
  // Class 22, data exceptions, can only come from a value (invalid text for a type, NUL or an untranslatable
  // character, a number or date-time out of range): a 400. A safety net: validation should have refused it first.
  if (code?.startsWith('22')) return new ProblemError(400, 'validation_failed', err.message);
  return null;
}

/** Whether the database refused a value that request validation should have refused first (logged so it gets fixed). */
function isUnvalidatedValue(error: { code?: unknown; cause?: { code?: unknown } }): boolean {
  return [error.code, error.cause?.code].some((c) => typeof c === 'string' && c.startsWith('22'));
}

/** 503 `database_unavailable` with `Retry-After`: the request may well succeed in a few seconds. */
export function sendDatabaseUnavailable(reply: FastifyReply, retryAfterSeconds: number): FastifyReply {
  reply.header('retry-after', String(retryAfterSeconds));
  return sendProblem(reply, 503, 'database_unavailable', `The database is unavailable right now. Retry in ${retryAfterSeconds} s.`);
}

export function installProblemHandlers(app: FastifyInstance, opts: { database?: DatabaseFailureReporter } = {}): void {
  const database = opts.database;
  // Routes, the route guard and every hook end up here, so connection errors map to 503 in one place.
  const databaseUnavailable = (err: unknown) => (database ? database.reportFailure(err) : isDatabaseUnavailableError(err));
  app.setErrorHandler((error: FastifyError & { validationContext?: string }, req: FastifyRequest, reply: FastifyReply) => {
    if (!(error instanceof ProblemError) && databaseUnavailable(error)) return sendDatabaseUnavailable(reply, database?.retryAfterSeconds ?? 2);
    if (error instanceof ProblemError) {
      return sendProblem(reply, error.status, error.code, error.message, { ...(error.field ? { field: error.field } : {}), ...(error.extra ?? {}) });
    }
    if (error.validation && error.validation.length) {
      const first = error.validation[0] as AjvError;
      const field = fieldOfValidationError(first, error.validationContext);
      return sendProblem(reply, 400, 'validation_failed', describeValidation(first, field), {
        field,
        errors: error.validation.map((v) => ({ field: fieldOfValidationError(v as AjvError, error.validationContext), message: (v as AjvError).message })),
      });
    }
    const dbProblem = problemFromDatabase(error as any) ?? problemFromDatabase(((error as any).cause ?? {}) as any);
    if (dbProblem) {
      if (isUnvalidatedValue(error as any)) req.log.warn({ err: error }, 'the database refused a value the request validation let through');
      return sendProblem(reply, dbProblem.status, dbProblem.code, dbProblem.message, dbProblem.field ? { field: dbProblem.field } : {});
    }
    const status = error.statusCode && error.statusCode >= 400 ? error.statusCode : 500;
    if (status < 500) {
      const code = error.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || error instanceof SyntaxError ? 'malformed_json'
        : error.code === 'FST_ERR_CTP_BODY_TOO_LARGE' ? 'body_too_large'
        : error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' ? 'unsupported_media_type'
        : error.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' ? 'empty_body'
        : status === 429 ? 'rate_limited'
        : (error.code ?? 'bad_request').toLowerCase();
      return sendProblem(reply, status, code, error.message, { field: 'body' });
    }
    req.log.error({ err: error }, 'unhandled error');
    return sendProblem(reply, 500, 'internal_error', 'An unexpected error occurred. Quote the request id when reporting it.');
  });
}
