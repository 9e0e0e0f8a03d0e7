import { ProblemError } from '@platform/sdk';

/** The answer of an external API: status and parsed JSON body (null when it is not JSON). */
export interface ExternalAnswer {
  status: number;
  body: any;
  headers: Headers;
}

/**
 * One HTTP call to an external service (Shopify, Stripe, Wise) with a timeout. A network failure or timeout is a
 * 502 `<service>_unreachable` problem; the caller decides what a non-2xx status means.
 */
export async function callExternal(service: string, url: string, init: RequestInit & { timeoutMs?: number } = {}): Promise<ExternalAnswer> {
  let res: Response;
  try {
    res = await fetch(url, { ...init, redirect: 'manual', signal: AbortSignal.timeout(init.timeoutMs ?? 10_000) });
  } catch (err) {
    throw new ProblemError(502, `${service}_unreachable`, `${service} could not be reached: ${(err as Error).message}`);
  }
  const text = await res.text();
  let body: unknown = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = null;
  }
  return { status: res.status, body, headers: res.headers };
}

/** A 502 for an answer the service should not have given. */
export function unexpectedAnswer(service: string, what: string, answer: ExternalAnswer): ProblemError {
  return new ProblemError(502, `${service}_failed`, `${service} ${what} answered ${answer.status}`);
}

/** `base` without trailing slashes, joined with `path`. */
export function joinUrl(base: string, path: string): string {
  return `${base.replace(/\/+$/, '')}${path}`;
}
