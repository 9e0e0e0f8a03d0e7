import { QueryClient } from '@tanstack/react-query';
import { errorStatus } from './problem.ts';

/** React Query's own default: three retries (after 1, 2 and 4 s). */
const MAX_RETRIES = 3;

/**
 * Whether a failed query is worth asking again. A 4xx answer (signed out, forbidden, not found, invalid) is the
 * same on the next try, so it is not retried: a signed-out deep link reaches the login form as soon as its 401
 * arrives, instead of after 7 s of retries. Network failures, 5xx, 408 and 429 are retried as before.
 */
export function shouldRetryQuery(failureCount: number, error: unknown): boolean {
  const status = errorStatus(error);
  if (status !== undefined && status >= 400 && status < 500 && status !== 408 && status !== 429) return false;
  return failureCount < MAX_RETRIES;
}

/** The console's query client (react-admin's `queryClient`): React Query's defaults, except that 4xx answers are final. */
export function createConsoleQueryClient(): QueryClient {
  return new QueryClient({ defaultOptions: { queries: { retry: shouldRetryQuery } } });
}
