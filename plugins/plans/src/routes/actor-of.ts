import type { PlatformRequest } from '@platform/sdk';
import type { AssignmentActor } from '../services/plan-assignments.ts';

/** The request's actor as the assignment service records it, auditing through the request. */
export function assignmentActorOf(req: PlatformRequest): AssignmentActor {
  const a = req.ctx.actor;
  return { id: a?.id ?? null, label: a?.email ?? a?.name ?? null, audit: (entry, em) => req.ctx.audit(entry, em) };
}
