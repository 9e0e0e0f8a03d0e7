import { ProblemError, Type, type PluginContext } from '@platform/sdk';
import { BILLING_PERMISSIONS } from '../billing-permissions.ts';
import { CountryCode } from '../money-fields.ts';
import type { TaxRates } from './tax-rates.ts';

const TaxRateBody = Type.Object(
  {
    country: Type.Optional(CountryCode),
    tenantId: Type.Optional(Type.String({ format: 'uuid' })),
    label: Type.String({ minLength: 1, maxLength: 100 }),
    rateBp: Type.Integer({ minimum: 0, maximum: 10_000 }),
    mode: Type.Union([Type.Literal('inclusive'), Type.Literal('exclusive')]),
  },
  { additionalProperties: false },
);

/** Staff: `GET/PUT /tax-rates`, `DELETE /tax-rates/:id`. A rate is for a country or for one tenant. */
export function addTaxRateRoutes(ctx: PluginContext, rates: TaxRates): void {
  ctx.routes.add({
    method: 'GET',
    url: '/tax-rates',
    permission: BILLING_PERMISSIONS.write,
    tenantScoped: false,
    schema: { summary: 'Tax rates by country and per tenant', tags: ['billing'] },
    handler: () => rates.list(),
  });

  ctx.routes.add({
    method: 'PUT',
    url: '/tax-rates',
    permission: BILLING_PERMISSIONS.write,
    tenantScoped: false,
    schema: { summary: "Set a country's or a tenant's tax rate", tags: ['billing'], body: TaxRateBody },
    async handler(req) {
      const body = req.body as { country?: string; tenantId?: string; label: string; rateBp: number; mode: 'inclusive' | 'exclusive' };
      if (!body.country === !body.tenantId) throw new ProblemError(400, 'validation_failed', 'Give either a country or a tenantId', { field: body.country ? 'tenantId' : 'country' });
      if (!body.label.trim()) throw new ProblemError(400, 'validation_failed', 'label must not be blank', { field: 'label' });
      if (body.tenantId && !(await ctx.tenants.get(body.tenantId))) throw new ProblemError(400, 'validation_failed', 'No such tenant', { field: 'tenantId' });
      return ctx.db.system().transactional(async (em) => {
        const after = await rates.put(em, { country: body.country ?? null, tenantId: body.tenantId ?? null }, body);
        await req.ctx.audit({ action: 'billing.tax_rate.set', tenantId: after.tenantId, targetType: 'billing.tax_rate', targetId: after.id, after }, em);
        return after;
      });
    },
  });

  ctx.routes.add({
    method: 'DELETE',
    url: '/tax-rates/:id',
    permission: BILLING_PERMISSIONS.write,
    tenantScoped: false,
    schema: { summary: 'Remove a tax rate', tags: ['billing'], params: Type.Object({ id: Type.String({ format: 'uuid' }) }) },
    async handler(req, reply) {
      const { id } = req.params as { id: string };
      await ctx.db.system().transactional(async (em) => {
        const before = await rates.get(id, em);
        if (!before || !(await rates.remove(em, id))) throw new ProblemError(404, 'not_found', `tax rate ${id} not found`);
        await req.ctx.audit({ action: 'billing.tax_rate.removed', tenantId: before.tenantId, targetType: 'billing.tax_rate', targetId: id, before }, em);
      });
      return reply.status(204).send();
    },
  });
}
