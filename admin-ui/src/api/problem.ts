import { HttpError } from 'ra-core';

/** RFC 9457 problem details as the kernel sends them (`application/problem+json`). */
export interface Problem {
  type?: string;
  title?: string;
  status?: number;
  code?: string;
  detail?: string;
  field?: string;
  requestId?: string;
  [extra: string]: unknown;
}

export function asProblem(body: unknown): Problem | null {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return null;
  const b = body as Record<string, unknown>;
  if (typeof b.detail !== 'string' && typeof b.title !== 'string' && typeof b.code !== 'string') return null;
  return b as Problem;
}

/** The text a person should read for a failed response: the problem's detail, else its title, else the status. */
export function problemMessage(status: number, statusText: string, body: unknown): string {
  const p = asProblem(body);
  if (p?.detail) return p.detail;
  if (p?.title) return p.title;
  if (body && typeof body === 'object' && typeof (body as { message?: unknown }).message === 'string') return (body as { message: string }).message;
  if (typeof body === 'string' && body.trim() && body.length < 300 && !body.trimStart().startsWith('<')) return body.trim();
  if (status === 0) return 'The server could not be reached';
  return statusText || `Request failed (HTTP ${status})`;
}

/**
 * A react-admin HttpError whose message is the problem's `detail` (react-admin shows the message in its
 * notification) and whose body keeps the whole problem, so forms can map `field` and code can read `code`.
 */
export function problemToHttpError(status: number, statusText: string, body: unknown): HttpError {
  const p = asProblem(body);
  const error = new HttpError(problemMessage(status, statusText, body), status, body);
  // react-admin's server-side validation reads `body.errors`: the field shows the detail, and
  // `root.serverError` makes the notification carry it too (instead of "The form is not valid").
  if (p?.field && p.detail && typeof p.field === 'string') {
    (error as HttpError & { body: Record<string, unknown> }).body = { ...p, errors: { [formFieldOf(p.field)]: p.detail, root: { serverError: p.detail } } };
  }
  return error;
}

/** `body.slug`, `/body/slug`, `/slug` → `slug` (react-admin form field path). */
export function formFieldOf(field: string): string {
  return field
    .replace(/^\//, '')
    .replace(/\//g, '.')
    .replace(/^body\./, '');
}

export function problemCode(error: unknown): string | undefined {
  const body = (error as { body?: unknown } | null)?.body;
  return asProblem(body)?.code;
}

export function errorStatus(error: unknown): number | undefined {
  const s = (error as { status?: unknown } | null)?.status;
  return typeof s === 'number' ? s : undefined;
}
