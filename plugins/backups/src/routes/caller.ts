import type { RequestContext } from '@platform/sdk';
import type { Caller } from '../backup-service.ts';

export function callerOf(ctx: RequestContext): Caller {
  return { actorId: ctx.actor?.id ?? null, actorType: ctx.actor?.type ?? 'system', requestId: ctx.requestId };
}
