/** A refusal of a public onboarding route: its problem code and detail. */
export class PublicApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code: string | null,
    readonly field: string | null,
  ) {
    super(message);
  }
}

/** Calls a public `/api/onboarding/...` route (no session, no tenant header). */
export async function publicCall<T>(path: string, init: { method?: 'GET' | 'POST'; body?: unknown } = {}): Promise<T> {
  let res: Response;
  try {
    res = await fetch(`/api/onboarding${path}`, {
      method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
      headers: { Accept: 'application/json', ...(init.body === undefined ? {} : { 'Content-Type': 'application/json' }) },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
  } catch {
    throw new PublicApiError('The platform cannot be reached; check the connection and try again.', 0, null, null);
  }
  const text = await res.text();
  let body: any = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    /* not JSON */
  }
  if (!res.ok) throw new PublicApiError(body?.detail ?? `The request failed (${res.status})`, res.status, body?.code ?? null, body?.field ?? null);
  return body as T;
}

/** The `token` of the page's URL (`?token=...`). */
export function tokenFromUrl(): string {
  return new URLSearchParams(location.search).get('token') ?? '';
}
