import { Type, type PluginContext } from '@platform/sdk';
import type { AccountStore } from '../accounts/account-store.ts';
import type { BillingDeps } from '../billing-deps.ts';
import { BILLING_PERMISSIONS } from '../billing-permissions.ts';
import { CurrencyCode, requireCurrency } from '../money-fields.ts';
import { billingOverview, overageReport } from './billing-overview.ts';

/** Staff reports: `GET /overview?currency=` (MRR, ARR, outstanding, overdue, failed payments, churned MRR, 12 months), `GET /overage-report?since=`. */
export function addReportRoutes(ctx: PluginContext, deps: () => BillingDeps, accounts: AccountStore): void {
  ctx.routes.add({
    method: 'GET',
    url: '/overview',
    permission: BILLING_PERMISSIONS.write,
    tenantScoped: false,
    schema: { summary: 'Billing overview of one currency', tags: ['billing'], querystring: Type.Object({ currency: Type.Optional(CurrencyCode) }) },
    handler: (req) => billingOverview(deps, accounts, requireCurrency((req.query as { currency?: string }).currency ?? 'USD')),
  });
  ctx.routes.add({
    method: 'GET',
    url: '/overage-report',
    permission: BILLING_PERMISSIONS.write,
    tenantScoped: false,
    schema: { summary: 'Overage billed per tenant and meter', tags: ['billing'], querystring: Type.Object({ since: Type.Optional(Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' })) }) },
    handler: (req) => {
      const since = (req.query as { since?: string }).since;
      const at = since ? new Date(`${since}T00:00:00Z`) : new Date(deps().now().getTime() - 90 * 86_400_000);
      return overageReport(deps, Number.isNaN(at.getTime()) ? new Date(0) : at);
    },
  });
}
