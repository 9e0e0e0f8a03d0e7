import { randomUUID } from 'node:crypto';
import {
  ALERTS_SERVICE,
  optionalService,
  type AlertReader,
  type AlertSummary,
} from '@platform/sdk/alerts';
import {
  ProblemError,
  type EntityManager,
  type PluginContext,
  type RequestContext,
} from '@platform/sdk';
import { type IncidentSeverity, type IncidentStatus } from '@platform/sdk/incidents';
import { findIncident, findIncidentByKey, insertIncident, updateIncident, type Incident } from '../store/incident-store.ts';
import { appendTimeline, timelineEntryOf, type NewTimelineEntry } from '../store/timeline-store.ts';
import { findPostmortem, savePostmortem, type ActionItem, type Postmortem } from '../store/postmortem-store.ts';
import { linkAlert } from '../store/alert-link-store.ts';
import { statusChangeProblem } from '../model/incident-lifecycle.ts';
import { postmortemEditProblem, severityChangeProblem, type GuardProblem } from '../model/postmortem-guard.ts';
import { severityForAlert, severityLevel } from '../model/severity-levels.ts';
import { alertIncidentKey } from '../model/incident-key.ts';
import { INCIDENT_STATUS_PAGE_UPDATED, statusPageUpdateOf } from '../incident-events.ts';
import type { IncidentChanges } from '../incident-changes.ts';

export interface CreateIncident {
  title: string;
  severity: IncidentSeverity;
  status?: Exclude<IncidentStatus, 'resolved'>;
  affectedSystems?: string[];
  affectedTenantIds?: string[];
  statusPageMessage?: string | null;
  publishToStatusPage?: boolean;
  description?: string | null;
  incidentKey?: string;
  startedAt?: string;
  alertIds?: string[];
}

export type UpdateIncident = Partial<Pick<CreateIncident, 'title' | 'severity' | 'affectedSystems' | 'affectedTenantIds' | 'statusPageMessage' | 'publishToStatusPage' | 'description'>>;

function refuse(problem: GuardProblem | null): void {
  if (problem) throw new ProblemError(problem.status, problem.code, problem.detail, { field: problem.field });
}

function who(req: RequestContext): { id: string | null; label: string } {
  const a = req.actor;
  return { id: a?.id ?? null, label: a?.email ?? a?.name ?? a?.id ?? 'unknown' };
}

/** Incident lifecycle: every change writes its timeline entries, its audit entry and, when chosen, a status page update, in one transaction. */
export class IncidentService {
  constructor(
    private readonly ctx: PluginContext,
    private readonly clock: () => number,
    private readonly changes: IncidentChanges,
  ) {}

  private alerts(): AlertReader | null {
    return optionalService<AlertReader>(this.ctx, ALERTS_SERVICE);
  }

  private async loadAlerts(ids: readonly string[]): Promise<AlertSummary[]> {
    if (ids.length === 0) return [];
    const reader = this.alerts();
    if (!reader) throw new ProblemError(400, 'validation_failed', 'The alerts plugin is not installed', { field: 'alertIds' });
    const found: AlertSummary[] = [];
    for (const id of ids) {
      const alert = await reader.get(id);
      if (!alert) throw new ProblemError(400, 'validation_failed', `alert ${id} not found`, { field: 'alertIds' });
      found.push(alert);
    }
    return found;
  }

  private async publish(em: EntityManager, incident: Incident, wasPublished: boolean): Promise<void> {
    if (!incident.publishToStatusPage && !wasPublished) return;
    await this.ctx.events.emitDurable(em, INCIDENT_STATUS_PAGE_UPDATED, statusPageUpdateOf(incident, this.clock()));
  }

  private requireSeverity(req: RequestContext, severity: IncidentSeverity): void {
    if (severity === 1 && !req.can('incidents.create_sev1')) throw new ProblemError(403, 'forbidden', 'Declaring a SEV1 needs the incidents.create_sev1 permission');
  }

