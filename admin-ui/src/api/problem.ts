import { HttpError } from 'ra-core';
import { asProblem, problemMessage } from './problemText.ts';

export { asProblem, problemMessage, type Problem } from './problemText.ts';

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
