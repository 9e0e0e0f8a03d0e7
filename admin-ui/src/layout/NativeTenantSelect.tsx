import NativeSelect from '@mui/material/NativeSelect';
import { ALL_TENANTS } from '../api/tenantSelection.ts';
import { isTenantDisabled, tenantLabel, visibleTenants, type TenantChoice } from './tenantChoices.ts';
import { useSwitchTenant } from './useSwitchTenant.ts';

/** The switcher for a few tenants: a native select labelled "Tenant" (keyboard, screen readers and tests). */
export const NativeTenantSelect = ({ tenants, selection, allowAll }: { tenants: readonly TenantChoice[]; selection: string; allowAll: boolean }) => {
  const switchTenant = useSwitchTenant();
  const shown = visibleTenants(tenants, selection);
  const known = selection === ALL_TENANTS || shown.some((t) => t.id === selection);
  return (
    <NativeSelect
      value={known ? selection : ALL_TENANTS}
      onChange={(e) => void switchTenant(e.target.value)}
      disableUnderline
      inputProps={{ 'aria-label': 'Tenant', id: 'tenant-switcher', name: 'tenant' }}
      sx={{ minWidth: 160, maxWidth: 260, fontSize: '0.9rem', fontWeight: 500, '& select': { py: 0.5 } }}
    >
      {allowAll && <option value={ALL_TENANTS}>All tenants</option>}
      {shown.map((t) => (
        <option key={t.id} value={t.id} disabled={isTenantDisabled(t)}>
          {tenantLabel(t)}
        </option>
      ))}
    </NativeSelect>
  );
};
