import { useSuspenseQuery } from '@tanstack/react-query';
import { useDataProvider, type DataProvider } from 'react-admin';
import type { ConsoleApi } from '@platform/sdk/admin';

/** `api(path)` of the console's data provider. */
export function useConsoleApi(): ConsoleApi['api'] {
  const dataProvider = useDataProvider<DataProvider & ConsoleApi>();
  return dataProvider.api.bind(dataProvider);
}

/**
 * A panel's data: suspends while loading (the page shows the panel's skeleton) and throws on failure (its error state).
 * `tenant`: for a tenant-scoped route, the tenant the page is about (not the one a staff member has selected).
 */
export function usePanelData<T>(key: readonly unknown[], path: string, tenant?: string): T {
  const api = useConsoleApi();
  return useSuspenseQuery({ queryKey: ['customer-360', ...key], queryFn: () => api<T>(path, { tenant }) }).data;
}

/** Path of a customer-success 360 route of a tenant. */
export const customerPath = (tenantId: string, rest: string) => `/customer-success/customers/${tenantId}/${rest}`;

/** `?filter=...&range=...&sort=...` as react-admin list routes read them. */
export const listQuery = (filter: Record<string, unknown>, count: number, sort: [string, 'ASC' | 'DESC']) =>
  `filter=${encodeURIComponent(JSON.stringify(filter))}&range=${encodeURIComponent(JSON.stringify([0, count - 1]))}&sort=${encodeURIComponent(JSON.stringify(sort))}`;

export const when = (iso: string | null | undefined) => (iso ? new Date(iso).toLocaleString() : '—');
