import { ListQuerystring, parseListParams, ProblemError, setContentRange, sqlEquals, Type, type PlatformReply, type PlatformRequest, type PluginContext, type RequestContext } from '@platform/sdk';
import type { SendMessageRequest } from '@platform/sdk/messaging';
import { MESSAGE_SORTS, type MessageRecord, type MessageStore } from './message-store.ts';
import type { PlatformMessageSender } from '../sending/message-sender.ts';
import { MESSAGING_PERMISSIONS } from '../messaging-permissions.ts';
import { readerOf } from '../tenant-reads.ts';

const Address = Type.Union([Type.String(), Type.Object({ email: Type.String(), name: Type.Optional(Type.String()) }, { additionalProperties: false })]);
const SendInput = Type.Object(
  {
    channel: Type.Union([Type.Literal('sms'), Type.Literal('email')]),
    tenantId: Type.Optional(Type.Union([Type.String(), Type.Null()], { description: "Staff only: the tenant sending (its providers, its credits); tenant callers send for their own. null: a platform message" })),
    to: Type.Union([Address, Type.Array(Address)], { description: 'SMS: an E.164 number. Email: an address or a list of them' }),
    from: Type.Optional(Address),
    replyTo: Type.Optional(Address),
    body: Type.Optional(Type.String({ description: 'SMS text' })),
    subject: Type.Optional(Type.String()),
    html: Type.Optional(Type.String()),
    text: Type.Optional(Type.String()),
    template: Type.Optional(Type.String({ description: "A template key instead of the content: the tenant's override, else the platform's" })),
    data: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
    language: Type.Optional(Type.String({ maxLength: 35 })),
    idempotencyKey: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    purpose: Type.Optional(Type.String({ maxLength: 100 })),
    wait: Type.Optional(Type.Boolean({ description: 'false: answer once queued, send in the background' })),
  },
  { additionalProperties: false },
);
const idParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
const FILTERS = { channel: 'string', status: 'string', providerId: 'string', providerConfigId: 'uuid', tenantId: 'uuid', from: 'date', to: 'date', q: 'string', purpose: 'string', id: 'uuid' } as const;

/** The tenant a send acts for: a tenant caller's own; staff name one (id or slug, or select it), or none for a platform message. */
async function sendingTenant(ctx: PluginContext, req: RequestContext, named: string | null | undefined): Promise<string | null> {
  if (named === null) {
    if (req.nameableTenantIds() !== null || req.tenantId) throw new ProblemError(403, 'tenant_forbidden', 'Only staff acting across tenants send platform messages (tenantId null)', { field: 'tenantId' });
    return null;
  }
  const tenants = req.tenantsNamed('tenantId', named);
  if (tenants === null) throw new ProblemError(400, 'tenant_required', 'Name the tenant sending (tenantId, or X-Tenant-Id), or tenantId null for a platform message', { field: 'tenantId' });
  if (tenants.length !== 1) throw new ProblemError(400, 'validation_failed', 'Name one tenant', { field: 'tenantId' });
  const tenant = await ctx.tenants.get(tenants[0]);
  if (!tenant || tenant.status === 'deleted') throw new ProblemError(400, 'unknown_tenant', `No tenant "${tenants[0]}"`, { field: 'tenantId' });
  return tenant.id;
}

/** Whether the caller may see a message: its tenant is one the caller may name (staff across tenants: all). */
function canSee(req: RequestContext, m: MessageRecord): boolean {
  const nameable = req.nameableTenantIds();
  return nameable === null || (m.tenantId !== null && nameable.includes(m.tenantId));
}