  /** Creates an incident (409 `duplicate_incident` with the existing id when its incident_key is taken). */
  async create(req: RequestContext, input: CreateIncident): Promise<Incident> {
    this.requireSeverity(req, input.severity);
    const now = this.clock();
    const alerts = await this.loadAlerts(input.alertIds ?? []);
    const by = who(req);
    const id = randomUUID();
    const startedAt = input.startedAt ? Date.parse(input.startedAt) : now;
    if (startedAt > now + 60_000) throw new ProblemError(400, 'validation_failed', 'startedAt cannot be in the future', { field: 'startedAt' });
    return this.ctx.db.system().transactional(async (em) => {
      const inserted = await insertIncident(this.ctx.db, em, {
        id,
        incidentKey: input.incidentKey ?? null,
        title: input.title,
        severity: input.severity,
        status: input.status ?? 'investigating',
        affectedSystems: input.affectedSystems ?? [],
        affectedTenantIds: input.affectedTenantIds ?? [],
        statusPageMessage: input.statusPageMessage ?? null,
        publishToStatusPage: input.publishToStatusPage ?? false,
        description: input.description ?? null,
        startedAt,
        createdBy: by.id,
        createdByLabel: by.label,
      });
      if (!inserted) {
        const existing = await findIncidentByKey(this.ctx.db, input.incidentKey!, now, em);
        throw new ProblemError(409, 'duplicate_incident', `An incident with incident_key "${input.incidentKey}" exists`, { field: 'incidentKey', extra: { incidentId: existing?.id } });
      }
      const entries: NewTimelineEntry[] = [
        { incidentId: id, at: now, entryType: 'created', message: `${severityLevel(input.severity).label} incident declared by ${by.label}: ${input.title}`, authorId: by.id, author: by.label },
      ];
      for (const alert of alerts) {
        await linkAlert(this.ctx.db, em, id, alert, now);
        entries.push({ incidentId: id, at: now, entryType: 'alert_linked', message: `Alert rule "${alert.ruleName}" triggered this incident`, author: by.label, authorId: by.id, details: { alertId: alert.id, fingerprint: alert.fingerprint, labels: alert.labels } });
      }
      await appendTimeline(this.ctx.db, em, entries, this.changes);
      const incident = (await findIncident(this.ctx.db, id, now, em))!;
      await req.audit({ action: 'incidents.incident.created', targetType: 'incidents.incident', targetId: id, after: incident }, em);
      await this.publish(em, incident, false);
      return incident;
    });
  }

  /** Opens an incident pre-filled from an alert; the same alert firing episode always maps to the same incident. */
  async createFromAlert(req: RequestContext, input: { alertId: string; severity?: IncidentSeverity; title?: string }): Promise<{ incident: Incident; created: boolean }> {
    const [alert] = await this.loadAlerts([input.alertId]);
    const key = alertIncidentKey(alert);
    const existing = await findIncidentByKey(this.ctx.db, key, this.clock());
    if (existing) return { incident: existing, created: false };
    const labels = Object.entries(alert.labels).map(([k, v]) => `${k}=${v}`).join(', ');
    try {
      const incident = await this.create(req, {
        title: input.title ?? `${alert.ruleName}${labels ? ` (${labels})` : ''}`,
        severity: input.severity ?? severityForAlert(alert.severity),
        affectedSystems: [alert.component ?? alert.labels.component ?? alert.labels.monitor].filter((s): s is string => !!s),
        affectedTenantIds: alert.tenantId ? [alert.tenantId] : [],
        description: [alert.description, `${alert.metric} ${alert.condition} ${alert.threshold}; value ${alert.value ?? 'no data'}`, `Alert: ${alert.link}`].filter(Boolean).join('\n'),
        incidentKey: key,
        startedAt: alert.firingSince ?? undefined,
        alertIds: [alert.id],
      });
      return { incident, created: true };
    } catch (err) {
      if (err instanceof ProblemError && err.code === 'duplicate_incident') return { incident: (await findIncidentByKey(this.ctx.db, key, this.clock()))!, created: false };
      throw err;
    }
  }

