import { ProblemError, Type, type PlatformReply, type PlatformRequest, type PluginContext } from '@platform/sdk';
import type { PersonalDataCategory } from '@platform/sdk/data-protection';
import { GDPR_PERMISSIONS } from './gdpr-permissions.ts';
import { toApi, type GdprRequests } from './gdpr-requests.ts';
import { CATEGORIES, readRetention, saveRetention } from './retention.ts';
import { confirmPage, resultPage, VERIFY_PAGE_HEADERS } from './verify-page.ts';

const Id = Type.Object({ id: Type.String({ format: 'uuid' }) });
const Token = Type.Object({ token: Type.String({ minLength: 20, maxLength: 100, pattern: '^[A-Za-z0-9_-]+$' }) });
const CreateRequest = Type.Object(
  {
    tenantId: Type.String({ format: 'uuid' }),
    kind: Type.Union([Type.Literal('export'), Type.Literal('deletion'), Type.Literal('both')]),
    email: Type.String({ format: 'email', maxLength: 320 }),
    name: Type.Optional(Type.Union([Type.String({ maxLength: 200 }), Type.Null()])),
    phone: Type.Optional(Type.Union([Type.String({ pattern: '^\\+[1-9][0-9]{6,14}$' }), Type.Null()])),
  },
  { additionalProperties: false },
);
const Execute = Type.Object({ reason: Type.String({ minLength: 3, maxLength: 2000 }) }, { additionalProperties: false });
const ListQuery = Type.Object({
  tenantId: Type.Optional(Type.String({ format: 'uuid' })),
  status: Type.Optional(Type.Union(['awaiting_verification', 'verified', 'completed', 'rejected'].map((s) => Type.Literal(s)))),
});
const Retention = Type.Object(
  {
    settings: Type.Array(
      Type.Object({ category: Type.Union(CATEGORIES.map((c) => Type.Literal(c))), retentionDays: Type.Union([Type.Integer({ minimum: 1, maximum: 36500 }), Type.Null()]) }, { additionalProperties: false }),
      { maxItems: CATEGORIES.length },
    ),
  },
  { additionalProperties: false },
);

/**
 * Routes under `/api/gdpr`:
 * - staff (platform): `requests` (queue across tenants; POST opens one), `requests/:id`, `requests/:id/preview`,
 *   `requests/:id/execute`, `requests/:id/reject`, `certificates/:id`, `retention`;
 * - tenant: `tenant-exports` (the caller's own tenant's export requests);
 * - public, by single-use token: `verify/:token` (GET: a confirmation page; POST: verifies), `downloads/:token`.
 */
