import { Type } from '@sinclair/typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ProblemError } from '@platform/sdk';
import type { PluginRouteCollector } from '../http/route-registrar.ts';
import { SESSION_COOKIE, tokenOf } from '../http/request-context.ts';
import { Session, Tenant, User } from '../entities/kernel-entities.ts';
import { dummyPasswordHash, verifyPassword } from '../auth/passwords.ts';
import { hashToken, newSessionToken } from '../auth/tokens.ts';
import { toTenantInfo } from '../tenancy/tenant-directory.ts';
import type { KernelServices } from './kernel-services.ts';
import { routeAccessOf } from '../auth/route-access.ts';

const tags = ['auth'];

/** Fixed-window login limiter per email and per client IP. */
class LoginLimiter {
  private readonly hits = new Map<string, { count: number; resetAt: number }>();
  constructor(private readonly max: number, private readonly windowMs: number) {}
  hit(key: string): { allowed: boolean; retryAfterS: number } {
    const now = Date.now();
    const h = this.hits.get(key);
    if (!h || h.resetAt <= now) {
      if (this.hits.size > 50_000) this.hits.clear();
      this.hits.set(key, { count: 1, resetAt: now + this.windowMs });
      return { allowed: true, retryAfterS: 0 };
    }
    h.count++;
    return { allowed: h.count <= this.max, retryAfterS: Math.ceil((h.resetAt - now) / 1000) };
  }
}

export function authRoutes(r: PluginRouteCollector, s: KernelServices): void {
  const limiter = new LoginLimiter(s.config.loginRateLimit.max, s.config.loginRateLimit.windowMs);

  r.add({
    method: 'POST',
    url: '/auth/login',
    public: true,
    schema: {
      tags,
      summary: 'Sign in; sets the session cookie and returns a bearer token',
      body: Type.Object({ email: Type.String({ format: 'email', maxLength: 320 }), password: Type.String({ minLength: 1, maxLength: 1024 }) }, { additionalProperties: false }),
    },
    async handler(req: FastifyRequest<{ Body: { email: string; password: string } }>, reply: FastifyReply) {
      const email = req.body.email.toLowerCase();
      for (const key of [`email:${email}`, `ip:${req.ip}`]) {
        const verdict = limiter.hit(key);
        if (!verdict.allowed) {
          reply.header('retry-after', String(verdict.retryAfterS));
          throw new ProblemError(429, 'rate_limited', `Too many sign-in attempts; try again in ${verdict.retryAfterS} s`);
        }
      }
      const em = s.orm.em.fork();
      const user = await em.findOne(User, { email });
      const ok = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), req.body.password);
      if (!user || !ok || user.status !== 'active') {
        await s.audit.record({ actorType: 'anonymous', actorLabel: email, action: 'auth.login_failed', targetType: 'user', targetId: user?.id ?? null, tenantId: user?.tenantId ?? null, requestId: String(req.id) });
        throw new ProblemError(401, 'invalid_credentials', 'Email or password is wrong');
      }
      let tenant = null;
      if (user.tenantId) {
        const t = await em.findOne(Tenant, { id: user.tenantId });
        if (!t || t.status === 'suspended' || t.status === 'deleted') throw new ProblemError(403, 'tenant_suspended', 'Your tenant is suspended');
        tenant = toTenantInfo(t);
      }
      const token = newSessionToken();
      const expiresAt = new Date(Date.now() + s.config.sessionTtlSeconds * 1000);
      em.create(Session, { tokenHash: hashToken(token), userId: user.id, expiresAt, ip: req.ip, userAgent: String(req.headers['user-agent'] ?? '').slice(0, 300) } as any);
      user.lastLoginAt = new Date();
      await em.flush();
      // Serialized here: the cookie plugin runs without its hooks (the kernel parses cookies itself), so it writes no Set-Cookie.
      reply.header('set-cookie', req.server.serializeCookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'lax', path: '/', secure: req.protocol === 'https', expires: expiresAt }));
      return {
        token,
        expiresAt: expiresAt.toISOString(),
        user: { id: user.id, email: user.email, name: user.name, kind: user.kind, tenantId: user.tenantId, roles: user.roles },
        tenant,
      };
    },
  });

  r.add({
    method: 'POST',
    url: '/auth/logout',
    public: true,
    schema: { tags, summary: 'End the current session' },
    async handler(req: FastifyRequest, reply: FastifyReply) {
      const token = tokenOf(req);
      if (token && !token.startsWith('pk_')) {
        await s.orm.em.fork().nativeDelete(Session, { tokenHash: hashToken(token) });
        s.actors.evict(token);
      }
      reply.header('set-cookie', req.server.serializeCookie(SESSION_COOKIE, '', { path: '/', expires: new Date(0) }));
      reply.status(204);
      return null;
    },
  });

  r.add({
    method: 'GET',
    url: '/auth/me',
    permission: 'authenticated',
    tenantScoped: false,
    schema: { tags, summary: 'The signed-in actor, its permissions and tenant' },
    async handler(req: FastifyRequest) {
      const a = req.ctx.actor!;
      return {
        user: { id: a.id, type: a.type, email: a.email ?? null, name: a.name ?? null, kind: a.kind, tenantId: a.tenantId, roles: a.roles },
        permissions: [...a.permissions].sort(),
        tenant: req.ctx.tenant,
      };
    },
  });

  r.add({
    method: 'GET',
    url: '/auth/routes',
    permission: 'authenticated',
    tenantScoped: false,
    schema: {
      tags,
      summary: 'Every API route with whether the signed-in actor may call it (permission and scope): the console shows only the buttons, pages and menu entries that will work',
    },
    async handler(req: FastifyRequest) {
      return { routes: routeAccessOf(req.ctx.actor!, s.routes()) };
    },
  });
}
