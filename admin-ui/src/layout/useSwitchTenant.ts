import { useSyncExternalStore } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useLocation, useNavigate } from 'react-router-dom';
import { getTenantSelection, setTenantSelection, subscribeTenantSelection } from '../api/tenantSelection.ts';
import { listPathOf } from './listPath.ts';
import { refreshConsole } from './refreshConsole.ts';

export function useTenantSelection(): string {
  return useSyncExternalStore(subscribeTenantSelection, getTenantSelection, getTenantSelection);
}

/** Acts in another tenant: stores the choice, leaves a record page for its list, and reloads session and data. */
export function useSwitchTenant(): (next: string) => Promise<void> {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const location = useLocation();
  return async (next: string) => {
    setTenantSelection(next);
    const target = listPathOf(location.pathname);
    if (target !== location.pathname) navigate(target);
    await refreshConsole(queryClient);
  };
}
