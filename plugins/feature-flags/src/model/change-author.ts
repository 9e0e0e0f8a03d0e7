import type { PlatformRequest } from '@platform/sdk';

/** Who makes a change, as the audit trail records it. */
export interface ChangeAuthor {
  actorType: string;
  actorId: string | null;
  actorLabel: string | null;
  requestId: string | null;
}

export const SYSTEM_AUTHOR: ChangeAuthor = { actorType: 'system', actorId: null, actorLabel: 'feature-flags', requestId: null };

export function authorOf(req: PlatformRequest): ChangeAuthor {
  const actor = req.ctx.actor;
  return {
    actorType: actor?.type ?? 'anonymous',
    actorId: actor?.id ?? null,
    actorLabel: actor?.email ?? actor?.name ?? null,
    requestId: req.ctx.requestId,
  };
}
