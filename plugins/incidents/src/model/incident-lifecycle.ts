import type { IncidentSeverity, IncidentStatus } from '@platform/sdk/incidents';
import { severityLevel } from './severity-levels.ts';

export const INCIDENT_STATUSES: readonly IncidentStatus[] = ['investigating', 'identified', 'monitoring', 'resolved'];

export interface PostmortemFacts {
  whatHappened: string | null;
  rootCause: string | null;
}

/** A postmortem counts once it says what happened and why. */
/** The first required postmortem field that is missing or blank. */
export function missingPostmortemField(postmortem: PostmortemFacts): 'whatHappened' | 'rootCause' | null {
  if (!postmortem.whatHappened?.trim()) return 'whatHappened';
  if (!postmortem.rootCause?.trim()) return 'rootCause';
  return null;
}

export function postmortemComplete(pm: PostmortemFacts | null): boolean {
  return !!pm && missingPostmortemField(pm) === null;
}

export type StatusChangeProblem = { code: string; detail: string; status: number } | null;

/**
 * Whether an incident may move from `from` to `to`: any status to any other (Statuspage allows going
 * back, and a resolved incident may be reopened as investigating), but SEV1 and SEV2 cannot be resolved
 * without a postmortem.
 */
export function statusChangeProblem(from: IncidentStatus, to: IncidentStatus, severity: IncidentSeverity, postmortem: PostmortemFacts | null): StatusChangeProblem {
  if (from === to) return { status: 409, code: 'status_unchanged', detail: `the incident is already ${to}` };
  if (from === 'resolved' && to !== 'investigating') return { status: 409, code: 'incident_resolved', detail: 'a resolved incident can only be reopened as investigating' };
  if (to === 'resolved' && severityLevel(severity).postmortemRequired && !postmortemComplete(postmortem))
    return { status: 409, code: 'postmortem_required', detail: `SEV${severity} incidents need a postmortem (what happened and root cause) before they are resolved` };
  return null;
}

/** Minutes from start to resolution (or to `now` while open). */
export function durationMinutes(startedAt: number, resolvedAt: number | null, now: number): number {
  return Math.max(0, Math.round(((resolvedAt ?? now) - startedAt) / 60_000));
}
