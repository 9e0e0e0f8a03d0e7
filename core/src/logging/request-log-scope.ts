import type { FastifyInstance, FastifyRequest } from 'fastify';
import { runInLogScope, type LogScope, type RequestContext } from '@platform/sdk';

interface OpenScope {
  scope: LogScope;
  /** Whether the request has a body, whose parsing resumes in another async context (the scope is entered again). */
  reenter: boolean;
}

declare module 'fastify' {
  interface FastifyRequest {
    logScope: OpenScope | null;
  }
}

/**
 * Opens a log scope for every request, first of all hooks, so every line logged while serving it carries
 * its request id (and, once `bindRequestLogScope` ran, its tenant and user). Body parsing resumes in
 * another async context, so the scope is re-entered before validation (as @fastify/request-context does).
 * It also answers the request id in `x-request-id`.
 */
export function installRequestLogScope(app: FastifyInstance): void {
  app.decorateRequest('logScope', null);
  app.addHook('onRequest', (req, reply, done) => {
    reply.header('x-request-id', req.id);
    const scope: LogScope = { requestId: String(req.id), tenantId: null, tenantSlug: null, userId: null };
    const hasBody = req.headers['content-length'] !== undefined || req.headers['transfer-encoding'] !== undefined;
    req.logScope = { scope, reenter: hasBody };
    runInLogScope(scope, done);
  });
}

/**
 * Re-enters the request's scope after body parsing (called first thing in preValidation): the hooks and the
 * handler that follow run inside it, and so do the promises they make.
 */
export function reenterRequestLogScope(req: FastifyRequest, then: () => void): void {
  const open = req.logScope;
  if (open?.reenter) runInLogScope(open.scope, then);
  else then();
}

/** Fills the request's scope with the tenant and user the kernel resolved. */
export function bindRequestLogScope(req: FastifyRequest, ctx: RequestContext): void {
  const open = req.logScope;
  if (!open) return;
  open.scope.tenantId = ctx.tenantId;
  open.scope.tenantSlug = ctx.tenant?.slug ?? null;
  open.scope.userId = ctx.actor?.type === 'user' ? ctx.actor.id : null;
}
