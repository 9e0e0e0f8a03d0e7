import type { AlertLifecycleEvent } from '@platform/sdk/alerts';
import type { PluginContext } from '@platform/sdk';
import { appendTimeline, type TimelineEntryType } from './store/timeline-store.ts';
import type { IncidentChanges } from './incident-changes.ts';

const ENTRY: Record<AlertLifecycleEvent['action'], TimelineEntryType> = { fired: 'alert_fired', acknowledged: 'alert_acknowledged', resolved: 'alert_resolved' };

/**
 * Linked alerts add timeline entries by themselves: every `alerts.fired / acknowledged / resolved` of an
 * alert linked to an open incident (after it was linked) becomes an entry. Delivered at least once, so an
 * event already recorded (by its id) is skipped.
 */
export function recordLinkedAlertEvents(ctx: PluginContext, changes: IncidentChanges): void {
  ctx.events.subscribe('incidents.linked-alert-timeline', 'alerts.*', async (payload, meta) => {
    const event = payload as unknown as AlertLifecycleEvent;
    if (!event?.alert?.fingerprint || !ENTRY[event.action]) return;
    const at = Date.parse(event.at);
    await ctx.db.system().transactional(async (em) => {
      const incidents = await ctx.db.sql<{ id: string }>(
        `SELECT i.id FROM incidents_alert_links l JOIN incidents_incidents i ON i.id = l.incident_id
         WHERE l.fingerprint = $1 AND i.status <> 'resolved' AND (l.linked_at < $2 OR ($4 <> 'fired' AND l.linked_at = $2))
           AND NOT EXISTS (SELECT 1 FROM incidents_timeline t WHERE t.incident_id = i.id AND t.details->>'eventId' = $3)`,
        [event.alert.fingerprint, new Date(at), meta.id ?? '', event.action],
        em,
      );
      const value = event.alert.value === null ? '' : ` (value ${Number(event.alert.value.toFixed(3))}, threshold ${event.alert.threshold})`;
      await appendTimeline(
        ctx.db,
        em,
        incidents.map((i) => ({
          incidentId: i.id,
          at,
          entryType: ENTRY[event.action],
          message: `Alert "${event.alert.ruleName}" ${event.action}${event.by ? ` by ${event.by}` : ''}${value}`,
          author: 'alerts',
          details: { eventId: meta.id ?? null, alertId: event.alert.id, fingerprint: event.alert.fingerprint },
        })),
        changes,
      );
    });
  });
}
