import { useQuery } from '@tanstack/react-query';
import { useDataProvider, useResourceDefinitions, type RaRecord } from 'ra-core';
import type { PlatformSession } from '@platform/sdk/admin';
import { apiPathOf } from '../api/apiPaths.ts';
import { loadRouteAccess } from '../api/session.ts';
import { matchesQuery, type PaletteTarget } from '../nav/paletteMatch.ts';

/** Records per resource, and resources searched per query (each one request). */
const PER_RESOURCE = 5;
const MAX_RESOURCES = 32;

/**
 * Tenants and records whose name matches the query: the registered resources that have a record page and a
 * text representation, searched with react-admin's `q` filter, only those whose list this user may read
 * (so a tenant user never asks for the platform's tenant list). A resource that fails is left out.
 */
export function usePaletteRecords(query: string, session: PlatformSession | undefined): { targets: PaletteTarget[]; isFetching: boolean } {
  const dataProvider = useDataProvider();
  const definitions = useResourceDefinitions();
  const q = query.trim();
  const resources = Object.values(definitions).filter((d) => (d.hasShow || d.hasEdit) && typeof d.recordRepresentation === 'string');
  const result = useQuery({
    queryKey: ['palette', session?.user.id, session?.tenantSelection, q, resources.map((r) => r.name).join(',')],
    enabled: !!session && q.length >= 2,
    staleTime: 15_000,
    queryFn: async ({ signal }) => {
      const access = await loadRouteAccess(session!);
      const readable = resources.filter((r) => !access || access.allows('GET', `/${apiPathOf(r.name)}`)).slice(0, MAX_RESOURCES);
      const lists = await Promise.all(
        readable.map(async (r) => {
          try {
            const { data } = await dataProvider.getList<RaRecord>(r.name, { filter: { q }, pagination: { page: 1, perPage: PER_RESOURCE }, sort: { field: 'id', order: 'ASC' }, signal });
            const field = r.recordRepresentation as string;
            return data
              // A list that ignores `q` answers its first rows: keep only those whose name matches.
              .filter((row) => (typeof row[field] === 'string' || typeof row[field] === 'number') && matchesQuery(String(row[field]), q))
              .map(
                (row): PaletteTarget => ({
                  key: `${r.name}:${row.id}`,
                  kind: r.name === 'tenants' ? 'tenant' : 'record',
                  label: String(row[field]),
                  detail: r.name === 'tenants' ? 'Tenant' : (r.options?.label as string | undefined) ?? r.name,
                  to: `/${r.name}/${encodeURIComponent(String(row.id))}${r.hasShow ? '/show' : ''}`,
                }),
              );
          } catch {
            return [];
          }
        }),
      );
      return lists.flat();
    },
  });
  return { targets: result.data ?? [], isFetching: result.isFetching };
}
