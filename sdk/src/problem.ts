/**
 * An RFC 9457 problem. Throw it from any handler; the kernel renders it as
 * `application/problem+json` with a stable `code`.
 */
export class ProblemError extends Error {
  readonly status: number;
  readonly code: string;
  readonly field?: string;
  readonly extra?: Record<string, unknown>;

  constructor(status: number, code: string, detail: string, opts: { field?: string; extra?: Record<string, unknown> } = {}) {
    super(detail);
    this.name = 'ProblemError';
    this.status = status;
    this.code = code;
    this.field = opts.field;
    this.extra = opts.extra;
  }
}

export const problems = {
  badRequest: (code: string, detail: string, field?: string) => new ProblemError(400, code, detail, { field }),
  validation: (field: string, detail: string) => new ProblemError(400, 'validation_failed', detail, { field }),
  unauthorized: (detail = 'Authentication required') => new ProblemError(401, 'unauthorized', detail),
  forbidden: (detail = 'You do not have permission for this action') => new ProblemError(403, 'forbidden', detail),
  notFound: (what = 'Resource') => new ProblemError(404, 'not_found', `${what} not found`),
  conflict: (code: string, detail: string, field?: string) => new ProblemError(409, code, detail, { field }),
  /** 402 for plan limits, with an upgrade hint. */
  limitExceeded: (detail: string, extra?: Record<string, unknown>) => new ProblemError(402, 'limit_exceeded', detail, { extra }),
};
