import type { IncidentSeverity, IncidentStatus } from '@platform/sdk/incidents';
import { missingPostmortemField, postmortemComplete, type PostmortemFacts } from './incident-lifecycle.ts';
import { severityLevel } from './severity-levels.ts';

/** A refused write: the HTTP status, a stable code, a message, and the request field to blame. */
export interface GuardProblem {
  status: number;
  code: string;
  detail: string;
  field: string;
}

/**
 * Whether an incident in this state must hold a complete postmortem. Resolved is the only terminal
 * status (there is no "closed"); a resolved SEV1-2 keeps its postmortem for as long as it stays resolved.
 */
export function postmortemMandatory(status: IncidentStatus, severity: IncidentSeverity): boolean {
  return status === 'resolved' && severityLevel(severity).postmortemRequired;
}

/**
 * Whether a severity change may be saved: raising a resolved incident to SEV1-2 (or moving it between
 * SEV1 and SEV2) needs the complete postmortem that resolving it at that severity would have needed.
 * An unchanged severity is never refused, so other fields stay editable.
 */
export function severityChangeProblem(status: IncidentStatus, from: IncidentSeverity, to: IncidentSeverity, postmortem: PostmortemFacts | null): GuardProblem | null {
  if (from === to || !postmortemMandatory(status, to) || postmortemComplete(postmortem)) return null;
  return {
    status: 409,
    code: 'postmortem_required',
    detail: `A resolved incident can only become SEV${to} with a complete postmortem (what happened and root cause): write it first, or reopen the incident`,
    field: 'severity',
  };
}

/** Whether a postmortem write may be saved: a resolved SEV1-2 cannot be left with an incomplete postmortem. */
export function postmortemEditProblem(status: IncidentStatus, severity: IncidentSeverity, after: PostmortemFacts): GuardProblem | null {
  if (!postmortemMandatory(status, severity)) return null;
  const field = missingPostmortemField(after);
  if (!field) return null;
  return {
    status: 409,
    code: 'postmortem_incomplete',
    detail: `SEV${severity} incident is resolved: its postmortem must keep what happened and root cause (${field} is empty); reopen the incident to rework it`,
    field,
  };
}
