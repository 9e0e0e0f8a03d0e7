// bench/billing: one billing cycle for BENCH_TENANTS (10,000) tenants, each on a plan with quotas on 3 priced meters
// (usage above quota on each) and 1 add-on (a pending charge), with exclusive tax by country, on the test PostgreSQL
// server. Measured: `POST /api/billing/cycle/run` from the request to its answer (every invoice, line, number, charge
// update and audit entry committed). Target: < 60 s.
// Floor, measured in the same run on the same data before the cycle: the same invoice totals computed by one plain
// SQL aggregate (no numbering, no rows written). Printed: both times, their ratio, and whether the totals agree.
// Run: node --import tsx bench/billing/run.ts
import { randomUUID } from 'node:crypto';
import { createTestKernel } from '@platform/sdk/testing';
import plans from '@platform/plugin-plans';
import { createBillingPlugin } from '@platform/plugin-billing';

const TENANTS = Number(process.env.BENCH_TENANTS ?? 10_000);
const METERS = ['sms.monthly', 'api_calls.monthly', 'orders.monthly'];
const PERIOD_START = '2026-06-01';
const PERIOD_END = '2026-07-01';
const now = new Date('2026-07-02T00:00:00Z');

const t = await createTestKernel({ plugins: [plans, createBillingPlugin({ now: () => now, cycleBatchSize: 1000 })], config: { logLevel: 'warn' } });
try {
  const ok = async (res: Promise<{ statusCode: number; body: string; json(): any }>) => {
    const r = await res;
    if (r.statusCode >= 300) throw new Error(`${r.statusCode} ${r.body}`);
    return r.json();
  };
  const planIds: string[] = [];
  for (const [i, price] of [2900, 9900, 29_900].entries()) {
    const plan = await ok(t.inject({ method: 'POST', url: '/api/plans/plans', payload: { key: `bench-${i}`, name: `Bench ${i}`, priceAmount: price, currency: 'USD', interval: 'monthly', quotas: Object.fromEntries(METERS.map((m) => [m, 1000 * (i + 1)])) } }));
    planIds.push(plan.id);
  }
  for (const [m, price] of METERS.map((m, i) => [m, 2 + i] as const)) await ok(t.inject({ method: 'PUT', url: '/api/billing/meter-prices', payload: { meter: m, currency: 'USD', unitPriceMinor: price } }));
  await ok(t.inject({ method: 'PUT', url: '/api/billing/tax-rates', payload: { country: 'GB', label: 'VAT 20%', rateBp: 2000, mode: 'exclusive' } }));

  const seedStarted = performance.now();
  const ids = Array.from({ length: TENANTS }, () => randomUUID());
  const chunk = 2000;
  for (let i = 0; i < TENANTS; i += chunk) {
    const part = ids.slice(i, i + chunk);
    await t.sql(`INSERT INTO tenants (id, slug, name, status, locale) SELECT id, 'bench-' || n, 'Bench ' || n, 'active', 'en' FROM unnest($1::uuid[], $2::int[]) AS u(id, n)`, [part, part.map((_, k) => i + k)]);
    await t.sql(
      `INSERT INTO plans_assignments (id, tenant_id, plan_id, effective_from, billing_anchor, reason)
       SELECT gen_random_uuid(), id, ($2::uuid[])[1 + (n % 3)], '2026-01-01', '2026-01-01', 'bench' FROM unnest($1::uuid[], $3::int[]) AS u(id, n)`,
      [part, planIds, part.map((_, k) => i + k)],
    );
    await t.sql(
      `INSERT INTO plans_usage_records (id, tenant_id, meter, quantity, at, idempotency_key)
       SELECT gen_random_uuid(), u.id, m.meter, 1000 * (1 + (u.n % 3)) + 10 + (u.n % 97) * m.k, '2026-06-15', 'bench-' || m.meter
         FROM unnest($1::uuid[], $2::int[]) AS u(id, n), unnest($3::text[], $4::int[]) AS m(meter, k)`,
      [part, part.map((_, k) => i + k), METERS, [1, 2, 3]],
    );
    await t.sql(
      `INSERT INTO billing_accounts (id, tenant_id, cycle, anchor_day, currency, country, contact_email, billing_starts_on)
       SELECT gen_random_uuid(), id, 'monthly', 1, 'USD', 'GB', 'billing+' || n || '@example.test', $2::date FROM unnest($1::uuid[], $3::int[]) AS u(id, n)`,
      [part, PERIOD_START, part.map((_, k) => i + k)],
    );
    await t.sql(
      `INSERT INTO billing_pending_charges (id, tenant_id, source, source_id, description, amount_minor, currency, created_at)
       SELECT gen_random_uuid(), id, 'marketplace.purchase', 'bench-' || n, 'Add-on: SMS bundle', 1500 + (n % 7) * 100, 'USD', '2026-06-20' FROM unnest($1::uuid[], $2::int[]) AS u(id, n)`,
      [part, part.map((_, k) => i + k)],
    );
  }
  await t.sql('ANALYZE');
  console.log(`seeded ${TENANTS} tenants (plan, 3 meters over quota, 1 add-on, account) in ${((performance.now() - seedStarted) / 1000).toFixed(1)} s`);

  // Floor: the same totals by one SQL aggregate.
  const floorStarted = performance.now();
  const [floor] = await t.sql<{ invoices: string; total: string }>(
    `WITH usage AS (
       SELECT tenant_id, meter, sum(quantity) AS used FROM plans_usage_records WHERE at >= $1::date AND at < $2::date GROUP BY tenant_id, meter),
     plan AS (
       SELECT a.tenant_id, p.id AS plan_id, p.price_amount, p.quotas, p.currency FROM plans_assignments a JOIN plans_plans p ON p.id = a.plan_id
        WHERE a.effective_from <= $1::date AND (a.effective_to IS NULL OR a.effective_to > $1::date)),
     overage AS (
       SELECT u.tenant_id, sum(greatest(0, u.used - (pl.quotas ->> u.meter)::bigint) * mp.unit_price_minor) AS amount
         FROM usage u JOIN plan pl ON pl.tenant_id = u.tenant_id JOIN billing_meter_prices mp ON mp.meter = u.meter AND mp.currency = pl.currency AND mp.plan_id IS NULL
        GROUP BY u.tenant_id),
     charges AS (
       SELECT tenant_id, sum(amount_minor) AS amount FROM billing_pending_charges WHERE invoice_id IS NULL AND created_at < $2::date GROUP BY tenant_id),
     subtotal AS (
       SELECT ba.tenant_id, ba.country, coalesce(pl.price_amount, 0) + coalesce(o.amount, 0) + coalesce(c.amount, 0) AS amount
         FROM billing_accounts ba LEFT JOIN plan pl ON pl.tenant_id = ba.tenant_id LEFT JOIN overage o ON o.tenant_id = ba.tenant_id LEFT JOIN charges c ON c.tenant_id = ba.tenant_id)
     SELECT count(*)::text AS invoices, sum(s.amount + round(s.amount * coalesce(tr.rate_bp, 0) / 10000.0))::text AS total
       FROM subtotal s LEFT JOIN billing_tax_rates tr ON tr.country = s.country`,
    [PERIOD_START, PERIOD_END],
  );
  const floorMs = performance.now() - floorStarted;

  const cycleStarted = performance.now();
  const result = await ok(t.inject({ method: 'POST', url: '/api/billing/cycle/run' }));
  const cycleMs = performance.now() - cycleStarted;
  const [made] = await t.sql<{ invoices: string; total: string; lines: string }>(
    `SELECT count(*)::text AS invoices, sum(total_minor)::text AS total, (SELECT count(*) FROM billing_invoice_lines)::text AS lines FROM billing_invoices WHERE kind = 'cycle' AND period_start = $1::date`,
    [PERIOD_START],
  );
  const agree = made!.invoices === floor!.invoices && made!.total === floor!.total;
  console.log(`cycle: ${result.created} invoices (${made!.lines} lines) in ${(cycleMs / 1000).toFixed(2)} s (${((cycleMs * 1000) / TENANTS).toFixed(0)} µs per tenant) — target < 60 s: ${cycleMs < 60_000 ? 'MET' : 'NOT MET'}`);
  console.log(`floor: one SQL aggregate of the same totals in ${(floorMs / 1000).toFixed(3)} s`);
  console.log(`ratio cycle / floor: ${(cycleMs / floorMs).toFixed(1)}x`);
  console.log(`totals: cycle ${made!.total} over ${made!.invoices} invoices, floor ${floor!.total} over ${floor!.invoices}: ${agree ? 'AGREE' : 'DIFFER'}`);
  if (!agree) process.exitCode = 1;
} finally {
  await t.close();
}
