import { randomUUID } from 'node:crypto';
import { ListQuerystring, parseListParams, ProblemError, setContentRange, Type, type PlatformReply, type PlatformRequest, type PluginContext, type RequestContext } from '@platform/sdk';
import type { MessageChannel } from '@platform/sdk/messaging';
import type { Assignment, AssignmentStore } from './assignment-store.ts';
import type { ProviderConfigStore } from './provider-config-store.ts';
import type { SendingOrderCache } from './sending-order-cache.ts';
import { MESSAGING_PERMISSIONS } from '../messaging-permissions.ts';
import { readerOf } from '../tenant-reads.ts';

const Channel = Type.Union([Type.Literal('sms'), Type.Literal('email')]);
const AssignmentInput = Type.Object(
  {
    tenantId: Type.Union([Type.String({ format: 'uuid' }), Type.Null()], { description: 'null: the platform default order' }),
    channel: Channel,
    providerConfigIds: Type.Array(Type.String({ format: 'uuid' }), { minItems: 1, maxItems: 10, description: 'Priority order: the first takes the message, the next ones on failover' }),
  },
  { additionalProperties: false },
);
const idParams = Type.Object({ id: Type.String({ format: 'uuid' }) });

/** Whether the caller may see an assignment: staff reading across tenants see all; others only their tenant's. */
function visible(req: RequestContext, a: Assignment): boolean {
  const nameable = req.nameableTenantIds();
  if (nameable === null) return true;
  return a.tenantId !== null && nameable.includes(a.tenantId);
}

