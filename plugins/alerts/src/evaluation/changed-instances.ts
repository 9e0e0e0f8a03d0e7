import type { AlertInstance } from '../instances/alert-instance.ts';
import { isOpen } from './alert-state-machine.ts';

/**
 * The alerts an evaluation changes in substance: new ones, and those whose state, timestamps of the
 * state machine, notifications, mute or resolution moved. Not the running figures (value, last
 * evaluated; the last breach of an alert that is not open) that every evaluation moves and the minute
 * tick keeps fresh. A fast-path evaluation writes only these, and nothing at all when there are none,
 * so writes that change nothing do not contend with the tick for the evaluator's claim.
 */
export function changedInstances(next: readonly AlertInstance[], previous: readonly AlertInstance[]): AlertInstance[] {
  const before = new Map(previous.map((i) => [i.id, i]));
  return next.filter((n) => {
    const p = before.get(n.id);
    if (!p) return true;
    const a = n.memory;
    const b = p.memory;
    return (
      a.state !== b.state || a.stateSince !== b.stateSince || a.pendingSince !== b.pendingSince || a.firingSince !== b.firingSince || a.error !== b.error ||
      (isOpen(a) && a.lastBreachAt !== b.lastBreachAt) ||
      n.notifiedAt !== p.notifiedAt || n.lastNotifiedAt !== p.lastNotifiedAt || n.mutedReason !== p.mutedReason ||
      n.resolvedAt !== p.resolvedAt || n.resolvedBy !== p.resolvedBy || n.tenantId !== p.tenantId
    );
  });
}