  /** Edits fields; a resolved incident only becomes SEV1-2 when its postmortem is complete. Checks run before any write. */
  async update(req: RequestContext, id: string, input: UpdateIncident): Promise<Incident> {
    const now = this.clock();
    const by = who(req);
    return this.ctx.db.system().transactional(async (em) => {
      const before = await findIncident(this.ctx.db, id, now, em, true);
      if (!before) throw new ProblemError(404, 'not_found', `incident ${id} not found`);
      if (input.severity !== undefined && input.severity !== before.severity) {
        this.requireSeverity(req, input.severity);
        refuse(severityChangeProblem(before.status, before.severity, input.severity, await findPostmortem(this.ctx.db, id, em)));
      }
      await updateIncident(this.ctx.db, em, id, input, now);
      const entries: NewTimelineEntry[] = [];
      if (input.severity !== undefined && input.severity !== before.severity)
        entries.push({ incidentId: id, at: now, entryType: 'severity_change', message: `Severity changed from SEV${before.severity} to SEV${input.severity} by ${by.label}`, author: by.label, authorId: by.id });
      const other = Object.keys(input).filter((k) => k !== 'severity' && JSON.stringify((input as Record<string, unknown>)[k]) !== JSON.stringify((before as unknown as Record<string, unknown>)[k]));
      if (other.length) entries.push({ incidentId: id, at: now, entryType: input.statusPageMessage !== undefined && other.includes('statusPageMessage') ? 'status_page' : 'update', message: `${other.join(', ')} changed by ${by.label}`, author: by.label, authorId: by.id, details: Object.fromEntries(other.map((k) => [k, (input as Record<string, unknown>)[k]])) });
      await appendTimeline(this.ctx.db, em, entries, this.changes);
      const after = (await findIncident(this.ctx.db, id, now, em))!;
      await req.audit({ action: 'incidents.incident.updated', targetType: 'incidents.incident', targetId: id, before, after }, em);
      await this.publish(em, after, before.publishToStatusPage);
      return after;
    });
  }

  /** Moves the status; resolving needs `incidents.resolve` (or being the creator), and SEV1-2 a postmortem. */
  async changeStatus(req: RequestContext, id: string, input: { status: IncidentStatus; message?: string }): Promise<Incident> {
    const now = this.clock();
    const by = who(req);
    return this.ctx.db.system().transactional(async (em) => {
      const before = await findIncident(this.ctx.db, id, now, em, true);
      if (!before) throw new ProblemError(404, 'not_found', `incident ${id} not found`);
      if (input.status === 'resolved' && !req.can('incidents.resolve') && before.createdBy !== by.id)
        throw new ProblemError(403, 'forbidden', 'Resolving an incident needs the incidents.resolve permission (or being its creator)');
      const problem = statusChangeProblem(before.status, input.status, before.severity, await findPostmortem(this.ctx.db, id, em));
      if (problem) throw new ProblemError(problem.status, problem.code, problem.detail, { field: 'status' });
      const resolving = input.status === 'resolved';
      await updateIncident(this.ctx.db, em, id, {
        status: input.status,
        ...(resolving ? { resolvedAt: now, resolvedBy: by.id, resolvedByLabel: by.label } : before.status === 'resolved' ? { resolvedAt: null, resolvedBy: null, resolvedByLabel: null } : {}),
      }, now);
      await appendTimeline(this.ctx.db, em, [
        { incidentId: id, at: now, entryType: 'status_change', message: `Status changed from ${before.status} to ${input.status} by ${by.label}${input.message ? `: ${input.message}` : ''}`, author: by.label, authorId: by.id, details: { from: before.status, to: input.status } },
      ], this.changes);
      const after = (await findIncident(this.ctx.db, id, now, em))!;
      await req.audit({ action: resolving ? 'incidents.incident.resolved' : 'incidents.incident.status_changed', targetType: 'incidents.incident', targetId: id, before: { status: before.status }, after: { status: after.status } }, em);
      await this.publish(em, after, before.publishToStatusPage);
      return after;
    });
  }

