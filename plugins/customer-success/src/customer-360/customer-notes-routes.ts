import { ProblemError, Type, type PlatformRequest, type PluginContext } from '@platform/sdk';
import { CUSTOMER_360_PERMISSIONS } from './customer-360-permissions.ts';
import { CONTACT_CHANNELS, type ContactChannel, type CustomerNotesStore } from './customer-notes-store.ts';
import { TAGS as tags, TenantParams, Text, UUID, authorOf, customerOf } from './customer-of-request.ts';

const NoteParams = Type.Object({ tenantId: UUID, id: UUID });
const TagParams = Type.Object({ tenantId: UUID, tag: Type.String({ pattern: '^[a-z0-9][a-z0-9-]{0,39}$' }) });
const NoteBody = Type.Object({ body: Text(1, 10_000), userId: Type.Optional(UUID) }, { additionalProperties: false });
const ContactBody = Type.Object(
  { channel: Type.Union(CONTACT_CHANNELS.map((c) => Type.Literal(c))), summary: Text(1, 5000), contactedAt: Type.Optional(Type.String({ format: 'date-time' })) },
  { additionalProperties: false },
);

/**
 * Staff's internal notes, contact log and admin tags of a tenant, under `customers/:tenantId/`: `notes` (GET, POST,
 * PATCH/DELETE `notes/:id`), `contacts` (GET, POST), `tags` (GET, PUT/DELETE `tags/:tag`). Platform routes: a
 * tenant-bound caller gets 403 `platform_only`. Every change is audited in the transaction that makes it.
 */
