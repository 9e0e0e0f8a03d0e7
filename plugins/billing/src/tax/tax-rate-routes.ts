import { ProblemError, Type, type PluginContext } from '@platform/sdk';
import { CountryCode } from '../money-fields.ts';
import { addRateTableRoutes } from '../rates/rate-table-routes.ts';
import type { TaxRate, TaxRates } from './tax-rates.ts';

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

type TaxRateInput = { country?: string; tenantId?: string; label: string; rateBp: number; mode: 'inclusive' | 'exclusive' };

/** Staff: `GET/PUT /tax-rates`, `DELETE /tax-rates/:id`. A rate is for a country or for one tenant. */
export function addTaxRateRoutes(ctx: PluginContext, rates: TaxRates): void {
  addRateTableRoutes<TaxRate, TaxRateInput>(ctx, {
    path: '/tax-rates',
    noun: 'tax rate',
    auditKind: 'tax_rate',
    summaries: { list: 'Tax rates by country and per tenant', set: "Set a country's or a tenant's tax rate", remove: 'Remove a tax rate' },
    body: TaxRateBody,
    list: () => rates.list(),
    get: (id, em) => rates.get(id, em),
    remove: (em, id) => rates.remove(em, id),
    async check(body) {
      if (!body.country === !body.tenantId) throw new ProblemError(400, 'validation_failed', 'Give either a country or a tenantId', { field: body.country ? 'tenantId' : 'country' });
      if (!body.label.trim()) throw new ProblemError(400, 'validation_failed', 'label must not be blank', { field: 'label' });
      if (body.tenantId && !(await ctx.tenants.get(body.tenantId))) throw new ProblemError(400, 'validation_failed', 'No such tenant', { field: 'tenantId' });
    },
    set: (em, body) => rates.put(em, { country: body.country ?? null, tenantId: body.tenantId ?? null }, body),
    tenantOf: (rate) => rate.tenantId,
  });
}