  async addEntry(req: RequestContext, id: string, input: { message: string; entryType?: 'manual' | 'correction'; correctsEntryId?: string }): Promise<string> {
    const now = this.clock();
    const by = who(req);
    const type = input.entryType ?? (input.correctsEntryId ? 'correction' : 'manual');
    if (type === 'correction' && !input.correctsEntryId) throw new ProblemError(400, 'validation_failed', 'A correction names the entry it corrects', { field: 'correctsEntryId' });
    return this.ctx.db.system().transactional(async (em) => {
      if (!(await findIncident(this.ctx.db, id, now, em))) throw new ProblemError(404, 'not_found', `incident ${id} not found`);
      if (input.correctsEntryId && !(await timelineEntryOf(this.ctx.db, id, input.correctsEntryId, em)))
        throw new ProblemError(400, 'validation_failed', 'correctsEntryId is not an entry of this incident', { field: 'correctsEntryId' });
      const [entryId] = await appendTimeline(this.ctx.db, em, [{ incidentId: id, at: now, entryType: type, message: input.message, correctsEntryId: input.correctsEntryId ?? null, author: by.label, authorId: by.id }], this.changes);
      await req.audit({ action: 'incidents.timeline.added', targetType: 'incidents.incident', targetId: id, after: { entryId, entryType: type } }, em);
      return entryId;
    });
  }

  /** Writes the postmortem: `incidents.edit_postmortem`, or the incident's creator; a resolved SEV1-2 keeps it complete. */
  async savePostmortem(req: RequestContext, id: string, input: Partial<Omit<Postmortem, 'incidentId' | 'updatedByLabel' | 'createdAt' | 'updatedAt' | 'actionItems'>> & { actionItems?: Partial<ActionItem>[] }): Promise<Postmortem> {
    const now = this.clock();
    const by = who(req);
    return this.ctx.db.system().transactional(async (em) => {
      const incident = await findIncident(this.ctx.db, id, now, em, true);
      if (!incident) throw new ProblemError(404, 'not_found', `incident ${id} not found`);
      if (!req.can('incidents.edit_postmortem') && incident.createdBy !== by.id)
        throw new ProblemError(403, 'forbidden', 'Editing a postmortem needs the incidents.edit_postmortem permission (or being the incident creator)');
      const before = await findPostmortem(this.ctx.db, id, em);
      const pick = <K extends keyof Postmortem>(k: K) => (input as Record<string, unknown>)[k] !== undefined ? (input as Record<string, unknown>)[k] : before?.[k] ?? null;
      const next: Omit<Postmortem, 'createdAt' | 'updatedAt'> = {
        incidentId: id,
        whatHappened: pick('whatHappened') as string | null,
        impact: pick('impact') as string | null,
        rootCause: pick('rootCause') as string | null,
        lessonsLearned: pick('lessonsLearned') as string | null,
        actionItems: input.actionItems
          ? input.actionItems.map((a) => ({ title: a.title!, owner: a.owner!, dueDate: a.dueDate ?? null, status: a.status ?? 'open' }))
          : before?.actionItems ?? [],
        updatedByLabel: by.label,
      };
      refuse(postmortemEditProblem(incident.status, incident.severity, next));
      await savePostmortem(this.ctx.db, em, next, now);
      await appendTimeline(this.ctx.db, em, [{ incidentId: id, at: now, entryType: 'postmortem', message: `Postmortem ${before ? 'updated' : 'written'} by ${by.label}`, author: by.label, authorId: by.id }], this.changes);
      const after = (await findPostmortem(this.ctx.db, id, em))!;
      await req.audit({ action: 'incidents.postmortem.saved', targetType: 'incidents.incident', targetId: id, before, after }, em);
      return after;
    });
  }

  async linkAlert(req: RequestContext, id: string, alertId: string): Promise<boolean> {
    const [alert] = await this.loadAlerts([alertId]);
    const now = this.clock();
    const by = who(req);
    return this.ctx.db.system().transactional(async (em) => {
      if (!(await findIncident(this.ctx.db, id, now, em))) throw new ProblemError(404, 'not_found', `incident ${id} not found`);
      const linked = await linkAlert(this.ctx.db, em, id, alert, now);
      if (linked) {
        await appendTimeline(this.ctx.db, em, [{ incidentId: id, at: now, entryType: 'alert_linked', message: `Alert rule "${alert.ruleName}" linked by ${by.label}`, author: by.label, authorId: by.id, details: { alertId: alert.id, fingerprint: alert.fingerprint } }], this.changes);
        await req.audit({ action: 'incidents.alert.linked', targetType: 'incidents.incident', targetId: id, after: { alertId } }, em);
      }
      return linked;
    });
  }
}
