import { useGetList } from 'ra-core';
import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import Skeleton from '@mui/material/Skeleton';
import Tooltip from '@mui/material/Tooltip';
import BusinessIcon from '@mui/icons-material/Business';
import { ALL_TENANTS } from '../api/tenantSelection.ts';
import { NativeTenantSelect } from './NativeTenantSelect.tsx';
import { TenantSearch } from './TenantSearch.tsx';
import { NATIVE_SELECT_MAX, needsSearch, type TenantChoice } from './tenantChoices.ts';
import { useSession } from './useSession.ts';
import { useTenantSelection } from './useSwitchTenant.ts';

export { useTenantSelection } from './useSwitchTenant.ts';

/**
 * Staff pick the tenant they act in (sent as `X-Tenant-Id` on every request); tenant users see their
 * tenant's name only. A native select labelled "Tenant" while there are few tenants (≤ 50), a server-side
 * search labelled "Tenant" beyond.
 */
export const TenantSwitcher = () => {
  const { session, can } = useSession();
  const selection = useTenantSelection();
  const isStaff = session?.user.kind === 'staff';
  const mayList = isStaff && can('platform.tenants.read');
  // One page of the size a native select takes: its total says which control to show.
  const { data, total, isPending } = useGetList<TenantChoice>(
    'tenants',
    { pagination: { page: 1, perPage: NATIVE_SELECT_MAX }, sort: { field: 'name', order: 'ASC' }, filter: {} },
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

  const allowAll = can('platform.tenants.cross') || selection === ALL_TENANTS;
  const tenants = data ?? [];
  const search = needsSearch(total, tenants.length);

  const frame = { display: 'flex', alignItems: 'center', gap: 1, mr: 1, px: 1.25, py: 0.25, borderRadius: 2, border: 1, borderColor: 'divider', bgcolor: 'action.hover' };
  const hint = 'The tenant you are acting in';
  if (search) {
    // The tooltip sits on the icon only, so it never covers the search results.
    return (
      <Box sx={frame}>
        <Tooltip title={hint} placement="bottom">
          <BusinessIcon fontSize="small" color="action" />
        </Tooltip>
        <TenantSearch selection={selection} allowAll={allowAll} />
      </Box>
    );
  }
  return (
    <Tooltip title={hint} placement="bottom">
      <Box sx={frame}>
        <BusinessIcon fontSize="small" color="action" />
        <NativeTenantSelect tenants={tenants} selection={selection} allowAll={allowAll} />
      </Box>
    </Tooltip>
  );
};
