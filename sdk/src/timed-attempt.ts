import type { TObject } from '@sinclair/typebox';
import { describeCheckFailure, secretFieldsOf } from './monitors.ts';

/** What one attempt's code gets: the signal its timeout aborts, and `fetch` bound to it. */
export interface TimedAttempt {
  signal: AbortSignal;
  timeoutMs: number;
  fetch(input: string | URL, init?: RequestInit): Promise<Response>;
}

export type TimedAttemptOutcome<T> = { ok: true; value: T } | { ok: false; error: unknown; timedOut: boolean; description: string };

/**
 * Runs one attempt of an extension's code (an alert delivery, a provider send) under a timeout that aborts
 * its signal and settles at once, not waiting for code that ignores the signal. Never throws: a failure
 * comes back with a description ("timed out after 10000 ms", "connection refused"...).
 */
export async function runTimedAttempt<T>(timeoutMs: number, body: (attempt: TimedAttempt) => Promise<T>): Promise<TimedAttemptOutcome<T>> {
  const controller = new AbortController();
  const timeout = new Error(`timed out after ${timeoutMs} ms`);
  timeout.name = 'TimeoutError';
  const timer = setTimeout(() => controller.abort(timeout), timeoutMs);
  const signal = controller.signal;
  try {
    const aborted = new Promise<never>((_, reject) => signal.addEventListener('abort', () => reject(signal.reason), { once: true }));
    aborted.catch(() => undefined);
    const attempt: TimedAttempt = {
      signal,
      timeoutMs,
      fetch: (input, init = {}) => fetch(input, { ...init, signal: init.signal ? AbortSignal.any([signal, init.signal]) : signal }),
    };
    return { ok: true, value: await Promise.race([body(attempt), aborted]) };
  } catch (error) {
    return { ok: false, error, timedOut: signal.aborted, description: describeCheckFailure(error, signal, timeoutMs) };
  } finally {
    clearTimeout(timer);
  }
}

/** The values of a config's `Secret()` fields worth scrubbing from messages (4 characters or more). */
export function secretValuesOf(schema: TObject, config: Record<string, unknown>): string[] {
  return secretFieldsOf(schema)
    .map((k) => config[k])
    .filter((v): v is string => typeof v === 'string' && v.length >= 4);
}

/** A secret URL (a Slack webhook) leaks through its path too, so its path is scrubbed as well. */
function secretVariants(secret: string): string[] {
  try {
    const url = new URL(secret);
    const path = url.pathname + url.search;
    return path.length > 4 ? [secret, path] : [secret];
  } catch {
    return [secret];
  }
}

/** `text` with every secret (and a secret URL's path) replaced by `[redacted]`. */
export function scrubSecrets(text: string, secrets: readonly string[]): string {
  return secrets.flatMap(secretVariants).reduce((acc, s) => acc.split(s).join('[redacted]'), text);
}
