import { ListQuerystring, parseListParams, problems, setContentRange, Type, type PlatformReply, type PlatformRequest, type PluginContext } from '@platform/sdk';
import { ONBOARDING_PERMISSIONS } from '../onboarding-permissions.ts';
import { invitationView, type InvitationView } from './invitation-store.ts';
import { MAX_INVITATIONS_PER_CALL, type InvitationService } from './invitation-service.ts';

const tags = ['onboarding'];
const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
const Email = Type.String({ minLength: 3, maxLength: 320 });
const common = {
  role: Type.String({ minLength: 1, maxLength: 100 }),
  tenantId: Type.Optional(Type.Union([Type.String({ format: 'uuid' }), Type.Null()])),
  name: Type.Optional(Type.Union([Type.String({ maxLength: 200 }), Type.Null()])),
  expiresInDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 30 })),
};
const InviteOne = Type.Object({ email: Email, ...common }, { additionalProperties: false });
const InviteMany = Type.Object({ emails: Type.Array(Email, { minItems: 1, maxItems: MAX_INVITATIONS_PER_CALL }), ...common }, { additionalProperties: false });
const TokenBody = Type.Object({ token: Type.String({ minLength: 1, maxLength: 200 }) }, { additionalProperties: false });
const AcceptBody = Type.Object(
  { token: Type.String({ minLength: 1, maxLength: 200 }), name: Type.Optional(Type.String({ maxLength: 200 })), password: Type.String({ minLength: 8, maxLength: 1024 }) },
  { additionalProperties: false },
);

type InviteBody = { role: string; tenantId?: string | null; name?: string | null; expiresInDays?: number };

/**
 * `/api/onboarding/invitations`: list, read, invite (one, or a batch), resend, revoke; and the public link
 * routes `invitations/preview` and `invitations/accept` (the token travels in the body, never in a URL).
 */
export function addInvitationRoutes(ctx: PluginContext, invitations: InvitationService, clock: () => number = Date.now): void {
  ctx.routes.add({
    method: 'GET',
    url: '/invitations',
    permission: ONBOARDING_PERMISSIONS.invitationsRead,
    tenantScoped: false,
    schema: { tags, summary: 'Invitations, newest first (own tenant for tenant admins); filter by status, tenantId, q', querystring: ListQuerystring },
    async handler(req: PlatformRequest, reply: PlatformReply) {
      const params = parseListParams(req.query as Record<string, unknown>, { filter: { status: 'string', tenantId: 'uuid', q: 'string' } });
      const f = params.filter as { status?: string; tenantId?: string | string[]; q?: string };
      if (f.q !== undefined && typeof f.q !== 'string') throw problems.validation('filter.q', '"q" must be one search text');
      if (f.status !== undefined && (typeof f.status !== 'string' || !['pending', 'expired', 'accepted', 'revoked'].includes(f.status)))
        throw problems.validation('filter.status', '"status" must be pending, expired, accepted or revoked');
      const tenantIds = req.ctx.tenantsNamed('filter.tenantId', f.tenantId);
      const { rows, total } = await invitations.store.page({ tenantIds, status: f.status as InvitationView['status'] | undefined, q: f.q }, params.offset, params.limit);
      setContentRange(reply, 'invitations', params.offset, rows.length, total);
      return rows.map((r) => invitationView(r, clock()));
    },
  });

  ctx.routes.add({
    method: 'GET',
    url: '/invitations/:id',
    permission: ONBOARDING_PERMISSIONS.invitationsRead,
    tenantScoped: false,
    schema: { tags, summary: 'One invitation', params: IdParams },
    handler: (req: PlatformRequest<{ Params: { id: string } }>) => invitations.get(req, req.params.id),
  });

  ctx.routes.add({
    method: 'POST',
    url: '/invitations',
    permission: ONBOARDING_PERMISSIONS.invitationsWrite,
    tenantScoped: false,
    schema: { tags, summary: 'Invite one address with a role (tenant admins: into their own tenant, tenant roles only)', body: InviteOne },
    async handler(req: PlatformRequest<{ Body: InviteBody & { email: string } }>, reply: PlatformReply) {
      const [created] = await invitations.inviteFromRequest(req, { ...req.body, emails: [req.body.email], field: 'email' });
      reply.status(201);
      return created;
    },
  });

  ctx.routes.add({
    method: 'POST',
    url: '/invitations/batch',
    permission: ONBOARDING_PERMISSIONS.invitationsWrite,
    tenantScoped: false,
    schema: { tags, summary: `Invite up to ${MAX_INVITATIONS_PER_CALL} addresses with one role, all or none`, body: InviteMany },
    async handler(req: PlatformRequest<{ Body: InviteBody & { emails: string[] } }>, reply: PlatformReply) {
      const created = await invitations.inviteFromRequest(req, { ...req.body, field: 'emails' });
      reply.status(201);
      return { invitations: created };
    },
  });

  ctx.routes.add({
    method: 'POST',
    url: '/invitations/:id/resend',
    permission: ONBOARDING_PERMISSIONS.invitationsWrite,
    tenantScoped: false,
    schema: { tags, summary: 'Send a new link (the previous one stops working) with a new expiry date', params: IdParams },
    handler: (req: PlatformRequest<{ Params: { id: string } }>) => invitations.resend(req, req.params.id),
  });

  ctx.routes.add({
    method: 'POST',
    url: '/invitations/:id/revoke',
    permission: ONBOARDING_PERMISSIONS.invitationsWrite,
    tenantScoped: false,
    schema: { tags, summary: 'Withdraw a pending invitation: its link stops working', params: IdParams },
    handler: (req: PlatformRequest<{ Params: { id: string } }>) => invitations.revoke(req, req.params.id),
  });

  ctx.routes.add({
    method: 'POST',
    url: '/invitations/preview',
    public: true,
    schema: { tags, summary: "What an invitation link is for (the accept page): 404 invitation_not_found, 410 invitation_expired / invitation_used / invitation_revoked", body: TokenBody },
    handler: (req: PlatformRequest<{ Body: { token: string } }>) => invitations.preview(req.body.token),
  });

  ctx.routes.add({
    method: 'POST',
    url: '/invitations/accept',
    public: true,
    schema: { tags, summary: 'Accept an invitation: creates the account with the chosen password (then sign in)', body: AcceptBody },
    async handler(req: PlatformRequest<{ Body: { token: string; name?: string; password: string } }>, reply: PlatformReply) {
      const { user, tenantId } = await invitations.accept(req, req.body);
      reply.status(201);
      return { userId: user.id, email: user.email, name: user.name, tenantId };
    },
  });
}
