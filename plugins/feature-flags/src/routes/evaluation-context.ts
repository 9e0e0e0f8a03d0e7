import { ProblemError, problems, type PlatformRequest, type TenantDirectory } from '@platform/sdk';
import type { ContextPropertyValue, EvaluationContext } from '../engine/index.ts';
import type { MaybePromise } from '../service/maybe-promise.ts';

/** What a client may say about the context it evaluates for. */
export interface ClientContext {
  tenantId?: string;
  userId?: string;
  sessionId?: string;
  remoteAddress?: string;
  environment?: string;
  appName?: string;
  properties?: Record<string, ContextPropertyValue>;
}

/** Identity attributes a client can never set through `properties` (constraints and stickiness read them). */
const IDENTITY_PROPERTIES = ['tenantId', 'userId', 'plan'];

/**
 * The evaluation context of a request. The tenant and the user come from the authentication: the
 * request's tenant and the signed-in user. A client's `tenantId`/`userId` are honoured only from an
 * API key allowed to act on behalf of others (its tenant must exist); from anybody else a value that
 * differs from the authenticated one is refused with 403 naming the field. Synchronous unless an
 * on-behalf key names a tenant (looked up).
 */
export function evaluationContextOf(req: PlatformRequest, given: ClientContext | undefined, tenants: Pick<TenantDirectory, 'get'>, fieldPrefix = 'context'): MaybePromise<EvaluationContext> {
  const actor = req.ctx.actor;
  const onBehalf = actor?.type === 'api_key' && actor.canActOnBehalf === true;
  const tenantId = req.ctx.tenantId ?? undefined;
  const userId = actor?.type === 'user' ? actor.id : undefined;
  const client = given ?? {};

  if (onBehalf) {
    const named = client.userId !== undefined && client.userId !== '' ? client.userId : userId;
    if (client.tenantId === undefined || client.tenantId === '') return contextOf(req, client, tenantId, named, true);
    return tenants.get(client.tenantId).then((tenant) => {
      if (!tenant) throw problems.validation(`${fieldPrefix}.tenantId`, `Unknown tenant "${client.tenantId}"`);
      return contextOf(req, client, tenant.id, named, true);
    });
  }
  const sameTenant = client.tenantId === undefined || client.tenantId === tenantId || (req.ctx.tenant !== null && client.tenantId === req.ctx.tenant.slug);
  if (!sameTenant)
    throw new ProblemError(403, 'context_not_yours', 'The tenant comes from your authentication; only API keys allowed to act on behalf of others may name another', { field: `${fieldPrefix}.tenantId` });
  if (client.userId !== undefined && client.userId !== userId)
    throw new ProblemError(403, 'context_not_yours', 'The user comes from your authentication; only API keys allowed to act on behalf of others may name another', { field: `${fieldPrefix}.userId` });
  return contextOf(req, client, tenantId, userId, false);
}

function contextOf(req: PlatformRequest, client: ClientContext, tenantId: string | undefined, userId: string | undefined, onBehalf: boolean): EvaluationContext {
  const context: EvaluationContext = {};
  if (tenantId) context.tenantId = tenantId;
  if (userId) context.userId = userId;
  if (client.sessionId) context.sessionId = client.sessionId;
  context.remoteAddress = client.remoteAddress && onBehalf ? client.remoteAddress : req.ip;
  if (client.environment) context.environment = client.environment;
  if (client.appName) context.appName = client.appName;
  if (client.properties) {
    const properties = { ...client.properties };
    if (!onBehalf) for (const name of IDENTITY_PROPERTIES) delete properties[name];
    context.properties = properties;
  }
  return context;
}
