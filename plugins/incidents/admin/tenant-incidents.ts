import { useQuery } from '@tanstack/react-query';
import { useIncidentsApi } from './incidents-api.ts';

/** An incident as a tenant user sees it (`GET /api/incidents/tenant/incidents`): public fields only. */
export interface TenantIncident {
  id: string;
  title: string;
  severity: number;
  status: 'investigating' | 'identified' | 'monitoring' | 'resolved';
  message: string | null;
  affectedSystems: string[];
  startedAt: string;
  resolvedAt: string | null;
}

/** Published incidents affecting the signed-in user's tenant (last 90 days), open ones first. */
export function useTenantIncidents() {
  const api = useIncidentsApi();
  return useQuery({
    queryKey: ['incidents', 'tenant'],
    queryFn: async () => {
      const rows = await api<TenantIncident[]>('/incidents/tenant/incidents');
      return [...rows].sort((a, b) => Number(a.status === 'resolved') - Number(b.status === 'resolved') || b.startedAt.localeCompare(a.startedAt));
    },
    refetchInterval: 30_000,
  });
}