export function registerGdprRoutes(ctx: PluginContext, requests: GdprRequests): void {
  const staffTenant = (req: PlatformRequest) => (req.query as { tenantId?: string }).tenantId ?? req.ctx.tenantId ?? null;

  ctx.routes.add({
    method: 'GET', url: '/requests', permission: GDPR_PERMISSIONS.read, tenantScoped: false,
    schema: { summary: 'The GDPR queue across tenants (or the selected tenant), newest first, with overdue flags', querystring: ListQuery },
    async handler(req: PlatformRequest<{ Querystring: { status?: string } }>) {
      return (await requests.list({ tenantId: staffTenant(req), status: req.query.status ?? null })).map((r) => toApi(r));
    },
  });

  ctx.routes.add({
    method: 'POST', url: '/requests', permission: GDPR_PERMISSIONS.manage, tenantScoped: false,
    schema: { summary: "Open a person's request (export, deletion or both); the person gets a single-use verification link by email", body: CreateRequest },
    async handler(req: PlatformRequest<{ Body: { tenantId: string; kind: 'export' | 'deletion' | 'both'; email: string; name?: string | null; phone?: string | null } }>, reply: PlatformReply) {
      const b = req.body;
      if (!(await ctx.tenants.get(b.tenantId))) throw new ProblemError(400, 'unknown_tenant', `No tenant ${b.tenantId}`, { field: 'tenantId' });
      const row = await requests.create({ tenantId: b.tenantId, kind: b.kind, about: 'person', email: b.email, name: b.name ?? null, phone: b.phone ?? null, verifyEmail: b.email, requestedBy: req.ctx.actor?.id ?? null }, req.ctx.em, {
        opened: (id, em) => req.ctx.audit({ action: 'gdpr.request_opened', tenantId: b.tenantId, targetType: 'gdpr.request', targetId: id, after: { kind: b.kind } }, em),
        withdrawn: (id, reason, em) => req.ctx.audit({ action: 'gdpr.request_withdrawn', tenantId: b.tenantId, targetType: 'gdpr.request', targetId: id, reason }, em),
      });
      reply.status(201);
      return toApi(row);
    },
  });

  ctx.routes.add({
    method: 'GET', url: '/requests/:id', permission: GDPR_PERMISSIONS.read, tenantScoped: false,
    schema: { summary: 'One GDPR request', params: Id },
    handler: async (req: PlatformRequest<{ Params: { id: string } }>) => toApi(await requests.get(req.params.id, req.ctx.tenantId)),
  });

  ctx.routes.add({
    method: 'GET', url: '/requests/:id/preview', permission: GDPR_PERMISSIONS.read, tenantScoped: false,
    schema: { summary: 'What the deletion would do, per category and table: deleted, anonymized or retained, and why', params: Id },
    handler: async (req: PlatformRequest<{ Params: { id: string } }>) => requests.preview(await requests.get(req.params.id, req.ctx.tenantId)),
  });

  ctx.routes.add({
    method: 'POST', url: '/requests/:id/execute', permission: GDPR_PERMISSIONS.manage, tenantScoped: false,
    schema: { summary: 'Execute a verified deletion (exporting first for `both`): every declaration and the audit keys in one transaction; issues the certificate', params: Id, body: Execute },
    async handler(req: PlatformRequest<{ Params: { id: string }; Body: { reason: string } }>) {
      const row = await requests.get(req.params.id, req.ctx.tenantId);
      const { certificateId, report } = await requests.executeDeletion(row, req.ctx.actor?.id ?? null, req.body.reason, (entry, em) => req.ctx.audit(entry, em));
      return { request: toApi(await requests.get(row.id)), certificateId, report };
    },
  });

  ctx.routes.add({
    method: 'POST', url: '/requests/:id/reject', permission: GDPR_PERMISSIONS.manage, tenantScoped: false,
    schema: { summary: 'Reject (close) an open request', params: Id, body: Execute },
    async handler(req: PlatformRequest<{ Params: { id: string }; Body: { reason: string } }>) {
      const row = await requests.reject(await requests.get(req.params.id, req.ctx.tenantId), req.ctx.em, (r, em) =>
        req.ctx.audit({ action: 'gdpr.request_rejected', tenantId: r.tenant_id, targetType: 'gdpr.request', targetId: r.id, reason: req.body.reason }, em),
      );
      return toApi(row);
    },
  });

  ctx.routes.add({
    method: 'GET', url: '/certificates/:id', permission: GDPR_PERMISSIONS.read, tenantScoped: false,
    schema: { summary: 'Download a deletion certificate (JSON, no personal data)', params: Id },
    async handler(req: PlatformRequest<{ Params: { id: string } }>, reply: PlatformReply) {
      const c = await requests.certificate(req.params.id, req.ctx.tenantId);
      reply.header('content-disposition', `attachment; filename="deletion-certificate-${c.id}.json"`);
      return { ...(c.body as Record<string, unknown>), sha256: c.sha256 };
    },
  });

  ctx.routes.add({
    method: 'GET', url: '/retention', permission: GDPR_PERMISSIONS.read, tenantScoped: false,
    schema: { summary: 'Retention per personal-data category, with the declared tables holding it' },
    handler: () => readRetention(ctx),
  });

  ctx.routes.add({
    method: 'PUT', url: '/retention', permission: GDPR_PERMISSIONS.manage, tenantScoped: false,
    schema: { summary: 'Set (days) or clear (null) the retention of categories; applied by the nightly job', body: Retention },
    async handler(req: PlatformRequest<{ Body: { settings: { category: PersonalDataCategory; retentionDays: number | null }[] } }>) {
      const seen = new Set<string>();
      req.body.settings.forEach((s, i) => {
        if (seen.has(s.category)) throw new ProblemError(400, 'validation_failed', `Category ${s.category} appears twice`, { field: `settings.${i}.category` });
        seen.add(s.category);
      });
      const before = await readRetention(ctx);
      // The settings and their audit entry commit together.
      return ctx.db.system().transactional(async (em) => {
        await saveRetention(ctx, req.body.settings, req.ctx.actor?.id ?? null, em);
        const after = await readRetention(ctx, em);
        await req.ctx.audit({ action: 'gdpr.retention_changed', tenantId: null, targetType: 'gdpr.retention', targetId: null, before: before.map((s) => [s.category, s.retentionDays]), after: after.map((s) => [s.category, s.retentionDays]) }, em);
        return after;
      });
    },
  });

  // The tenant's own exports (tenant admins; staff acting in a tenant).
  ctx.routes.add({
    method: 'GET', url: '/tenant-exports', permission: GDPR_PERMISSIONS.tenantExport,
    schema: { summary: "Exports of the caller's tenant's data" },
    handler: async (req: PlatformRequest) => (await requests.list({ tenantId: req.ctx.tenantId!, about: 'tenant' })).map((r) => toApi(r)),
  });

  ctx.routes.add({
    method: 'POST', url: '/tenant-exports', permission: GDPR_PERMISSIONS.tenantExport,
    schema: { summary: "Request an export of the caller's tenant's data: a single-use verification link goes to the caller's email", body: Type.Optional(Type.Object({}, { additionalProperties: false })) },
    async handler(req: PlatformRequest, reply: PlatformReply) {
      const email = req.ctx.actor?.email;
      if (!email) throw new ProblemError(400, 'email_required', 'Only a user with an email address can request an export (the verification link goes there)', { field: 'actor' });
      const row = await requests.create({ tenantId: req.ctx.tenantId!, kind: 'export', about: 'tenant', email: null, name: null, phone: null, verifyEmail: email, requestedBy: req.ctx.actor?.id ?? null }, req.ctx.em, {
        opened: (id, em) => req.ctx.audit({ action: 'gdpr.tenant_export_requested', targetType: 'gdpr.request', targetId: id }, em),
        withdrawn: (id, reason, em) => req.ctx.audit({ action: 'gdpr.request_withdrawn', targetType: 'gdpr.request', targetId: id, reason }, em),
      });
      reply.status(201);
      return toApi(row);
    },
  });

  ctx.routes.add({
    method: 'GET', url: '/verify/:token', public: true,
    schema: { summary: 'The emailed verification link: a page saying what confirming does, with a button that posts to the same address (opening it changes nothing)', params: Token },
    async handler(req: PlatformRequest<{ Params: { token: string } }>, reply: PlatformReply) {
      const pending = await requests.pendingVerification(req.params.token);
      // A browser gets the page either way; an API client gets problem+json for a dead link, as everywhere.
      if (!pending && !/text\/html/.test(String(req.headers.accept ?? ''))) throw new ProblemError(410, 'link_invalid', 'This verification link is invalid, expired or already used', { field: 'token' });
      reply.headers(VERIFY_PAGE_HEADERS);
      if (!pending) return reply.status(410).send(resultPage('Link not valid', 'This verification link is invalid, expired or already used.'));
      return reply.send(confirmPage(pending.kind, req.params.token));
    },
  });

  ctx.routes.add({
    method: 'POST', url: '/verify/:token', public: true,
    // The confirmation page's form posts `application/x-www-form-urlencoded` (an empty body): whatever comes is ignored.
    rawBody: true,
    bodyLimit: 1024,
    schema: { summary: 'Confirm a request (single use): the button of the verification page; an export is produced at once. Answers a page to a browser, JSON otherwise', params: Token },
    async handler(req: PlatformRequest<{ Params: { token: string } }>, reply: PlatformReply) {
      const wantsPage = /text\/html/.test(String(req.headers.accept ?? ''));
      let row;
      try {
        row = await requests.verify(req.params.token);
      } catch (err) {
        if (!wantsPage || !(err instanceof ProblemError) || err.status !== 410) throw err;
        return reply.status(410).headers(VERIFY_PAGE_HEADERS).send(resultPage('Link not valid', err.message));
      }
      const message = row.status === 'completed' ? 'Confirmed. Your export is ready: we emailed you a download link.' : 'Confirmed. Your request will be processed within 30 days.';
      if (wantsPage) return reply.headers(VERIFY_PAGE_HEADERS).send(resultPage('Request confirmed', message));
      return { status: row.status, kind: row.kind, message };
    },
  });

  ctx.routes.add({
    method: 'GET', url: '/downloads/:token', public: true,
    schema: { summary: 'Download an export package (zip); the link works once, for 7 days', params: Token },
    async handler(req: PlatformRequest<{ Params: { token: string } }>, reply: PlatformReply) {
      const { row, body } = await requests.download(req.params.token);
      reply.header('content-type', 'application/zip').header('content-disposition', `attachment; filename="data-export-${row.id}.zip"`).header('cache-control', 'no-store');
      return reply.send(body);
    },
  });
}