export function addCustomerNotesRoutes(ctx: PluginContext, store: CustomerNotesStore): void {
  const read = { permission: CUSTOMER_360_PERMISSIONS.read, scope: 'platform' as const, tenantScoped: false };
  const write = { permission: CUSTOMER_360_PERMISSIONS.write, scope: 'platform' as const, tenantScoped: false };

  ctx.routes.add({
    ...read,
    method: 'GET',
    url: '/customers/:tenantId/notes',
    schema: { tags, summary: "A tenant's internal notes, newest first (staff only); userId narrows to notes on one user", params: TenantParams, querystring: Type.Object({ userId: Type.Optional(UUID) }, { additionalProperties: false }) },
    async handler(req: PlatformRequest<{ Params: { tenantId: string }; Querystring: { userId?: string } }>) {
      const tenant = await customerOf(ctx, req.params.tenantId);
      return store.notes(req.ctx.acrossTenants(), tenant.id, { userId: req.query.userId });
    },
  });

  ctx.routes.add({
    ...write,
    method: 'POST',
    url: '/customers/:tenantId/notes',
    schema: { tags, summary: 'Write an internal note on the tenant (or on one of its users)', params: TenantParams, body: NoteBody },
    async handler(req: PlatformRequest<{ Params: { tenantId: string }; Body: { body: string; userId?: string } }>, reply) {
      const tenant = await customerOf(ctx, req.params.tenantId);
      if (req.body.userId) {
        const user = await ctx.users.get(req.body.userId);
        if (!user || user.tenantId !== tenant.id) throw new ProblemError(400, 'validation_failed', 'userId is not a user of this tenant', { field: 'userId' });
      }
      const note = await req.ctx.acrossTenants().transactional(async (em) => {
        const created = await store.addNote(em, tenant.id, req.body, authorOf(req.ctx));
        await req.ctx.audit({ action: 'customer_success.note_added', tenantId: tenant.id, targetType: 'customer_success_note', targetId: created.id, after: { userId: created.userId, length: created.body.length } }, em);
        return created;
      });
      reply.code(201);
      return note;
    },
  });

  ctx.routes.add({
    ...write,
    method: 'PATCH',
    url: '/customers/:tenantId/notes/:id',
    schema: { tags, summary: 'Rewrite an internal note', params: NoteParams, body: Type.Object({ body: Text(1, 10_000) }, { additionalProperties: false }) },
    async handler(req: PlatformRequest<{ Params: { tenantId: string; id: string }; Body: { body: string } }>) {
      const tenant = await customerOf(ctx, req.params.tenantId);
      return req.ctx.acrossTenants().transactional(async (em) => {
        const updated = await store.updateNote(em, tenant.id, req.params.id, req.body.body);
        if (!updated) throw new ProblemError(404, 'not_found', `note ${req.params.id} not found on this tenant`, { field: 'id' });
        await req.ctx.audit({ action: 'customer_success.note_updated', tenantId: tenant.id, targetType: 'customer_success_note', targetId: updated.id, after: { length: updated.body.length } }, em);
        return updated;
      });
    },
  });

  ctx.routes.add({
    ...write,
    method: 'DELETE',
    url: '/customers/:tenantId/notes/:id',
    schema: { tags, summary: 'Delete an internal note', params: NoteParams },
    async handler(req: PlatformRequest<{ Params: { tenantId: string; id: string } }>, reply) {
      const tenant = await customerOf(ctx, req.params.tenantId);
      await req.ctx.acrossTenants().transactional(async (em) => {
        const gone = await store.deleteNote(em, tenant.id, req.params.id);
        if (!gone) throw new ProblemError(404, 'not_found', `note ${req.params.id} not found on this tenant`, { field: 'id' });
        await req.ctx.audit({ action: 'customer_success.note_deleted', tenantId: tenant.id, targetType: 'customer_success_note', targetId: gone.id }, em);
      });
      reply.code(204);
      return null;
    },
  });

  ctx.routes.add({
    ...read,
    method: 'GET',
    url: '/customers/:tenantId/contacts',
    schema: { tags, summary: "The tenant's contact log, newest first", params: TenantParams },
    async handler(req: PlatformRequest<{ Params: { tenantId: string } }>) {
      const tenant = await customerOf(ctx, req.params.tenantId);
      return store.contacts(req.ctx.acrossTenants(), tenant.id);
    },
  });

  ctx.routes.add({
    ...write,
    method: 'POST',
    url: '/customers/:tenantId/contacts',
    schema: { tags, summary: 'Log a contact with the tenant (a call, a meeting...); default when: now', params: TenantParams, body: ContactBody },
    async handler(req: PlatformRequest<{ Params: { tenantId: string }; Body: { channel: ContactChannel; summary: string; contactedAt?: string } }>, reply) {
      const tenant = await customerOf(ctx, req.params.tenantId);
      const contactedAt = req.body.contactedAt ? new Date(req.body.contactedAt) : new Date();
      if (contactedAt.getTime() > Date.now() + 60_000) throw new ProblemError(400, 'validation_failed', 'contactedAt is in the future', { field: 'contactedAt' });
      const entry = await req.ctx.acrossTenants().transactional(async (em) => {
        const created = await store.logContact(em, tenant.id, { ...req.body, contactedAt }, authorOf(req.ctx));
        await req.ctx.audit({ action: 'customer_success.contact_logged', tenantId: tenant.id, targetType: 'customer_success_contact', targetId: created.id, after: { channel: created.channel, contactedAt: created.contactedAt } }, em);
        return created;
      });
      reply.code(201);
      return entry;
    },
  });

  ctx.routes.add({
    ...read,
    method: 'GET',
    url: '/customers/:tenantId/tags',
    schema: { tags, summary: "The tenant's admin tags (VIP, high-touch...)", params: TenantParams },
    async handler(req: PlatformRequest<{ Params: { tenantId: string } }>) {
      const tenant = await customerOf(ctx, req.params.tenantId);
      return store.tags(req.ctx.acrossTenants(), tenant.id);
    },
  });

  ctx.routes.add({
    ...write,
    method: 'PUT',
    url: '/customers/:tenantId/tags/:tag',
    schema: { tags, summary: 'Tag the tenant (lower-case letters, digits and dashes, e.g. vip, high-touch); idempotent', params: TagParams },
    async handler(req: PlatformRequest<{ Params: { tenantId: string; tag: string } }>) {
      const tenant = await customerOf(ctx, req.params.tenantId);
      return req.ctx.acrossTenants().transactional(async (em) => {
        if (await store.addTag(em, tenant.id, req.params.tag, authorOf(req.ctx))) {
          await req.ctx.audit({ action: 'customer_success.tag_added', tenantId: tenant.id, targetType: 'tenant', targetId: tenant.id, after: { tag: req.params.tag } }, em);
        }
        return store.tags(em, tenant.id);
      });
    },
  });

  ctx.routes.add({
    ...write,
    method: 'DELETE',
    url: '/customers/:tenantId/tags/:tag',
    schema: { tags, summary: 'Remove a tag from the tenant; idempotent', params: TagParams },
    async handler(req: PlatformRequest<{ Params: { tenantId: string; tag: string } }>) {
      const tenant = await customerOf(ctx, req.params.tenantId);
      return req.ctx.acrossTenants().transactional(async (em) => {
        if (await store.removeTag(em, tenant.id, req.params.tag)) {
          await req.ctx.audit({ action: 'customer_success.tag_removed', tenantId: tenant.id, targetType: 'tenant', targetId: tenant.id, before: { tag: req.params.tag } }, em);
        }
        return store.tags(em, tenant.id);
      });
    },
  });
}
