/**
 * RFC 9457 problem details as the kernel sends them (`application/problem+json`), and the text a person
 * reads for one. No dependencies: the login entry uses it before react-admin is loaded.
 */
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
