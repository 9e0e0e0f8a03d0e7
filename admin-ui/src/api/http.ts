import { fetchUtils, HttpError } from 'ra-core';
import type { ConsoleApiInit } from '@platform/sdk/admin';
import { problemToHttpError } from './problem.ts';
import { getTenantSelection, tenantHeaderFor } from './tenantSelection.ts';
import { addIdempotencyKey } from './idempotencyKey.ts';
import { API_URL } from './apiUrl.ts';
import { isShedRefusal, SHED_RETRIES, waitBeforeRetry } from './shedRefusal.ts';

export { API_URL };

export type HttpOptions = fetchUtils.Options;

/**
 * Headers every console request carries: JSON, and `X-Tenant-Id` for the staff tenant selection, unless the request
 * names its tenant itself (a customer 360 panel about one tenant).
 */
export function platformHeaders(init?: HeadersInit): Headers {
  const headers = new Headers(init ?? {});
  if (!headers.has('Accept')) headers.set('Accept', 'application/json');
  if (headers.has('X-Tenant-Id')) return headers;
  const tenant = tenantHeaderFor(getTenantSelection());
  if (tenant) headers.set('X-Tenant-Id', tenant);
  else headers.delete('X-Tenant-Id');
  return headers;
}

/**
 * The console's HTTP client: react-admin's `fetchJson` with the session cookie, the tenant header, an
 * `Idempotency-Key` on every mutation and problem+json errors turned into an HttpError carrying the problem's `detail`.
 * A request the kernel refused as overloaded (before doing anything) is sent again after its Retry-After.
 */
export async function httpClient(url: string, options: HttpOptions = {}) {
  const headers = addIdempotencyKey(options.method, platformHeaders(options.headers as HeadersInit | undefined));
  for (let attempt = 1; ; attempt++) {
    try {
      return await fetchUtils.fetchJson(url, { ...options, headers, credentials: 'include' });
    } catch (err) {
      if (err instanceof HttpError) {
        if (attempt <= SHED_RETRIES && isShedRefusal(err.status, err.body)) {
          await waitBeforeRetry(attempt);
          continue;
        }
        throw problemToHttpError(err.status, err.message, err.body);
      }
      throw problemToHttpError(0, (err as Error)?.message ?? 'Network error', null);
    }
  }
}

/** A raw fetch with the same headers and error mapping, for non-JSON bodies (CSV export). */
export async function fetchRaw(url: string, init: RequestInit = {}): Promise<Response> {
  const headers = addIdempotencyKey(init.method, platformHeaders(init.headers));
  let res: Response;
  try {
    res = await fetch(url, { ...init, headers, credentials: 'include' });
  } catch (err) {
    throw problemToHttpError(0, (err as Error)?.message ?? 'Network error', null);
  }
  if (!res.ok) {
    const text = await res.text().catch(() => '');
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      /* not JSON */
    }
    throw problemToHttpError(res.status, res.statusText, body);
  }
  return res;
}

/** JSON request helper for the kernel's non-CRUD routes. */
export async function apiJson<T = unknown>(path: string, init: ConsoleApiInit = {}): Promise<T> {
  const { json } = await httpClient(`${API_URL}${path}`, {
    method: init.method ?? 'GET',
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
    signal: init.signal,
    headers: init.tenant ? { 'X-Tenant-Id': init.tenant } : undefined,
  });
  return json as T;
}
