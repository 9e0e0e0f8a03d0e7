import type { BillingDeps } from '../billing-deps.ts';
import type { AccountStore } from '../accounts/account-store.ts';

const DAY_MS = 86_400_000;

export interface BillingOverview {
  currency: string;
  /** Monthly recurring revenue: the plans billing accounts are on now, per month (annual ÷ 12, rounded). */
  mrrMinor: number;
  arrMinor: number;
  /** What open and uncollectible invoices still ask for. */
  outstandingMinor: number;
  /** The part of it past its due date. */
  overdueMinor: number;
  overdueInvoices: number;
  /** Failed collection attempts in the last 30 days. */
  failedPayments: number;
  /** MRR lost over the last 30 days: tenants that left a plan, moved to a cheaper one, or are no longer active. */
  churnedMrrMinor: number;
  /** Invoiced and collected per calendar month (UTC), the last 12 months, oldest first. */
  months: { month: string; invoicedMinor: number; paidMinor: number }[];
}

const monthlyOf = (price: number, interval: 'monthly' | 'annual') => (interval === 'annual' ? Math.round(price / 12) : price);

/** The staff overview of one currency (amounts of other currencies are not converted, only counted in theirs). */
export async function billingOverview(deps: () => BillingDeps, accounts: AccountStore, currency: string): Promise<BillingOverview> {
  const d = deps();
  const now = d.now();
  const monthAgo = new Date(now.getTime() - 30 * DAY_MS);
  const all = (await accounts.all()).filter((a) => a.currency === currency);
  const active = new Set((await d.tenants.list({ status: ['active'] })).map((t) => t.id));
  const ids = all.map((a) => a.tenantId);
  const source = d.planSource();
  let mrr = 0;
  let churned = 0;
  if (source && ids.length) {
    const [nowPlans, thenPlans] = await Promise.all([source.plansAt(ids, now), source.plansAt(ids, monthAgo)]);
    for (const id of ids) {
      const p = nowPlans.get(id);
      const current = p && active.has(id) && !p.inTrial && p.currency === currency ? monthlyOf(p.priceMinor, p.interval) : 0;
      const q = thenPlans.get(id);
      const before = q && !q.inTrial && q.currency === currency ? monthlyOf(q.priceMinor, q.interval) : 0;
      mrr += current;
      churned += Math.max(0, before - current);
    }
  }
  const [open] = await d.db.sql<{ outstanding: string; overdue: string; overdue_n: string }>(
    `SELECT coalesce(sum(total_minor - amount_paid_minor - amount_credited_minor), 0)::text AS outstanding,
            coalesce(sum(total_minor - amount_paid_minor - amount_credited_minor) FILTER (WHERE due_at < $2), 0)::text AS overdue,
            count(*) FILTER (WHERE due_at < $2)::text AS overdue_n
       FROM billing_invoices WHERE currency = $1 AND state IN ('open', 'uncollectible')`,
    [currency, now.toISOString()],
  );
  const [failed] = await d.db.sql<{ n: string }>(`SELECT count(*)::text AS n FROM billing_payments WHERE currency = $1 AND status = 'failed' AND created_at >= $2`, [currency, monthAgo.toISOString()]);
  const start = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 11, 1));
  const rows = await d.db.sql<{ month: string; invoiced: string; paid: string }>(
    `SELECT to_char(m, 'YYYY-MM') AS month,
            coalesce((SELECT sum(total_minor) FROM billing_invoices WHERE currency = $1 AND state <> 'void' AND state <> 'draft' AND issued_at >= m AND issued_at < m + interval '1 month'), 0)::text AS invoiced,
            coalesce((SELECT sum(amount_minor) FROM billing_payments WHERE currency = $1 AND status = 'succeeded' AND created_at >= m AND created_at < m + interval '1 month'), 0)::text AS paid
       FROM generate_series($2::timestamptz, $2::timestamptz + interval '11 months', interval '1 month') AS m ORDER BY m`,
    [currency, start.toISOString()],
  );
  return {
    currency,
    mrrMinor: mrr,
    arrMinor: mrr * 12,
    outstandingMinor: Number(open!.outstanding),
    overdueMinor: Number(open!.overdue),
    overdueInvoices: Number(open!.overdue_n),
    failedPayments: Number(failed!.n),
    churnedMrrMinor: churned,
    months: rows.map((r) => ({ month: r.month, invoicedMinor: Number(r.invoiced), paidMinor: Number(r.paid) })),
  };
}

/** Overage billed per meter and tenant over the invoices of a period range (staff report). */
export async function overageReport(deps: () => BillingDeps, since: Date) {
  const rows = await deps().db.sql<{ tenant_id: string; meter: string; currency: string; quantity: string; amount: string; invoices: string }>(
    `SELECT i.tenant_id::text, l.source_id AS meter, i.currency, sum(l.quantity)::text AS quantity, sum(l.amount_minor)::text AS amount, count(DISTINCT i.id)::text AS invoices
       FROM billing_invoice_lines l JOIN billing_invoices i ON i.id = l.invoice_id
      WHERE l.kind = 'overage' AND i.state <> 'void' AND i.period_start >= $1::date
      GROUP BY i.tenant_id, l.source_id, i.currency ORDER BY sum(l.amount_minor) DESC LIMIT 500`,
    [since.toISOString().slice(0, 10)],
  );
  return rows.map((r) => ({ tenantId: r.tenant_id, meter: r.meter, currency: r.currency, quantity: Number(r.quantity), amountMinor: Number(r.amount), invoices: Number(r.invoices) }));
}
