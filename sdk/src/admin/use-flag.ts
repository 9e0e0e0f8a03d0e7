/**
 * `@platform/sdk/admin/use-flag`: a feature flag's value in any plugin's console entry.
 *
 * ```tsx
 * import { useFlag } from '@platform/sdk/admin/use-flag';
 * const { value: showChart } = useFlag('example.notes_chart', true);
 * ```
 * The console's server evaluates the flag (`POST /api/feature-flags/evaluate`) for the signed-in user and
 * the selected tenant, so the browser never sees targeting rules. The fallback is served while loading, on
 * any error (including a platform without the feature-flags plugin), for an unknown flag, and when the
 * flag serves a value of another JSON type than the fallback. Answers are cached for 30 s and refetched
 * when the window regains focus or the console refreshes (a tenant switch).
 *
 * Unlike `@platform/sdk/admin` this module imports React libraries: `ra-core` and `@tanstack/react-query`,
 * which the console provides (one shared copy each).
 */
import { useQuery } from '@tanstack/react-query';
import { useDataProvider, type DataProvider } from 'ra-core';
import type { FlagEvaluation, FlagJsonValue } from '../feature-flags.ts';
import { flagValueOf } from './flag-value.ts';

export { flagValueOf };
import type { ConsoleApi } from './index.ts';

export interface FlagState<T> {
  /** The flag's value, or the fallback (see the module's note). */
  value: T;
  /** The server's evaluation (reason, variant, matched rule), once known. */
  evaluation: FlagEvaluation | undefined;
  isPending: boolean;
}

/** How long an answer is used before it is asked again. */
const FRESH_MS = 30_000;

export function useFlag(key: string, fallback: boolean): FlagState<boolean>;
export function useFlag(key: string, fallback: string): FlagState<string>;
export function useFlag(key: string, fallback: number): FlagState<number>;
export function useFlag<T extends FlagJsonValue>(key: string, fallback: T): FlagState<T>;
export function useFlag<T extends FlagJsonValue>(key: string, fallback: T): FlagState<T> {
  const dataProvider = useDataProvider<DataProvider & ConsoleApi>();
  const query = useQuery({
    queryKey: ['feature-flags', 'evaluate', key],
    queryFn: ({ signal }) => dataProvider.api<FlagEvaluation>('/feature-flags/evaluate', { method: 'POST', body: { flag: key }, signal }),
    staleTime: FRESH_MS,
    retry: false,
  });
  return { value: flagValueOf(query.data, fallback), evaluation: query.data, isPending: query.isPending };
}
