import { Type, type PluginContext } from '@platform/sdk';
import { BILLING_PERMISSIONS } from '../billing-permissions.ts';
import { CurrencyCode, MinorUnits } from '../money-fields.ts';
import type { BillingChargesService } from './billing-charges-service.ts';
import type { PendingCharges } from './pending-charges.ts';

const ChargeBody = Type.Object(
  {
    description: Type.String({ minLength: 1, maxLength: 500 }),
    amountMinor: MinorUnits,
    currency: CurrencyCode,
    quantity: Type.Optional(Type.Integer({ minimum: 1, maximum: 1_000_000_000 })),
    sourceId: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  },
  { additionalProperties: false },
);

/**
 * `GET /charges` (the tenant's pending charges), `POST /charges` (staff add a charge or credit to the selected
 * tenant's next invoice; `sourceId` makes a retry idempotent), `GET /preview` (the next invoice as of now).
 */
export function addChargeRoutes(ctx: PluginContext, charges: PendingCharges, service: BillingChargesService): void {
  ctx.routes.add({
    method: 'GET',
    url: '/charges',
    permission: BILLING_PERMISSIONS.read,
    schema: { summary: "The tenant's charges waiting for its next invoice", tags: ['billing'] },
    handler: (req) => charges.pending(req.ctx.requireTenant()),
  });

  ctx.routes.add({
    method: 'POST',
    url: '/charges',
    permission: BILLING_PERMISSIONS.write,
    schema: { summary: "Add a charge (or a negative credit) to the selected tenant's next invoice", tags: ['billing'], body: ChargeBody },
    async handler(req, reply) {
      const tenantId = req.ctx.requireTenant();
      const body = req.body as { description: string; amountMinor: number; currency: string; quantity?: number; sourceId?: string };
      const result = await ctx.db.system().transactional(async (em) => {
        const added = await charges.add(em, { tenantId, source: 'billing.manual', sourceId: body.sourceId ?? crypto.randomUUID(), description: body.description, amountMinor: body.amountMinor, currency: body.currency, quantity: body.quantity });
        if (added.created) await req.ctx.audit({ action: 'billing.charge.added', tenantId, targetType: 'billing.charge', targetId: added.charge.id, after: added.charge }, em);
        return added;
      });
      return reply.status(result.created ? 201 : 200).send(result.charge);
    },
  });

  ctx.routes.add({
    method: 'GET',
    url: '/preview',
    permission: BILLING_PERMISSIONS.read,
    schema: { summary: "The tenant's next invoice as of now (plan, changes, usage and charges so far); null while the tenant has no billing account (nothing is billed yet)", tags: ['billing'] },
    async handler(req) {
      // Not a 404: "no invoice is coming" is the answer a tenant's billing page shows, not an error it has to hide.
      return (await service.previewNextInvoice(req.ctx.requireTenant())) ?? null;
    },
  });
}
