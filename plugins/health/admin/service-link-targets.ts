/** The logging plugin's log viewer route and the nav item that gates it in the console. */
export const LOGS_PATH = '/logging/logs';
export const LOGS_NAV_ITEM = 'logging.logs';
/** The incidents plugin's list resource. */
export const INCIDENTS_RESOURCE = 'incidents/incidents';

/** Where "Logs" and "Incidents" go for a service: the log viewer searching for it, the incidents that list it as affected. */
export function serviceLinkTargets(serviceId: string): { logs: string; incidents: string } {
  return {
    logs: `${LOGS_PATH}?${new URLSearchParams({ q: serviceId })}`,
    incidents: `/${INCIDENTS_RESOURCE}?${new URLSearchParams({ filter: JSON.stringify({ affectedSystem: serviceId }) })}`,
  };
}
