import type { AuditEntry } from '@platform/sdk';

export type TimelineKind = 'login' | 'plan' | 'incident' | 'customer-success' | 'audit';

export interface TimelineItem {
  id: string;
  at: string;
  kind: TimelineKind;
  action: string;
  actor: string | null;
  actorId: string | null;
  summary: string;
}

/** What kind of activity an audit action is, for the unified timeline's filter chips. */
export function kindOf(action: string): TimelineKind {
  if (/^(auth|session)\.|login|sign_?in/.test(action)) return 'login';
  if (/^(plan|plans|billing\.subscription)[._]|trial/.test(action)) return 'plan';
  if (/^incident/.test(action)) return 'incident';
  if (action.startsWith('customer_success.')) return 'customer-success';
  return 'audit';
}

/** One line a person reads: the action in words, its target and reason. */
export function summaryOf(e: Pick<AuditEntry, 'action' | 'targetType' | 'targetId' | 'reason'>): string {
  const words = e.action.replace(/[._]/g, ' ');
  const target = e.targetType ? ` (${e.targetType}${e.targetId ? ` ${e.targetId.slice(0, 8)}` : ''})` : '';
  return `${words}${target}${e.reason ? `: ${e.reason}` : ''}`;
}

/** Audit entries as timeline items, newest first. */
export function timelineOf(entries: readonly AuditEntry[]): TimelineItem[] {
  return entries
    .map((e) => ({ id: e.id, at: e.at, kind: kindOf(e.action), action: e.action, actor: e.actorLabel, actorId: e.actorId, summary: summaryOf(e) }))
    .sort((a, b) => b.at.localeCompare(a.at));
}
