import { useDataProvider, type DataProvider } from 'react-admin';
import { useQuery } from '@tanstack/react-query';
import type { ConsoleApi } from '@platform/sdk/admin';

/** A GET on the health API, refreshed every `refetchMs` (dashboard refresh under 5 s, per the seed). */
export function useHealthApi<T>(path: string | null, refetchMs = 15_000) {
  const dp = useDataProvider<DataProvider & ConsoleApi>();
  return useQuery({
    queryKey: ['health-api', path],
    queryFn: ({ signal }) => dp.api<T>(path!, { signal }),
    enabled: path !== null,
    refetchInterval: refetchMs,
    retry: false,
  });
}

export function useConsoleApi() {
  return useDataProvider<DataProvider & ConsoleApi>();
}
