import { ProblemError, Type, type PlatformRequest, type PluginContext } from '@platform/sdk';
import { parsePaymentWebhook, type PaymentProviderDefinition } from '@platform/sdk/payments';
import { BILLING_PERMISSIONS } from '../billing-permissions.ts';
import type { BillingDeps } from '../billing-deps.ts';
import type { InvoiceStore } from '../invoices/invoice-store.ts';
import { PositiveMinorUnits } from '../money-fields.ts';
import type { InvoiceCollector } from './invoice-collector.ts';
import type { InvoiceSettlement } from './invoice-settlement.ts';
import type { PaymentConfigs } from './payment-configs.ts';
import type { PaymentProviderCatalog } from './payment-provider-catalog.ts';
import type { PaymentRecords } from './payment-records.ts';
import type { WebhookEvents } from './webhook-events.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
const WEBHOOK_BODY_LIMIT = 1024 * 1024;

export interface PaymentRouteDeps {
  deps: () => BillingDeps;
  catalog: PaymentProviderCatalog;
  configs: PaymentConfigs;
  invoices: InvoiceStore;
  payments: PaymentRecords;
  settlement: InvoiceSettlement;
  collector: InvoiceCollector;
  webhooks: WebhookEvents;
}

function providerView(p: PaymentProviderDefinition<any>) {
  return { id: p.id, name: p.name, description: p.description ?? '', currencies: p.currencies ?? null, configSchema: JSON.parse(JSON.stringify(p.configSchema)) };
}

/**
 * Payments. Staff: `GET /payment-providers`, `GET/POST /payment-configs`, manual payments `POST /invoices/:id/payments`
 * (with a reason). Tenant admins (own tenant only): `POST /invoices/:id/pay`, `GET /payments`. Public:
 * `POST /webhooks/:configId` (raw body, signature checked by the provider plugin: 401 when it does not match).
 */
