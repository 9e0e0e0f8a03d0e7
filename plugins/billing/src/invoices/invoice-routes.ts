import { ProblemError, Type, type PluginContext } from '@platform/sdk';
import type { AccountStore } from '../accounts/account-store.ts';
import type { BillingDeps } from '../billing-deps.ts';
import { BILLING_PERMISSIONS } from '../billing-permissions.ts';
import type { BillingCycle } from '../cycle/billing-cycle.ts';
import { NonNegativeMinorUnits } from '../money-fields.ts';
import type { TaxRates } from '../tax/tax-rates.ts';
import type { InvoiceStore } from './invoice-store.ts';
import type { InvoiceTransitions } from './invoice-transitions.ts';
import { createManualDraft } from './manual-invoices.ts';
import { renderInvoicePdf } from '../pdf/invoice-pdf.ts';

const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
const ReasonBody = Type.Object({ reason: Type.String({ minLength: 1, maxLength: 500 }) }, { additionalProperties: false });
const ListQuery = Type.Object({
  state: Type.Optional(Type.Union(['draft', 'open', 'paid', 'void', 'uncollectible'].map((s) => Type.Literal(s)))),
  tenantId: Type.Optional(Type.String({ format: 'uuid' })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
  offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000 })),
});
const ManualInvoiceBody = Type.Object(
  {
    lines: Type.Array(
      Type.Object(
        {
          description: Type.String({ minLength: 1, maxLength: 500 }),
          quantity: Type.Integer({ minimum: 1, maximum: 1_000_000 }),
          unitAmountMinor: NonNegativeMinorUnits,
        },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: 200 },
    ),
    memo: Type.Optional(Type.String({ maxLength: 2000 })),
  },
  { additionalProperties: false },
);

export interface InvoiceRouteDeps {
  deps: () => BillingDeps;
  invoices: InvoiceStore;
  transitions: InvoiceTransitions;
  accounts: AccountStore;
  taxRates: TaxRates;
  cycle: BillingCycle;
  /** Printed on PDFs. */
  issuerName: string;
}

/**
 * Invoices. Reads (`GET /invoices`, `GET /invoices/:id`) show a tenant user only its own tenant's, staff the selected
 * tenant's or (with cross-tenant permission and none selected) every tenant's. Writes are staff-only: a manual draft
 * (`POST /invoices`), `finalize`, `void`, `uncollectible` (with a reason), and `POST /cycle/run`.
 */
export function addInvoiceRoutes(ctx: PluginContext, r: InvoiceRouteDeps): void {
  const audited = (req: any) => (entry: any, em: any) => req.ctx.audit(entry, em);

  ctx.routes.add({
    method: 'GET',
    url: '/invoices',
    permission: BILLING_PERMISSIONS.read,
    tenantScoped: false,
    schema: { summary: 'Invoices of the tenants the caller may read', tags: ['billing'], querystring: ListQuery },
    async handler(req, reply) {
      const q = req.query as { state?: any; tenantId?: string; limit?: number; offset?: number };
      const tenantIds = req.ctx.tenantsNamed('tenantId', q.tenantId);
      const { items, total } = await r.invoices.list({ tenantIds, state: q.state, limit: q.limit ?? 50, offset: q.offset ?? 0 });
      reply.header('x-total-count', String(total));
      return items;
    },
  });

  ctx.routes.add({
    method: 'GET',
    url: '/invoices/:id',
    permission: BILLING_PERMISSIONS.read,
    tenantScoped: false,
    schema: { summary: 'One invoice with its lines', tags: ['billing'], params: IdParams },
    async handler(req) {
      const invoice = await r.invoices.get((req.params as { id: string }).id, req.ctx.nameableTenantIds());
      if (!invoice) throw new ProblemError(404, 'not_found', 'invoice not found');
      return invoice;
    },
  });

  ctx.routes.add({
    method: 'GET',
    url: '/invoices/:id/pdf',
    permission: BILLING_PERMISSIONS.read,
    tenantScoped: false,
    schema: { summary: 'The invoice as a PDF', tags: ['billing'], params: IdParams },
    async handler(req, reply) {
      const invoice = await r.invoices.get((req.params as { id: string }).id, req.ctx.nameableTenantIds());
      if (!invoice) throw new ProblemError(404, 'not_found', 'invoice not found');
      const pdf = await renderInvoicePdf(invoice, r.issuerName);
      const name = (invoice.number ?? `draft-${invoice.id}`).replace(/[^A-Za-z0-9._-]/g, '_');
      return reply.header('content-type', 'application/pdf').header('content-disposition', `attachment; filename="${name}.pdf"`).send(pdf);
    },
  });

  ctx.routes.add({
    method: 'POST',
    url: '/invoices',
    permission: BILLING_PERMISSIONS.write,
    schema: { summary: 'A manual invoice (draft) for the selected tenant', tags: ['billing'], body: ManualInvoiceBody },
    async handler(req, reply) {
      const tenantId = req.ctx.requireTenant();
      const invoice = await ctx.db.system().transactional(async (em) => {
        const id = await createManualDraft(r.deps(), r.accounts, r.taxRates, em, tenantId, req.body as any);
        const created = (await r.invoices.get(id, null, em))!;
        await req.ctx.audit({ action: 'billing.invoice.drafted', tenantId, targetType: 'billing.invoice', targetId: id, after: { state: 'draft', totalMinor: created.totalMinor, currency: created.currency } }, em);
        return created;
      });
      return reply.status(201).send(invoice);
    },
  });

  ctx.routes.add({
    method: 'POST',
    url: '/invoices/:id/finalize',
    permission: BILLING_PERMISSIONS.write,
    tenantScoped: false,
    schema: { summary: 'Finalize a draft: number it and open it', tags: ['billing'], params: IdParams },
    handler: (req) => r.transitions.finalize((req.params as { id: string }).id, req.ctx.nameableTenantIds(), audited(req)),
  });

  for (const [path, to, summary] of [
    ['void', 'void', 'Void an invoice (it keeps its number; never deleted)'],
    ['uncollectible', 'uncollectible', 'Write an open invoice off as uncollectible'],
  ] as const) {
    ctx.routes.add({
      method: 'POST',
      url: `/invoices/:id/${path}`,
      permission: BILLING_PERMISSIONS.write,
      tenantScoped: false,
      schema: { summary, tags: ['billing'], params: IdParams, body: ReasonBody },
      async handler(req) {
        const { reason } = req.body as { reason: string };
        if (!reason.trim()) throw new ProblemError(400, 'validation_failed', 'A reason is required', { field: 'reason' });
        return r.transitions.mark((req.params as { id: string }).id, to, req.ctx.nameableTenantIds(), audited(req), reason);
      },
    });
  }

  ctx.routes.add({
    method: 'POST',
    url: '/cycle/run',
    permission: BILLING_PERMISSIONS.write,
    tenantScoped: false,
    schema: { summary: 'Invoice now every period that is over (idempotent)', tags: ['billing'] },
    async handler(req) {
      if (req.ctx.nameableTenantIds() !== null) throw new ProblemError(403, 'tenant_forbidden', 'The billing cycle covers every tenant: run it with no tenant selected');
      return r.cycle.run(r.deps().now());
    },
  });
}
