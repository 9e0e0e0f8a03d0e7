import type { GetListParams } from 'ra-core';
import { API_URL, apiJson, httpClient } from './http.ts';

/** One event delivery that exhausted its retries, as `GET /api/events/dead-letters` answers it, plus a react-admin id. */
export interface DeadLetter {
  /** `<eventId>/<subscriber>`: a delivery is one event for one subscriber. */
  id: string;
  eventId: string;
  name: string;
  subscriber: string;
  payload: unknown;
  attempts: number;
  maxAttempts: number;
  lastError: string | null;
  lastAttemptAt: string | null;
  createdAt: string;
}

export interface DeadLetterPage {
  data: DeadLetter[];
  total: number;
}

export const deadLetterId = (eventId: string, subscriber: string): string => `${eventId}/${subscriber}`;

/** react-admin's page → the route's `limit`/`offset` (the route caps `limit` at 500). */
export function deadLetterPageQuery(pagination: GetListParams['pagination'] | undefined): { limit: number; offset: number } {
  const perPage = Math.min(Math.max(Math.floor(pagination?.perPage ?? 25), 1), 500);
  const page = Math.max(Math.floor(pagination?.page ?? 1), 1);
  return { limit: perPage, offset: (page - 1) * perPage };
}

/** The total of `Content-Range: dead-letters 0-24/142`; `fallback` when the header is missing or unreadable. */
export function totalFromContentRange(header: string | null | undefined, fallback: number): number {
  const match = /\/(\d+)\s*$/.exec(header ?? '');
  return match ? Number(match[1]) : fallback;
}

/** `GET /api/events/dead-letters?limit=&offset=`, newest event first. */
export async function fetchDeadLetters(query: { limit: number; offset: number; signal?: AbortSignal }): Promise<DeadLetterPage> {
  const search = new URLSearchParams({ limit: String(query.limit), offset: String(query.offset) });
  const { json, headers } = await httpClient(`${API_URL}/events/dead-letters?${search.toString()}`, { signal: query.signal });
  const rows = (Array.isArray(json) ? json : []) as Omit<DeadLetter, 'id'>[];
  const data = rows.map((r) => ({ ...r, id: deadLetterId(r.eventId, r.subscriber) }));
  return { data, total: totalFromContentRange(headers.get('content-range'), query.offset + data.length) };
}

/** `POST /api/events/dead-letters/:eventId/:subscriber/retry`: queues the delivery again with fresh attempts. */
export async function retryDeadLetter(eventId: string, subscriber: string): Promise<void> {
  await apiJson(`/events/dead-letters/${encodeURIComponent(eventId)}/${encodeURIComponent(subscriber)}/retry`, { method: 'POST', body: {} });
}
