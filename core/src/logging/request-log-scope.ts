import { AsyncResource } from 'node:async_hooks';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { runInLogScope, type LogScope, type RequestContext } from '@platform/sdk';

const scopes = new WeakMap<FastifyRequest, { scope: LogScope; resource: AsyncResource | null }>();

/**
 * Opens a log scope for every request, first of all hooks, so every line logged while serving it carries
 * its request id (and, once `bindRequestLogScope` ran, its tenant and user). Body parsing resumes in
 * another async context, so the scope is re-entered before validation (as @fastify/request-context does).
 */
export function installRequestLogScope(app: FastifyInstance): void {
  app.addHook('onRequest', (req, _reply, done) => {
    const scope: LogScope = { requestId: String(req.id), tenantId: null, tenantSlug: null, userId: null };
    runInLogScope(scope, () => {
      // Only a request with a body leaves this async context (to parse it); the others need no resource.
      const hasBody = req.headers['content-length'] !== undefined || req.headers['transfer-encoding'] !== undefined;
      const resource = hasBody ? new AsyncResource('platform.request') : null;
      scopes.set(req, { scope, resource });
      if (resource) resource.runInAsyncScope(done, req.raw);
      else done();
    });
  });
  app.addHook('preValidation', (req, _reply, done) => {
    const open = scopes.get(req);
    if (open?.resource) open.resource.runInAsyncScope(done, req.raw);
    else done();
  });
}

/** Fills the request's scope with the tenant and user the kernel resolved. */
export function bindRequestLogScope(req: FastifyRequest, ctx: RequestContext): void {
  const open = scopes.get(req);
  if (!open) return;
  open.scope.tenantId = ctx.tenantId;
  open.scope.tenantSlug = ctx.tenant?.slug ?? null;
  open.scope.userId = ctx.actor?.type === 'user' ? ctx.actor.id : null;
}
