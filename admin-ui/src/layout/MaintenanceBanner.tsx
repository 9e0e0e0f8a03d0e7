import { useQuery } from '@tanstack/react-query';
import Alert from '@mui/material/Alert';
import { API_URL } from '../api/apiUrl.ts';
import { useSession } from './useSession.ts';

interface MaintenanceState {
  active: boolean;
  retryAfterSeconds: number;
}

async function readMaintenance(): Promise<MaintenanceState> {
  const res = await fetch(`${API_URL}/maintenance`, { credentials: 'include', headers: { Accept: 'application/json' } });
  if (!res.ok) return { active: false, retryAfterSeconds: 0 };
  return (await res.json()) as MaintenanceState;
}

/**
 * The banner over every console page while platform maintenance mode is on (the flag
 * `platform.maintenance_mode`): tenant users learn why their changes are refused; staff, that they still can act.
 */
export const MaintenanceBanner = () => {
  const { session } = useSession();
  const state = useQuery({ queryKey: ['platform', 'maintenance'], queryFn: readMaintenance, refetchInterval: 30_000, staleTime: 15_000 });
  if (!state.data?.active) return null;
  const staff = session?.user.kind === 'staff';
  return (
    <Alert severity="warning" variant="filled" role="status" data-testid="maintenance-banner" sx={{ borderRadius: 0, mb: 1 }}>
      {staff
        ? 'Maintenance mode is on: tenants cannot make changes right now. As platform staff, you still can.'
        : 'The platform is in maintenance: changes are paused for a few minutes. You can still look around.'}
    </Alert>
  );
};
