import type { EntityManager, PluginContext } from '@platform/sdk';
import type { IncidentStatusPageUpdate } from '@platform/sdk/incidents';
import type { IncidentUpdate } from '../entities/incident.ts';
import type { ComponentStatus, IncidentImpact } from '../status-vocabulary.ts';
import { incidentTimelineOnSave } from './incident-timeline.ts';

const COMPONENT_STATUS_BY_IMPACT: Record<IncidentImpact, ComponentStatus> = {
  critical: 'major_outage',
  major: 'partial_outage',
  minor: 'degraded_performance',
  none: 'operational',
};

/** Whether an incident of the incidents plugin belongs on the public, platform-wide page. */
export function isPublicIncident(update: Pick<IncidentStatusPageUpdate, 'published' | 'affectedTenantIds'>): boolean {
  // An incident limited to some tenants would name them to the world: those stay off the public page.
  return update.published && update.affectedTenantIds.length === 0;
}

/**
 * Applies one `incidents.status_page_updated` delivery (at least once, maybe out of order): upserts the
 * incident by its source id with a timeline entry when its status or message changed, removes it when
 * it was taken off the status page, and ignores deliveries older than the last one applied.
 */
export async function applyPublishedIncident(ctx: Pick<PluginContext, 'db'>, u: IncidentStatusPageUpdate, em: EntityManager): Promise<'upserted' | 'removed' | 'stale'> {
  const [existing] = await ctx.db.sql<{ id: string; status: IncidentUpdate['status']; message: string; updates: IncidentUpdate[]; resolved_at: Date | null; source_updated_at: Date | null }>(
    `SELECT id, status, message, updates, resolved_at, source_updated_at FROM status_incidents WHERE source = 'incidents' AND source_id = $1 FOR UPDATE`,
    [u.incidentId],
    em,
  );
  const at = new Date(u.at);
  if (existing?.source_updated_at && new Date(existing.source_updated_at) > at) return 'stale';
  if (!isPublicIncident(u)) {
    await ctx.db.sql(`DELETE FROM status_incidents WHERE source = 'incidents' AND source_id = $1`, [u.incidentId], em);
    return 'removed';
  }
  const timeline = incidentTimelineOnSave(
    { status: u.status, message: u.message },
    existing ? { status: existing.status, message: existing.message, updates: existing.updates ?? [], resolvedAt: existing.resolved_at } : null,
    at,
  );
  const updates = timeline.updates ?? existing?.updates ?? [];
  const resolvedAt = u.resolvedAt ? new Date(u.resolvedAt) : null;
  if (existing) {
    await ctx.db.sql(
      `UPDATE status_incidents SET title = $2, status = $3, impact = $4, component_status = $5, components = $6::jsonb, message = $7,
         resolved_at = $8, updates = $9::jsonb, source_updated_at = $10, updated_at = now() WHERE id = $1`,
      [existing.id, u.title, u.status, u.impact, COMPONENT_STATUS_BY_IMPACT[u.impact], JSON.stringify(u.affectedSystems), u.message, resolvedAt, JSON.stringify(updates), at],
      em,
    );
  } else {
    await ctx.db.sql(
      `INSERT INTO status_incidents (id, title, status, impact, component_status, components, message, started_at, resolved_at, updates, source, source_id, source_updated_at)
       VALUES (gen_random_uuid(), $1, $2, $3, $4, $5::jsonb, $6, $7, $8, $9::jsonb, 'incidents', $10, $11)`,
      [u.title, u.status, u.impact, COMPONENT_STATUS_BY_IMPACT[u.impact], JSON.stringify(u.affectedSystems), u.message, new Date(u.startedAt), resolvedAt, JSON.stringify(updates), u.incidentId, at],
      em,
    );
  }
  return 'upserted';
}
