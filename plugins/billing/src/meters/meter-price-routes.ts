import { ProblemError, Type, type PluginContext } from '@platform/sdk';
import type { BillingDeps } from '../billing-deps.ts';
import { BILLING_PERMISSIONS } from '../billing-permissions.ts';
import { CurrencyCode, NonNegativeMinorUnits, requireCurrency } from '../money-fields.ts';
import type { MeterPrices } from './meter-prices.ts';

const MeterPriceBody = Type.Object(
  {
    meter: Type.String({ minLength: 1, maxLength: 100, pattern: '^[a-z0-9][a-z0-9_.:-]*$' }),
    planId: Type.Optional(Type.Union([Type.String({ format: 'uuid' }), Type.Null()])),
    currency: CurrencyCode,
    unitPriceMinor: NonNegativeMinorUnits,
  },
  { additionalProperties: false },
);

/** Staff: `GET/PUT /meter-prices`, `DELETE /meter-prices/:id`: what one unit of a meter beyond the quota costs. */
export function addMeterPriceRoutes(ctx: PluginContext, deps: () => BillingDeps, prices: MeterPrices): void {
  ctx.routes.add({
    method: 'GET',
    url: '/meter-prices',
    permission: BILLING_PERMISSIONS.write,
    tenantScoped: false,
    schema: { summary: 'Overage prices per meter', tags: ['billing'] },
    handler: () => prices.list(),
  });

  ctx.routes.add({
    method: 'PUT',
    url: '/meter-prices',
    permission: BILLING_PERMISSIONS.write,
    tenantScoped: false,
    schema: { summary: 'Set the price of a unit of a meter beyond its quota', tags: ['billing'], body: MeterPriceBody },
    async handler(req) {
      const body = req.body as { meter: string; planId?: string | null; currency: string; unitPriceMinor: number };
      requireCurrency(body.currency);
      const known = deps().planSource()?.meters().map((m) => m.key) ?? [];
      if (known.length && !known.includes(body.meter)) throw new ProblemError(400, 'validation_failed', `Unknown meter "${body.meter}"`, { field: 'meter' });
      return ctx.db.system().transactional(async (em) => {
        const after = await prices.put(em, { meter: body.meter, planId: body.planId ?? null, currency: body.currency, unitPriceMinor: body.unitPriceMinor });
        await req.ctx.audit({ action: 'billing.meter_price.set', targetType: 'billing.meter_price', targetId: after.id, after }, em);
        return after;
      });
    },
  });

  ctx.routes.add({
    method: 'DELETE',
    url: '/meter-prices/:id',
    permission: BILLING_PERMISSIONS.write,
    tenantScoped: false,
    schema: { summary: 'Remove an overage price', tags: ['billing'], params: Type.Object({ id: Type.String({ format: 'uuid' }) }) },
    async handler(req, reply) {
      const { id } = req.params as { id: string };
      await ctx.db.system().transactional(async (em) => {
        const before = await prices.get(id, em);
        if (!before || !(await prices.remove(em, id))) throw new ProblemError(404, 'not_found', `meter price ${id} not found`);
        await req.ctx.audit({ action: 'billing.meter_price.removed', targetType: 'billing.meter_price', targetId: id, before }, em);
      });
      return reply.status(204).send();
    },
  });
}
