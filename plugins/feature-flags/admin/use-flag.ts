import { useDataProvider, type DataProvider } from 'react-admin';
import { useQuery } from '@tanstack/react-query';
import type { ConsoleApi } from '@platform/sdk/admin';
import type { FlagEvaluationView } from './flag-types.ts';

/**
 * A flag's value for the signed-in user and the selected tenant, evaluated by the server (the browser
 * never sees targeting rules): `const { value, isPending } = useFlag('admin.realtime_dashboard', false)`.
 * The fallback is served while loading, on an error, or when the flag is unknown.
 */
export function useFlag<T>(key: string, fallback: T): { value: T; evaluation: FlagEvaluationView | undefined; isPending: boolean } {
  const dataProvider = useDataProvider<DataProvider & ConsoleApi>();
  const query = useQuery({
    queryKey: ['feature-flags', 'evaluate', key],
    queryFn: () => dataProvider.api<FlagEvaluationView>('/feature-flags/evaluate', { method: 'POST', body: { flag: key } }),
    staleTime: 30_000,
  });
  const evaluation = query.data;
  const usable = evaluation && evaluation.reason !== 'ERROR' && (fallback === null || typeof evaluation.value === typeof fallback);
  return { value: usable ? (evaluation.value as T) : fallback, evaluation, isPending: query.isPending };
}
