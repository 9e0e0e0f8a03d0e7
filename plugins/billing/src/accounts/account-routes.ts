import { ProblemError, Type, type PluginContext } from '@platform/sdk';
import { BILLING_PERMISSIONS } from '../billing-permissions.ts';
import { CountryCode, CurrencyCode, requireCurrency } from '../money-fields.ts';
import type { AccountStore } from './account-store.ts';

const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);

export const AccountBody = Type.Object(
  {
    cycle: Type.Union([Type.Literal('monthly'), Type.Literal('annual')]),
    anchorDay: Type.Integer({ minimum: 1, maximum: 28 }),
    anchorMonth: Type.Optional(Type.Integer({ minimum: 1, maximum: 12 })),
    currency: CurrencyCode,
    contactName: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
    contactEmail: Type.Optional(Nullable(Type.String({ maxLength: 254, pattern: '^[^\\s@]+@[^\\s@]+\\.[^\\s@]+$' }))),
    taxId: Type.Optional(Nullable(Type.String({ maxLength: 64, pattern: '^[A-Za-z0-9 .\\-/]+$' }))),
    country: Type.Optional(Nullable(CountryCode)),
    billingStartsOn: Type.Optional(Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' })),
  },
  { additionalProperties: false },
);

/**
 * `GET /account` (the tenant's own, tenant admins and staff in a tenant), `PUT /account` (staff, in the selected
 * tenant), `GET /accounts` (staff across the tenants they may read).
 */
export function addAccountRoutes(ctx: PluginContext, accounts: AccountStore): void {
  ctx.routes.add({
    method: 'GET',
    url: '/account',
    permission: BILLING_PERMISSIONS.read,
    schema: { summary: "The tenant's billing account", tags: ['billing'] },
    async handler(req) {
      const account = await accounts.get(req.ctx.requireTenant());
      if (!account) throw new ProblemError(404, 'not_found', 'This tenant has no billing account yet');
      return account;
    },
  });

  ctx.routes.add({
    method: 'PUT',
    url: '/account',
    permission: BILLING_PERMISSIONS.write,
    schema: { summary: "Create or change the selected tenant's billing account", tags: ['billing'], body: AccountBody },
    async handler(req) {
      const tenantId = req.ctx.requireTenant();
      const body = req.body as any;
      requireCurrency(body.currency);
      if (body.billingStartsOn !== undefined && Number.isNaN(new Date(`${body.billingStartsOn}T00:00:00Z`).getTime()))
        throw new ProblemError(400, 'validation_failed', 'billingStartsOn must be a date (YYYY-MM-DD)', { field: 'billingStartsOn' });
      for (const field of ['contactName', 'contactEmail', 'taxId'] as const) {
        if (typeof body[field] === 'string' && !body[field].trim()) body[field] = null;
      }
      return ctx.db.system().transactional(async (em) => {
        const { before, after } = await accounts.upsert(em, tenantId, body);
        await req.ctx.audit({ action: before ? 'billing.account.updated' : 'billing.account.created', tenantId, targetType: 'billing.account', targetId: after.id, before, after }, em);
        return after;
      });
    },
  });

  ctx.routes.add({
    method: 'GET',
    url: '/accounts',
    permission: BILLING_PERMISSIONS.read,
    scope: 'platform',
    tenantScoped: false,
    schema: { summary: 'Billing accounts of the tenants the caller may read', tags: ['billing'] },
    async handler(req) {
      return accounts.list(req.ctx.tenantsNamed('tenantId', (req.query as any)?.tenantId));
    },
  });
}
