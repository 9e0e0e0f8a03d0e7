import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { taxOf } from '@platform/sdk/money';
import type { BilledPlan, PlanChangeProration } from '@platform/sdk/entitlements';
import { prorate } from '@platform/plugin-plans';
import { composeCycleInvoice, periodContaining, type CycleInvoiceInput } from '@platform/plugin-billing';

const METERS = ['sms.monthly', 'api_calls.monthly', 'orders.monthly', 'seats'];
const RESETS: Record<string, 'monthly' | 'never'> = { 'sms.monthly': 'monthly', 'api_calls.monthly': 'monthly', 'orders.monthly': 'monthly', seats: 'never' };

const planArb = fc.record({
  priceMinor: fc.integer({ min: 0, max: 10_000_000 }),
  interval: fc.constantFrom('monthly' as const, 'annual' as const),
  inTrial: fc.boolean(),
  quotas: fc.dictionary(fc.constantFrom(...METERS), fc.integer({ min: 0, max: 100_000 })),
});

const inputArb = fc.record({
  cycle: fc.constantFrom('monthly' as const, 'annual' as const),
  plan: fc.option(planArb, { nil: null }),
  prorationNets: fc.array(fc.record({ credit: fc.integer({ min: 0, max: 5_000_000 }), charge: fc.integer({ min: 0, max: 5_000_000 }) }), { maxLength: 4 }),
  usage: fc.dictionary(fc.constantFrom(...METERS), fc.integer({ min: 0, max: 1_000_000 })),
  unitPrice: fc.integer({ min: 0, max: 500 }),
  pending: fc.array(fc.integer({ min: -5_000_000, max: 5_000_000 }), { maxLength: 5 }),
  tax: fc.record({ rateBp: fc.integer({ min: 0, max: 10_000 }), mode: fc.constantFrom('inclusive' as const, 'exclusive' as const) }),
});

function inputOf(g: fc.RecordValue<any>): CycleInvoiceInput {
  const schedule = { cycle: g.cycle, anchorDay: 1, anchorMonth: 1 };
  const plan: BilledPlan | null = g.plan ? { tenantId: 't', planId: 'p', planKey: 'pro', planName: 'Pro', currency: 'USD', anchor: '2026-01-01T00:00:00.000Z', ...g.plan } : null;
  const prorations: PlanChangeProration[] = g.prorationNets.map((p: any, i: number) => ({ tenantId: 't', changeId: `c${i}`, changedAt: '2026-01-10T00:00:00.000Z', fromPlanName: 'A', toPlanName: 'B', toInterval: 'monthly', currency: 'USD', creditMinor: p.credit, chargeMinor: p.charge, netMinor: p.charge - p.credit }));
  return {
    tenantId: 't',
    cycle: g.cycle,
    currency: 'USD',
    period: periodContaining(schedule, new Date('2026-01-15T00:00:00Z')),
    plan,
    prorations,
    usage: g.usage,
    meterResets: (m) => RESETS[m],
    meterPrice: () => g.unitPrice,
    pending: g.pending.map((amountMinor: number, i: number) => ({ id: `x${i}`, tenantId: 't', source: 's', sourceId: String(i), description: 'charge', amountMinor, currency: 'USD', quantity: 1, createdAt: '2026-01-02T00:00:00.000Z' })),
    tax: { label: 'tax', ...g.tax },
  };
}

describe('invoice composition (property tests)', () => {
  it('totals equal the sum of the lines, plus tax on that sum when exclusive; lines are integers; nothing negative is billed', () => {
    fc.assert(
      fc.property(inputArb, (g) => {
        const invoice = composeCycleInvoice(inputOf(g));
        const sum = invoice.lines.reduce((s, l) => s + l.amountMinor, 0);
        for (const l of invoice.lines) expect(Number.isSafeInteger(l.amountMinor)).toBe(true);
        expect(invoice.subtotalMinor).toBe(sum);
        expect(invoice.subtotalMinor).toBeGreaterThanOrEqual(0);
        expect(invoice.taxMinor).toBe(taxOf(sum, g.tax.rateBp, g.tax.mode));
        expect(invoice.totalMinor).toBe(g.tax.mode === 'exclusive' ? sum + invoice.taxMinor : sum);
        // what is carried is exactly what was missing to reach zero
        const beforeCarry = invoice.lines.filter((l) => l.source !== 'billing.carry').reduce((s, l) => s + l.amountMinor, 0);
        expect(invoice.carriedMinor).toBe(Math.min(0, beforeCarry));
      }),
      { numRuns: 500 },
    );
  });

  it('an upgrade followed by a downgrade within one period nets out: the same day to zero, else to the price difference for the days between', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 5_000_000 }),
        fc.integer({ min: 0, max: 5_000_000 }),
        fc.integer({ min: 0, max: 27 }),
        fc.integer({ min: 0, max: 27 }),
        fc.record({ rateBp: fc.integer({ min: 0, max: 5000 }), mode: fc.constantFrom('inclusive' as const, 'exclusive' as const) }),
        (low, high, d1, d2) => {
          const [upDay, downDay] = d1 <= d2 ? [d1, d2] : [d2, d1];
          const period = { start: new Date('2026-02-01T00:00:00Z'), end: new Date('2026-03-01T00:00:00Z') };
          const at = (day: number) => new Date(Date.UTC(2026, 1, 1 + day));
          const up = prorate({ from: { amount: low, currency: 'USD', interval: 'monthly' }, to: { amount: high, currency: 'USD', interval: 'monthly' }, period, changeAt: at(upDay) });
          const down = prorate({ from: { amount: high, currency: 'USD', interval: 'monthly' }, to: { amount: low, currency: 'USD', interval: 'monthly' }, period, changeAt: at(downDay) });
          const net = up.net + down.net;
          if (upDay === downDay) expect(net).toBe(0);
          const exact = ((high - low) * (downDay - upDay)) / 28;
          expect(Math.abs(net - exact)).toBeLessThanOrEqual(2);
          // and on the invoice: the plan's price plus both changes
          const invoice = composeCycleInvoice({
            ...inputOf({ cycle: 'monthly', plan: { priceMinor: low, interval: 'monthly', inTrial: false, quotas: {} }, prorationNets: [], usage: {}, unitPrice: 0, pending: [], tax: { rateBp: 0, mode: 'exclusive' } }),
            period,
            prorations: [up, down].map((p, i) => ({ tenantId: 't', changeId: `c${i}`, changedAt: `${p.changeDate}T00:00:00.000Z`, fromPlanName: 'y', toPlanName: 'x', toInterval: 'monthly', currency: 'USD', creditMinor: p.credit, chargeMinor: p.charge, netMinor: p.net })),
          });
          expect(invoice.subtotalMinor).toBe(Math.max(0, low + net));
        },
      ),
      { numRuns: 500 },
    );
  });
});
