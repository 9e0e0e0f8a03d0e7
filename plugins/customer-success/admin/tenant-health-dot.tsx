import { useQuery } from '@tanstack/react-query';
import type { TenantListFieldProps } from '@platform/sdk/admin';
import { useHealthApi, type ScoreRow } from './health-api.ts';
import { HealthDot } from './health-dot.tsx';

/** The health dot of a tenant-list row: one request for every row (a shared query), refreshed each minute at most. */
export function TenantHealthDot({ tenantId }: TenantListFieldProps) {
  const api = useHealthApi();
  const q = useQuery({
    queryKey: ['customer-success', 'tenant-dots'],
    queryFn: () => api<ScoreRow[]>('/customer-success/score?limit=1000'),
    staleTime: 60_000,
  });
  const row = q.data?.find((r) => r.tenantId === tenantId);
  return row ? <HealthDot bucket={row.bucket} total={row.total} /> : <span>—</span>;
}
