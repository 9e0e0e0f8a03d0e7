import type { StatusSnapshot } from './status-snapshot.ts';
import { publicHttpStatus } from './component-status.ts';

/** `GET /api/status`: the seed's portal status document. */
export function statusDocument(s: StatusSnapshot) {
  return {
    success: true,
    version: 'v1',
    data: {
      maintenanceMode: s.maintenanceMode,
      platformMaintenance: s.platformMaintenance,
      currentMaintenance: s.currentMaintenance,
      upcomingMaintenance: s.upcomingMaintenance,
      featureFlags: s.featureFlags,
      version: s.version,
      knownIssues: s.knownIssues.map(({ updates, ...issue }) => ({ ...issue, updates })),
      systemStatus: s.systemStatus,
      components: s.components.map((c) => ({ id: c.id, name: c.name, status: c.status })),
      timestamp: s.timestamp,
    },
  };
}

/** `GET /api/status/health`: the seed's portal health document, and its HTTP status (503 on an outage). */
export function healthDocument(s: StatusSnapshot): { statusCode: 200 | 503; body: unknown } {
  const last = s.recentIncidents[0];
  return {
    statusCode: publicHttpStatus(s.systemStatus),
    body: {
      success: true,
      version: 'v1',
      data: {
        status: s.systemStatus,
        components: Object.fromEntries(s.components.map((c) => [c.id, { name: c.name, status: c.health, componentStatus: c.status, responseTime: c.responseTime, lastChecked: c.lastChecked }])),
        lastIncident: last ? { component: last.components[0] ?? null, status: last.componentStatus, message: last.title, timestamp: last.startedAt } : null,
        timestamp: s.timestamp,
      },
    },
  };
}
