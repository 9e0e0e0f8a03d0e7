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
  if (res.status === 503 && body?.code === 'maintenance') throw new PublicApiError(maintenanceMessage(Number(res.headers.get('retry-after')) || null, true), 503, 'maintenance', null);
  if (!res.ok) throw new PublicApiError(body?.detail ?? `The request failed (${res.status})`, res.status, body?.code ?? null, body?.field ?? null);
  return body as T;
}

/** What a public page says while platform maintenance mode is on (the kernel refuses its posts with 503 `maintenance`). */
export function maintenanceMessage(retryAfterSeconds: number | null, refused = false): string {
  const when = retryAfterSeconds ? ` Please try again in ${retryAfterSeconds < 120 ? `${retryAfterSeconds} seconds` : `about ${Math.round(retryAfterSeconds / 60)} minutes`}.` : ' Please try again in a few minutes.';
  return `The platform is in maintenance: signing up, accepting invitations and resetting passwords are paused for a short while.${refused ? ' Nothing was changed.' : ''}${when}`;
}

/** Whether platform maintenance mode is on (`GET /api/maintenance`, public); false when it cannot be read. */
export async function readMaintenance(): Promise<{ active: boolean; retryAfterSeconds: number }> {
  try {
    const res = await fetch('/api/maintenance', { headers: { Accept: 'application/json' } });
    if (!res.ok) return { active: false, retryAfterSeconds: 0 };
    return (await res.json()) as { active: boolean; retryAfterSeconds: number };
  } catch {
    return { active: false, retryAfterSeconds: 0 };
  }
}

/** The `token` of the page's URL (`?token=...`). */
export function tokenFromUrl(): string {
  return new URLSearchParams(location.search).get('token') ?? '';
}