/** `/api/messaging/messages`: send, the delivery log, one message with its attempts and status history. */
export function addMessageRoutes(ctx: PluginContext, store: MessageStore, sender: PlatformMessageSender): void {
  ctx.routes.add({
    method: 'POST',
    url: '/messages',
    permission: MESSAGING_PERMISSIONS.send,
    tenantScoped: false,
    schema: {
      summary: "Send an SMS or email through the tenant's providers with failover (400 naming the field, 402 insufficient_credits, 409 no_provider); the same idempotencyKey returns the first message",
      body: SendInput,
    },
    async handler(req: PlatformRequest<{ Body: Record<string, unknown> }>, reply: PlatformReply) {
      const tenantId = await sendingTenant(ctx, req.ctx, req.body.tenantId as string | null | undefined);
      const { receipt, created } = await sender.sendWithOutcome({ ...req.body, tenantId } as SendMessageRequest);
      if (created) {
        const m = (await store.find(receipt.id))!;
        await req.ctx.audit({ action: 'messaging.message.sent', tenantId, targetType: 'messaging.message', targetId: m.id, after: { channel: m.channel, status: m.status, purpose: m.purpose, providerConfigId: m.providerConfigId } });
      }
      reply.status(created ? 201 : 200);
      return { ...(await store.find(receipt.id))!, created };
    },
  });

  ctx.routes.add({
    method: 'GET',
    url: '/messages',
    permission: MESSAGING_PERMISSIONS.read,
    tenantScoped: false,
    schema: { summary: "The delivery log; filter channel, status, providerId, providerConfigId, tenantId, from/to (created), q (recipient), purpose. Tenant callers see their tenant's only", querystring: ListQuerystring },
    async handler(req: PlatformRequest<{ Querystring: { sort?: string; range?: string; filter?: string } }>, reply: PlatformReply) {
      const q = parseListParams(req.query, { sort: Object.keys(MESSAGE_SORTS), filter: FILTERS });
      const f = q.filter;
      const params: unknown[] = [];
      const where = ['true'];
      const tenants = req.ctx.tenantsNamed('filter.tenantId', f.tenantId as string | string[] | undefined);
      if (tenants !== null) where.push(`tenant_id = ANY(${(params.push(tenants), `$${params.length}`)}::uuid[])`);
      if (f.channel !== undefined) where.push(sqlEquals(params, 'channel', f.channel));
      if (f.status !== undefined) where.push(sqlEquals(params, 'status', f.status));
      if (f.providerId !== undefined) where.push(sqlEquals(params, 'provider_id', f.providerId));
      if (f.providerConfigId !== undefined) where.push(sqlEquals(params, 'provider_config_id', f.providerConfigId, 'uuid'));
      if (f.purpose !== undefined) where.push(sqlEquals(params, 'purpose', f.purpose));
      if (f.id !== undefined) where.push(sqlEquals(params, 'id', f.id, 'uuid'));
      if (typeof f.from === 'string') where.push(`created_at >= ${(params.push(f.from), `$${params.length}::timestamptz`)}`);
      if (typeof f.to === 'string') where.push(`created_at < ${(params.push(f.to), `$${params.length}::timestamptz`)}`);
      if (typeof f.q === 'string' && f.q) where.push(`recipient ILIKE ${(params.push(`%${f.q.replace(/[\\%_]/g, '\\$&')}%`), `$${params.length}`)}`);
      const order = q.sort ? `${MESSAGE_SORTS[q.sort.field]} ${q.sort.order} NULLS LAST, id` : 'created_at DESC, id';
      const { rows, total } = await store.list(where.join(' AND '), params, order, q.limit, q.offset, readerOf(req.ctx));
      setContentRange(reply, 'messages', q.offset, rows.length, total);
      return rows.map(({ html: _html, ...m }) => m);
    },
  });

  ctx.routes.add({
    method: 'GET',
    url: '/messages/:id',
    permission: MESSAGING_PERMISSIONS.read,
    tenantScoped: false,
    schema: { summary: 'One message with every provider attempt (failover) and its status history', params: idParams },
    async handler(req: PlatformRequest<{ Params: { id: string } }>) {
      const m = await store.find(req.params.id, readerOf(req.ctx));
      if (!m || !canSee(req.ctx, m)) throw new ProblemError(404, 'not_found', `message ${req.params.id} not found`);
      return { ...m, attempts: await store.attempts(m.id), history: await store.history(m.id) };
    },
  });
}
