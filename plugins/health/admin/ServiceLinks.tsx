import Button from '@mui/material/Button';
import { Link as RouterLink } from 'react-router-dom';
import { usePermissions, useResourceDefinitions } from 'react-admin';
import type { PlatformSession } from '@platform/sdk/admin';
import { INCIDENTS_RESOURCE, LOGS_NAV_ITEM, serviceLinkTargets } from './service-link-targets.ts';

/**
 * "Logs" and "Incidents" for a service (seed 1.1: a service opens its logs and related incidents). Each
 * shows only when its plugin is in this console for this user: the log viewer when the session's nav has
 * its item, the incidents list when its resource is registered.
 */
export function ServiceLinks({ serviceId }: { serviceId: string }) {
  const { permissions } = usePermissions<PlatformSession>();
  const resources = useResourceDefinitions();
  const hasLogs = !!permissions?.nav?.sections.some((s) => s.items.some((i) => i.id === LOGS_NAV_ITEM));
  const hasIncidents = INCIDENTS_RESOURCE in resources;
  const to = serviceLinkTargets(serviceId);
  return (
    <>
      {hasLogs && (
        <Button component={RouterLink} to={to.logs} size="small">
          Logs
        </Button>
      )}
      {hasIncidents && (
        <Button component={RouterLink} to={to.incidents} size="small">
          Incidents
        </Button>
      )}
    </>
  );
}
