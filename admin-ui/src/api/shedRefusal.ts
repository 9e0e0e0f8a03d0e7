import { asProblem } from './problemText.ts';

/** How often a refused request is sent again, and how long to wait before each (the kernel's `Retry-After`). */
export const SHED_RETRIES = 2;
export const SHED_RETRY_DELAY_MS = 1000;

/**
 * The kernel's load shedder refuses a request before any work with `503 overloaded` and `Retry-After`
 * (core/src/http/load-shedder.ts): nothing ran, so the same request can be sent again, mutations included.
 * Without this, a refusal during sign-in fails the session check and react-admin signs the user out.
 */
export function isShedRefusal(status: number | undefined, body: unknown): boolean {
  return status === 503 && asProblem(body)?.code === 'overloaded';
}

export const waitBeforeRetry = (attempt: number) => new Promise((resolve) => setTimeout(resolve, SHED_RETRY_DELAY_MS * attempt));
