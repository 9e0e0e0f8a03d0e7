import { openEventStream, type PlatformReply, type PlatformRequest, type PluginContext } from '@platform/sdk';
import type { IncidentChanges } from '../incident-changes.ts';

const HEARTBEAT_MS = 15_000;
/** Streams end after this long so clients reconnect (and spread over instances). */
const MAX_STREAM_MS = 10 * 60_000;

/**
 * `GET /api/incidents/stream`: server-sent events, `event: changed` with `{ ids }` whenever incidents change
 * (a field, the status, a timeline entry, the postmortem, a linked alert), on any instance. Ids only: the
 * console re-reads what it shows. For holders of `incidents.read` (platform staff).
 */
export function addStreamRoute(ctx: PluginContext, changes: IncidentChanges): void {
  ctx.routes.add({
    method: 'GET',
    url: '/stream',
    permission: 'incidents.read',
    tenantScoped: false,
    schema: { summary: 'Live incident changes (server-sent events): `changed` with the ids of the incidents that changed' },
    async handler(req: PlatformRequest, reply: PlatformReply) {
      const stream = openEventStream(req, reply, { retryMs: 2000, heartbeatMs: HEARTBEAT_MS, maxLifetimeMs: MAX_STREAM_MS });
      stream.send('ready', {});
      stream.onClose(changes.follow((ids) => stream.send('changed', { ids })));
    },
  });
}
