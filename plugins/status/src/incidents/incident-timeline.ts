import type { IncidentUpdate } from '../entities/incident.ts';
import type { IncidentStatus } from '../status-vocabulary.ts';

/**
 * Fields an incident save sets on top of what the client sent: the timeline gets an entry whenever
 * the status or the public message changes, and `resolvedAt` follows the status.
 */
export function incidentTimelineOnSave(
  next: { status?: IncidentStatus; message?: string },
  existing: { status: IncidentStatus; message: string; updates: IncidentUpdate[]; resolvedAt: Date | string | null } | null,
  now: Date,
): { updates?: IncidentUpdate[]; resolvedAt?: Date | null } {
  const status = next.status ?? existing?.status;
  const message = next.message ?? existing?.message ?? '';
  if (!status) return {};
  const out: { updates?: IncidentUpdate[]; resolvedAt?: Date | null } = {};
  if (!existing || status !== existing.status || message !== existing.message) {
    out.updates = [...(existing?.updates ?? []), { at: now.toISOString(), status, message }];
  }
  const resolved = status === 'resolved' || status === 'postmortem';
  if (resolved && !existing?.resolvedAt) out.resolvedAt = now;
  if (!resolved && existing?.resolvedAt) out.resolvedAt = null;
  return out;
}
