import { QueryClient } from '@tanstack/react-query';
import { errorStatus } from './problem.ts';

/** Retries at most this often, and only what may answer differently next time (network errors, 5xx, 429). */
const MAX_RETRIES = 3;

/**
 * A 4xx answer (403 forbidden, 404, 400) is the same on every retry: react-query's default of three retries
 * with back-off turned one refused request into four and about 7 s of spinner before the page showed it.
 */
export function shouldRetry(failureCount: number, error: unknown): boolean {
  if (failureCount >= MAX_RETRIES) return false;
  const status = errorStatus(error);
  return status === undefined || status === 0 || status === 429 || status >= 500;
}

export const queryClient = new QueryClient({ defaultOptions: { queries: { retry: shouldRetry } } });