export function addPaymentRoutes(ctx: PluginContext, r: PaymentRouteDeps): void {
  const audited = (req: PlatformRequest) => (entry: any, em: any) => req.ctx.audit(entry, em);

  ctx.routes.add({
    method: 'GET',
    url: '/payment-providers',
    permission: BILLING_PERMISSIONS.write,
    tenantScoped: false,
    schema: { summary: 'Installed payment provider plugins and their settings schema', tags: ['billing'] },
    handler: () => r.catalog.all().map(providerView),
  });

  ctx.routes.add({
    method: 'GET',
    url: '/payment-configs',
    permission: BILLING_PERMISSIONS.write,
    tenantScoped: false,
    schema: { summary: 'Payment provider configurations (secrets masked)', tags: ['billing'] },
    handler: async () => (await r.configs.list()).map((c) => r.configs.view(c)),
  });

  ctx.routes.add({
    method: 'POST',
    url: '/payment-configs',
    permission: BILLING_PERMISSIONS.write,
    tenantScoped: false,
    schema: {
      summary: 'Add a payment provider configuration',
      tags: ['billing'],
      body: Type.Object({ providerId: Type.String({ minLength: 1, maxLength: 63 }), name: Type.String({ minLength: 1, maxLength: 120 }), settings: Type.Record(Type.String(), Type.Unknown()), isDefault: Type.Optional(Type.Boolean()) }, { additionalProperties: false }),
    },
    async handler(req, reply) {
      const body = req.body as { providerId: string; name: string; settings: Record<string, unknown>; isDefault?: boolean };
      const created = await ctx.db.system().transactional(async (em) => {
        const config = await r.configs.create(em, body);
        await req.ctx.audit({ action: 'billing.payment_config.created', targetType: 'billing.payment_config', targetId: config.id, after: { providerId: config.providerId, name: config.name, isDefault: config.isDefault } }, em);
        return config;
      });
      return reply.status(201).send(r.configs.view(created));
    },
  });

  ctx.routes.add({
    method: 'POST',
    url: '/invoices/:id/pay',
    permission: BILLING_PERMISSIONS.pay,
    tenantScoped: false,
    schema: { summary: 'Pay an open invoice through the payment provider', tags: ['billing'], params: IdParams },
    handler: (req) => r.collector.collect((req.params as { id: string }).id, req.ctx.nameableTenantIds(), audited(req)),
  });

  ctx.routes.add({
    method: 'POST',
    url: '/invoices/:id/payments',
    permission: BILLING_PERMISSIONS.write,
    tenantScoped: false,
    schema: {
      summary: 'Record a manual payment (bank transfer...) with a reason',
      tags: ['billing'],
      params: IdParams,
      body: Type.Object(
        {
          amountMinor: PositiveMinorUnits,
          method: Type.Union([Type.Literal('bank_transfer'), Type.Literal('cash'), Type.Literal('cheque'), Type.Literal('other')]),
          reason: Type.String({ minLength: 1, maxLength: 500 }),
          reference: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
        },
        { additionalProperties: false },
      ),
    },
    async handler(req, reply) {
      const body = req.body as { amountMinor: number; method: 'bank_transfer' | 'cash' | 'cheque' | 'other'; reason: string; reference?: string };
      if (!body.reason.trim()) throw new ProblemError(400, 'validation_failed', 'A reason is required', { field: 'reason' });
      const result = await ctx.db.system().transactional(async (em) => {
        const invoice = await r.invoices.get((req.params as { id: string }).id, req.ctx.nameableTenantIds(), em, true);
        if (!invoice) throw new ProblemError(404, 'not_found', 'invoice not found');
        const payment = await r.payments.insert(em, { tenantId: invoice.tenantId, invoiceId: invoice.id, configId: null, method: body.method, amountMinor: body.amountMinor, currency: invoice.currency, status: 'succeeded', reason: body.reason, recordedBy: req.ctx.actor?.email ?? req.ctx.actor?.id ?? null, providerRef: null });
        const after = await r.settlement.applyPayment(em, invoice, payment, audited(req));
        return { payment, invoice: after };
      });
      return reply.status(201).send(result);
    },
  });

  ctx.routes.add({
    method: 'GET',
    url: '/payments',
    permission: BILLING_PERMISSIONS.read,
    tenantScoped: false,
    schema: { summary: 'Payments of the tenants the caller may read', tags: ['billing'], querystring: Type.Object({ invoiceId: Type.Optional(Type.String({ format: 'uuid' })), tenantId: Type.Optional(Type.String({ format: 'uuid' })) }) },
    handler: (req) => {
      const q = req.query as { invoiceId?: string; tenantId?: string };
      return r.payments.list(req.ctx.tenantsNamed('tenantId', q.tenantId), q.invoiceId);
    },
  });

  ctx.routes.add({
    method: 'POST',
    url: '/webhooks/:configId',
    public: true,
    tenantScoped: false,
    rawBody: true,
    bodyLimit: WEBHOOK_BODY_LIMIT,
    schema: { summary: "A payment provider's webhook for one configuration (signature checked by the provider plugin)", tags: ['billing'], params: Type.Object({ configId: Type.String({ maxLength: 100 }) }) },
    async handler(req, reply) {
      const { configId } = req.params as { configId: string };
      const config = UUID.test(configId) ? await r.configs.get(configId) : null;
      const provider = config ? r.catalog.find(config.providerId) : undefined;
      if (!config || !provider) throw new ProblemError(404, 'not_found', 'No payment configuration here');
      const webhookUrl = r.configs.webhookUrl(config.id);
      const parsed = await parsePaymentWebhook(
        provider,
        r.configs.open(config),
        {
          method: req.method,
          url: `${ctx.kernel.baseUrl.replace(/\/+$/, '')}${req.url}`,
          headers: Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k.toLowerCase(), Array.isArray(v) ? v.join(', ') : v])),
          rawBody: Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0),
        },
        webhookUrl,
      );
      if (!parsed.ok) throw new ProblemError(parsed.status, parsed.status === 401 ? 'invalid_signature' : 'invalid_webhook', parsed.message);
      const result = await r.webhooks.apply(config.id, parsed.events, (entry, em) => r.deps().audit.record({ ...entry, actorType: 'system', actorId: `webhook:${config.providerId}` }, em));
      return reply.status(200).send(result);
    },
  });
}
