import { ProblemError, Type, type PlatformRequest, type PluginContext, type RequestContext } from '@platform/sdk';
import { CUSTOMER_SUCCESS_PERMISSIONS } from '../customer-success-permissions.ts';
import { assembleDigest, digestSections } from './digest-assembler.ts';
import { isTimeZone } from './digest-schedule.ts';
import type { DigestSubscription, DigestSubscriptionStore } from './digest-subscription-store.ts';

const tags = ['customer-success'];
const NoNul = { pattern: '^[^\\u0000]*$' };
const SectionId = Type.String({ minLength: 1, maxLength: 64, ...NoNul });
const SubscriptionBody = Type.Object(
  {
    enabled: Type.Boolean(),
    timeZone: Type.String({ minLength: 1, maxLength: 64, ...NoNul }),
    /** null: every section, including ones added later. */
    sections: Type.Union([Type.Null(), Type.Array(SectionId, { maxItems: 50, uniqueItems: true })]),
    /** Defaults to the user's own address. */
    email: Type.Optional(Type.String({ format: 'email', maxLength: 320 })),
  },
  { additionalProperties: false },
);
type SubscriptionBodyT = { enabled: boolean; timeZone: string; sections: string[] | null; email?: string };

function userOf(req: RequestContext): { id: string; email: string | null } {
  const actor = req.actor;
  if (!actor || actor.type !== 'user') throw new ProblemError(403, 'user_only', 'the digest belongs to a signed-in user (not an API key)');
  return { id: actor.id, email: actor.email ?? null };
}

/**
 * `/api/customer-success/digest...` (platform routes, staff with `customer-success.health.read`):
 * `GET digest` (today's digest with the caller's sections, or `?sections=a,b`), `GET digest/sections`,
 * `GET digest/subscription` and `PUT digest/subscription` (the caller's own: on/off, time zone, sections, address).
 */
export function addDigestRoutes(ctx: PluginContext, store: DigestSubscriptionStore, clock: () => Date): void {
  const read = { permission: CUSTOMER_SUCCESS_PERMISSIONS.read, scope: 'platform' as const, tenantScoped: false };
  const known = () => new Set(digestSections(ctx).map((s) => s.id));

  ctx.routes.add({
    ...read,
    method: 'GET',
    url: '/digest/sections',
    schema: { tags, summary: 'The digest sections contributed by the installed plugins, in order' },
    handler: async () => digestSections(ctx).map((s) => ({ id: s.id, label: s.label, order: s.order })),
  });

  ctx.routes.add({
    ...read,
    method: 'GET',
    url: '/digest',
    schema: {
      tags,
      summary: "The digest of the last 24 hours: the caller's chosen sections, or those named in `sections` (comma-separated)",
      querystring: Type.Object({ sections: Type.Optional(Type.String({ minLength: 1, maxLength: 2000, ...NoNul })) }, { additionalProperties: false }),
    },
    async handler(req: PlatformRequest<{ Querystring: { sections?: string } }>) {
      let chosen: string[] | null = null;
      if (req.query.sections !== undefined) {
        chosen = req.query.sections.split(',').map((s) => s.trim()).filter(Boolean);
        const ids = known();
        const unknown = chosen.filter((id) => !ids.has(id));
        if (unknown.length) throw new ProblemError(400, 'unknown_section', `unknown digest section: ${unknown.join(', ')}`, { field: 'sections' });
      } else if (req.ctx.actor?.type === 'user') {
        chosen = (await store.get(req.ctx.actor.id))?.sections ?? null;
      }
      return assembleDigest(ctx, clock(), chosen);
    },
  });

  ctx.routes.add({
    ...read,
    method: 'GET',
    url: '/digest/subscription',
    schema: { tags, summary: "The caller's digest settings (not subscribed yet: enabled false, every section, UTC)" },
    async handler(req: PlatformRequest) {
      const user = userOf(req.ctx);
      const found = await store.get(user.id);
      return found ?? ({ userId: user.id, email: user.email ?? '', timeZone: 'UTC', sections: null, enabled: false } satisfies DigestSubscription);
    },
  });

  ctx.routes.add({
    ...read,
    method: 'PUT',
    url: '/digest/subscription',
    schema: { tags, summary: "Sets the caller's digest: on or off, time zone (IANA; the email goes at 09:00 there), sections (null: all), address", body: SubscriptionBody },
    async handler(req: PlatformRequest<{ Body: SubscriptionBodyT }>) {
      const user = userOf(req.ctx);
      const body = req.body;
      if (!isTimeZone(body.timeZone)) throw new ProblemError(400, 'invalid_time_zone', `"${body.timeZone}" is not an IANA time zone (e.g. Europe/Paris)`, { field: 'timeZone' });
      if (body.sections !== null) {
        const ids = known();
        const unknown = body.sections.filter((id) => !ids.has(id));
        if (unknown.length) throw new ProblemError(400, 'unknown_section', `unknown digest section: ${unknown.join(', ')}`, { field: 'sections' });
      }
      const email = body.email ?? user.email;
      if (!email) throw new ProblemError(400, 'email_required', 'no address to send the digest to', { field: 'email' });
      const saved = await store.put({ userId: user.id, email, timeZone: body.timeZone, sections: body.sections, enabled: body.enabled });
      await req.ctx.audit({ action: 'customer_success.digest_subscription_set', targetType: 'user', targetId: user.id, after: { enabled: saved.enabled, timeZone: saved.timeZone, sections: saved.sections } });
      return saved;
    },
  });
}