/** `/api/messaging/assignments`: which provider configurations carry each tenant's messages, in priority order. */
export function addAssignmentRoutes(ctx: PluginContext, assignments: AssignmentStore, configs: ProviderConfigStore, orders: SendingOrderCache, clock: () => number): void {
  ctx.routes.add({
    method: 'GET',
    url: '/assignments',
    permission: MESSAGING_PERMISSIONS.read,
    tenantScoped: false,
    schema: { summary: "Assignments; filter tenantId (null: the platform default), channel. Tenant callers see their own tenant's only", querystring: ListQuerystring },
    async handler(req: PlatformRequest<{ Querystring: { sort?: string; range?: string; filter?: string } }>, reply: PlatformReply) {
      const q = parseListParams(req.query, { sort: [], filter: { tenantId: 'uuid', channel: 'string', id: 'uuid' } });
      const params: unknown[] = [];
      const where: string[] = ['true'];
      const named = q.filter.tenantId;
      if (named === null) {
        // The platform default: staff who read across tenants only.
        if (req.ctx.nameableTenantIds() !== null) throw new ProblemError(403, 'tenant_forbidden', 'Only staff reading across tenants see the platform default order', { field: 'filter.tenantId' });
        where.push('tenant_id IS NULL');
      } else {
        const tenants = req.ctx.tenantsNamed('filter.tenantId', named as string | string[] | undefined);
        if (tenants !== null) where.push(`tenant_id = ANY(${(params.push(tenants), `$${params.length}`)}::uuid[])`);
      }
      if (typeof q.filter.channel === 'string') where.push(`channel = ${(params.push(q.filter.channel), `$${params.length}`)}`);
      if (typeof q.filter.id === 'string') where.push(`id = ${(params.push(q.filter.id), `$${params.length}`)}::uuid`);
      const { rows, total } = await assignments.list(where.join(' AND '), params, q.limit, q.offset, readerOf(req.ctx));
      setContentRange(reply, 'assignments', q.offset, rows.length, total);
      return rows;
    },
  });

  ctx.routes.add({
    method: 'GET',
    url: '/assignments/effective',
    permission: MESSAGING_PERMISSIONS.read,
    schema: {
      summary: "The order the selected tenant's messages follow on a channel: its own, else the platform default (names of the configurations, no settings)",
      querystring: Type.Object({ channel: Channel }),
    },
    async handler(req: PlatformRequest<{ Querystring: { channel: MessageChannel } }>) {
      const tenantId = req.ctx.requireTenant();
      const { assignment, inherited } = await assignments.orderFor(tenantId, req.query.channel);
      const found = await configs.findMany(assignment?.providerConfigIds ?? []);
      const byId = new Map(found.map((c) => [c.id, c]));
      return {
        tenantId,
        channel: req.query.channel,
        inherited,
        providers: (assignment?.providerConfigIds ?? []).flatMap((id) => {
          const c = byId.get(id);
          return c ? [{ id, name: c.name, providerId: c.providerId, enabled: c.enabled }] : [];
        }),
      };
    },
  });

  ctx.routes.add({
    method: 'GET',
    url: '/assignments/:id',
    permission: MESSAGING_PERMISSIONS.read,
    tenantScoped: false,
    schema: { summary: 'One assignment', params: idParams },
    async handler(req: PlatformRequest<{ Params: { id: string } }>) {
      const a = await assignments.find(req.params.id, readerOf(req.ctx));
      if (!a || !visible(req.ctx, a)) throw new ProblemError(404, 'not_found', `assignment ${req.params.id} not found`);
      return a;
    },
  });

  ctx.routes.add({
    method: ['PUT', 'POST'],
    url: '/assignments',
    permission: MESSAGING_PERMISSIONS.manage,
    tenantScoped: false,
    schema: { summary: "Set a tenant's (or with tenantId null, the platform default) provider order for a channel", body: AssignmentInput },
    async handler(req: PlatformRequest<{ Body: { tenantId: string | null; channel: MessageChannel; providerConfigIds: string[] } }>) {
      const { tenantId, channel, providerConfigIds } = req.body;
      const dup = providerConfigIds.findIndex((id, i) => providerConfigIds.indexOf(id) !== i);
      if (dup >= 0) throw new ProblemError(400, 'validation_failed', 'A configuration appears twice in the order', { field: `providerConfigIds.${dup}` });
      if (tenantId !== null && !(await ctx.tenants.get(tenantId))) throw new ProblemError(400, 'unknown_tenant', `No tenant ${tenantId}`, { field: 'tenantId' });
      const found = new Map((await configs.findMany(providerConfigIds)).map((c) => [c.id, c]));
      providerConfigIds.forEach((id, i) => {
        const c = found.get(id);
        if (!c) throw new ProblemError(400, 'unknown_provider_config', `No provider configuration ${id}`, { field: `providerConfigIds.${i}` });
        if (c.channel !== channel) throw new ProblemError(400, 'channel_mismatch', `Configuration "${c.name}" is for ${c.channel}, not ${channel}`, { field: `providerConfigIds.${i}` });
      });
      const id = await orders.change(async (em) => {
        const before = await assignments.findFor(tenantId, channel, em);
        const saved = await assignments.upsert(em, randomUUID(), tenantId, channel, providerConfigIds, new Date(clock()).toISOString());
        await req.ctx.audit({ action: 'messaging.assignment.set', tenantId, targetType: 'messaging.assignment', targetId: saved, before: before?.providerConfigIds ?? null, after: { channel, providerConfigIds } }, em);
        return saved;
      });
      return assignments.find(id);
    },
  });

  ctx.routes.add({
    method: 'DELETE',
    url: '/assignments/:id',
    permission: MESSAGING_PERMISSIONS.manage,
    tenantScoped: false,
    schema: { summary: 'Remove an assignment (the tenant then follows the platform default)', params: idParams },
    async handler(req: PlatformRequest<{ Params: { id: string } }>) {
      return orders.change(async (em) => {
        const a = await assignments.find(req.params.id, em);
        if (!a) throw new ProblemError(404, 'not_found', `assignment ${req.params.id} not found`);
        await assignments.delete(em, a.id);
        await req.ctx.audit({ action: 'messaging.assignment.deleted', tenantId: a.tenantId, targetType: 'messaging.assignment', targetId: a.id, before: a }, em);
        return a;
      });
    },
  });
}
