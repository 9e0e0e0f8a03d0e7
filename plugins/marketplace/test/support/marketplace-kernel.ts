import { definePlugin, type PluginManifest } from '@platform/sdk';
import { BILLING_CHARGES, type BillableCharge, type BillingCharges } from '@platform/sdk/billing';
import { createTestKernel, type TestClient, type TestKernel } from '@platform/sdk/testing';
import { createMessagingPlugin } from '@platform/plugin-messaging';
import featureFlags from '@platform/plugin-feature-flags';
import { createMarketplacePlugin, MARKETPLACE_SERVICE } from '../../src/index.ts';
import type { MarketplaceService } from '../../src/purchases/purchase-service.ts';

/** A tenant-scoped plugin, off unless enabled, with one route that answers when it is on for the caller's tenant. */
export const reportsPro: PluginManifest = definePlugin({
  name: 'reports-pro',
  version: '1.0.0',
  kernel: '^0.1.0',
  scope: 'tenant',
  defaultEnabled: false,
  permissions: [{ key: 'reports-pro.read', label: 'Read pro reports', scope: 'tenant', grantTo: ['tenant_admin'] }],
  boot(ctx) {
    ctx.routes.add({ method: 'GET', url: '/summary', permission: 'reports-pro.read', tenantScoped: true, handler: async (req) => ({ tenantId: req.ctx.tenantId, pro: true }) });
  },
});

/** A platform-wide plugin: cannot be sold per tenant. */
export const platformThing: PluginManifest = definePlugin({ name: 'platform-thing', version: '1.0.0', kernel: '^0.1.0', scope: 'platform' });

/** Reads the marketplace's service out of the kernel it boots in (tests run the jobs' work through it). */
function serviceProbe(holder: { service?: MarketplaceService }): PluginManifest {
  return definePlugin({
    name: 'marketplace-probe', version: '1.0.0', kernel: '^0.1.0', dependsOn: ['marketplace'],
    boot(ctx) {
      holder.service = ctx.resolve<MarketplaceService>(MARKETPLACE_SERVICE);
    },
  });
}

export interface RecordedCharge extends BillableCharge {
  id: string;
}

/** A stand-in billing plugin providing BILLING_CHARGES: records charges (idempotent on source + sourceId) and previews them. */
export function recordingBilling(): { plugin: PluginManifest; charges: RecordedCharge[] } {
  const charges: RecordedCharge[] = [];
  const service: BillingCharges = {
    async addCharge(charge) {
      const first = charges.find((c) => c.source === charge.source && c.sourceId === charge.sourceId);
      if (first) return { id: first.id, created: false };
      const id = `ch_${charges.length + 1}`;
      charges.push({ ...charge, id });
      return { id, created: true };
    },
    async previewNextInvoice(tenantId, extra = []) {
      const lines = [{ description: 'Plan: Growth', amountMinor: 4900 }, ...charges.filter((c) => c.tenantId === tenantId).map((c) => ({ description: c.description, amountMinor: c.amountMinor })), ...extra];
      const subtotal = lines.reduce((sum, l) => sum + l.amountMinor, 0);
      return { currency: 'USD', periodStart: '2026-04-01', periodEnd: '2026-04-30', issueDate: '2026-04-01', lines, subtotalMinor: subtotal, taxMinor: 0, totalMinor: subtotal };
    },
  };
  return { charges, plugin: definePlugin({ name: 'recording-billing', version: '1.0.0', kernel: '^0.1.0', register: (ctx) => ctx.provide(BILLING_CHARGES, service) }) };
}

export interface MarketplaceKernel {
  t: TestKernel;
  alice: TestClient;
  bob: TestClient;
  aId: string;
  bId: string;
  service: MarketplaceService;
  clock: { now: number };
}

/** A real kernel with messaging (the credit ledger), feature flags, the marketplace and two tenant admins. */
export async function createMarketplaceKernel(extra: PluginManifest[] = [], opts: { slugs?: [string, string]; shopifyApiBaseUrl?: (shop: string) => string } = {}): Promise<MarketplaceKernel> {
  const clock = { now: Date.parse('2026-03-10T12:00:00Z') };
  const holder: { service?: MarketplaceService } = {};
  const t = await createTestKernel({
    plugins: [createMessagingPlugin({ clock: () => clock.now }), featureFlags, createMarketplacePlugin({ clock: () => clock.now, ...(opts.shopifyApiBaseUrl ? { shopifyApiBaseUrl: opts.shopifyApiBaseUrl } : {}) }), reportsPro, platformThing, serviceProbe(holder), ...extra],
  });
  const [a, b] = opts.slugs ?? ['mk-a', 'mk-b'];
  const alice = await t.signIn({ role: 'tenant_admin', tenant: a });
  const bob = await t.signIn({ role: 'tenant_admin', tenant: b });
  return { t, alice, bob, aId: alice.tenant!.id, bId: bob.tenant!.id, service: holder.service!, clock };
}

/** Creates an add-on as staff and publishes it; returns its id. */
export async function publishedAddon(t: TestKernel, body: Record<string, unknown>): Promise<string> {
  const created = await t.inject({ method: 'POST', url: '/api/marketplace/addons', payload: { summary: 'S', description: 'D', currency: 'USD', ...body } });
  if (created.statusCode !== 201) throw new Error(`create: ${created.statusCode} ${created.body}`);
  const id = created.json().id;
  const published = await t.inject({ method: 'POST', url: `/api/marketplace/addons/${id}/status`, payload: { status: 'published' } });
  if (published.statusCode !== 200) throw new Error(`publish: ${published.statusCode} ${published.body}`);
  return id;
}
