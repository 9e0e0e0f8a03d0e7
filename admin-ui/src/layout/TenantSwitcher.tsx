import { useSyncExternalStore, type ChangeEvent } from 'react';
import { useGetList } from 'ra-core';
import { useQueryClient } from '@tanstack/react-query';
import { useLocation, useNavigate } from 'react-router-dom';
import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import NativeSelect from '@mui/material/NativeSelect';
import Skeleton from '@mui/material/Skeleton';
import Tooltip from '@mui/material/Tooltip';
import BusinessIcon from '@mui/icons-material/Business';
import { ALL_TENANTS, getTenantSelection, setTenantSelection, subscribeTenantSelection } from '../api/tenantSelection.ts';
import { listPathOf } from './listPath.ts';
import { refreshConsole } from './refreshConsole.ts';
import { useSession } from './useSession.ts';

interface TenantOption {
  id: string;
  name: string;
  slug: string;
  status: string;
}

export function useTenantSelection(): string {
  return useSyncExternalStore(subscribeTenantSelection, getTenantSelection, getTenantSelection);
}

/**
 * Staff pick the tenant they act in (sent as `X-Tenant-Id` on every request); tenant users see their
 * tenant's name only. A native select labelled "Tenant", so it works with keyboard, screen readers and tests.
 */
export const TenantSwitcher = () => {
  const { session, can } = useSession();
  const selection = useTenantSelection();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const location = useLocation();
  const isStaff = session?.user.kind === 'staff';
  const mayList = isStaff && can('platform.tenants.read');
  const { data, isPending } = useGetList<TenantOption & { id: string }>(
    'tenants',
    { pagination: { page: 1, perPage: 500 }, sort: { field: 'name', order: 'ASC' }, filter: {} },
    { enabled: mayList, staleTime: 30_000 },
  );

  if (!session) return null;

  if (!isStaff) {
    return session.tenant ? (
      <Chip icon={<BusinessIcon />} label={session.tenant.name} variant="outlined" aria-label={`Tenant: ${session.tenant.name}`} sx={{ mr: 1 }} />
    ) : null;
  }
  if (!mayList) return null;
  if (isPending) return <Skeleton variant="rounded" width={200} height={32} sx={{ mr: 1 }} />;

  const tenants = (data ?? []).filter((t) => t.status !== 'deleted' || t.id === selection);
  const allowAll = can('platform.tenants.cross') || selection === ALL_TENANTS;
  const known = selection === ALL_TENANTS || tenants.some((t) => t.id === selection);

  const onChange = async (e: ChangeEvent<HTMLSelectElement>) => {
    const next = e.target.value;
    setTenantSelection(next);
    const target = listPathOf(location.pathname);
    if (target !== location.pathname) navigate(target);
    await refreshConsole(queryClient);
  };

  return (
    <Tooltip title="The tenant you are acting in" placement="bottom">
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, mr: 1, px: 1.25, py: 0.25, borderRadius: 2, border: 1, borderColor: 'divider', bgcolor: 'action.hover' }}>
        <BusinessIcon fontSize="small" color="action" />
        <NativeSelect
          value={known ? selection : ALL_TENANTS}
          onChange={onChange}
          disableUnderline
          inputProps={{ 'aria-label': 'Tenant', id: 'tenant-switcher', name: 'tenant' }}
          sx={{ minWidth: 160, maxWidth: 260, fontSize: '0.9rem', fontWeight: 500, '& select': { py: 0.5 } }}
        >
          {allowAll && <option value={ALL_TENANTS}>All tenants</option>}
          {tenants.map((t) => (
            <option key={t.id} value={t.id} disabled={t.status === 'suspended' || t.status === 'deleted'}>
              {t.name}
              {t.status !== 'active' ? ` (${t.status})` : ''}
            </option>
          ))}
        </NativeSelect>
      </Box>
    </Tooltip>
  );
};
