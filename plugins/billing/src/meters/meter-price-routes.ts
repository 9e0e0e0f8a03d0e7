import { ProblemError, Type, type PluginContext } from '@platform/sdk';
import type { BillingDeps } from '../billing-deps.ts';
import { CurrencyCode, NonNegativeMinorUnits, requireCurrency } from '../money-fields.ts';
import { addRateTableRoutes } from '../rates/rate-table-routes.ts';
import type { MeterPrice, MeterPrices } from './meter-prices.ts';

const MeterPriceBody = Type.Object(
  {
    meter: Type.String({ minLength: 1, maxLength: 100, pattern: '^[a-z0-9][a-z0-9_.:-]*$' }),
    planId: Type.Optional(Type.Union([Type.String({ format: 'uuid' }), Type.Null()])),
    currency: CurrencyCode,
    unitPriceMinor: NonNegativeMinorUnits,
  },
  { additionalProperties: false },
);

type MeterPriceInput = { meter: string; planId?: string | null; currency: string; unitPriceMinor: number };

/** Staff: `GET/PUT /meter-prices`, `DELETE /meter-prices/:id`: what one unit of a meter beyond the quota costs. */
export function addMeterPriceRoutes(ctx: PluginContext, deps: () => BillingDeps, prices: MeterPrices): void {
  addRateTableRoutes<MeterPrice, MeterPriceInput>(ctx, {
    path: '/meter-prices',
    noun: 'meter price',
    auditKind: 'meter_price',
    summaries: { list: 'Overage prices per meter', set: 'Set the price of a unit of a meter beyond its quota', remove: 'Remove an overage price' },
    body: MeterPriceBody,
    list: () => prices.list(),
    get: (id, em) => prices.get(id, em),
    remove: (em, id) => prices.remove(em, id),
    check(body) {
      requireCurrency(body.currency);
      const known = deps().planSource()?.meters().map((m) => m.key) ?? [];
      if (known.length && !known.includes(body.meter)) throw new ProblemError(400, 'validation_failed', `Unknown meter "${body.meter}"`, { field: 'meter' });
    },
    set: (em, body) => prices.put(em, { meter: body.meter, planId: body.planId ?? null, currency: body.currency, unitPriceMinor: body.unitPriceMinor }),
  });
}
