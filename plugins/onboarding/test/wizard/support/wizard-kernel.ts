import { expect } from 'vitest';
import { definePlugin, type PluginContext, type PluginManifest } from '@platform/sdk';
import { createTestKernel, startFakeSmtpServer, type FakeSmtpServer, type TestClient, type TestKernel } from '@platform/testing';
import messaging from '@platform/plugin-messaging';
import emailSmtp from '@platform/plugin-email-smtp';
import plans from '@platform/plugin-plans';
import onboarding from '../../../src/index.ts';
import { startFakeShopify, type FakeShopify } from './fake-shopify.ts';
import { startFakeStripeConnect, type FakeStripeConnect } from './fake-stripe-connect.ts';
import { startFakeWise, type FakeWise } from './fake-wise.ts';

/** Two modules tenants switch on and off: `loyalty` (in the test plan) and `reviews` (not in it). */
export const loyaltyPlugin: PluginManifest = definePlugin({ name: 'loyalty', version: '1.0.0', kernel: '^0.1.0', description: 'Loyalty points', scope: 'tenant', defaultEnabled: false });
export const reviewsPlugin: PluginManifest = definePlugin({ name: 'reviews', version: '1.0.0', kernel: '^0.1.0', description: 'Product reviews', scope: 'tenant', defaultEnabled: false });

/** Holds a plugin context of the test kernel, to call kernel services as a plugin would. */
export const probe: { ctx: PluginContext | null } = { ctx: null };
const probePlugin: PluginManifest = definePlugin({ name: 'wizard-probe', version: '1.0.0', kernel: '^0.1.0', boot(ctx) { probe.ctx = ctx; } });

export interface WizardKernel {
  t: TestKernel;
  shopify: FakeShopify;
  stripe: FakeStripeConnect;
  wise: FakeWise;
  smtp: FakeSmtpServer;
  close(): Promise<void>;
}

export async function ok<T = any>(res: Promise<{ statusCode: number; body: string; json(): any }>): Promise<T> {
  const r = await res;
  expect([200, 201], r.body).toContain(r.statusCode);
  return r.json();
}

/**
 * A real kernel with onboarding, plans (entitlements), messaging with an SMTP provider (the welcome email) and
 * two tenant-scoped modules; the wizard's settings point at local fakes of Shopify, Stripe Connect and Wise.
 */
export async function startWizardKernel(extra: { serveConsole?: boolean; background?: boolean } = {}): Promise<WizardKernel> {
  const [shopify, stripe, wise, smtp] = await Promise.all([startFakeShopify(), startFakeStripeConnect(), startFakeWise(), startFakeSmtpServer()]);
  const t = await createTestKernel({
    plugins: [plans, messaging, emailSmtp, onboarding, loyaltyPlugin, reviewsPlugin, probePlugin],
    serveConsole: extra.serveConsole,
    background: extra.background,
    config: { logLevel: process.env.TEST_LOG_LEVEL ?? 'silent' },
  });
  await ok(
    t.inject({
      method: 'PUT',
      url: '/api/plugins/onboarding/settings',
      payload: {
        shopifyBaseUrl: shopify.url,
        shopifyApiKey: shopify.apiKey,
        shopifyApiSecret: shopify.apiSecret,
        stripeConnectBaseUrl: stripe.url,
        stripeConnectClientId: stripe.clientId,
        stripeSecretKey: stripe.secretKey,
        wiseBaseUrl: wise.url,
        importPageSize: 25,
      },
    }),
  );
  const provider = await ok(
    t.inject({ method: 'POST', url: '/api/messaging/providers', payload: { channel: 'email', providerId: 'smtp', name: 'Local SMTP', config: { host: smtp.host, port: smtp.port, security: 'none', fromEmail: 'hello@platform.test' } } }),
  );
  await ok(t.inject({ method: 'PUT', url: '/api/messaging/assignments', payload: { tenantId: null, channel: 'email', providerConfigIds: [provider.id] } }));
  return {
    t,
    shopify,
    stripe,
    wise,
    smtp,
    async close() {
      await t.close();
      await Promise.all([shopify.close(), stripe.close(), wise.close(), smtp.close()]);
    },
  };
}

/** A plan including `loyalty` (not `reviews`), assigned to the tenant. */
export async function giveLoyaltyPlan(t: TestKernel, tenantId: string): Promise<void> {
  const plan = await ok(t.inject({ method: 'POST', url: '/api/plans/plans', payload: { key: `loyalty-${tenantId.slice(0, 8)}`, name: 'With loyalty', priceAmount: 4900, currency: 'USD', interval: 'monthly', plugins: ['loyalty'] } }));
  await ok(t.inject({ method: 'POST', url: '/api/plans/change', headers: { 'x-tenant-id': tenantId }, payload: { planId: plan.id, reason: 'wizard test' } }));
}

export const BASIC_INFO = { name: 'Acme Outfitters', slug: 'acme-outfitters', domain: 'shop.acme-outfitters.com', logoUrl: 'https://cdn.acme-outfitters.com/logo.png', primaryColor: '#1a4d8f', accentColor: '#f5a623' };

/** Follows the OAuth round in-process: authorize at the fake, then the callback (with the redirect's query) as the tenant admin. */
export async function connectShopify(w: WizardKernel, admin: TestClient, scopes = ['read_orders', 'read_products']): Promise<{ statusCode: number; headers: Record<string, unknown>; body: string }> {
  const { authorizeUrl } = await ok<{ authorizeUrl: string }>(admin.inject({ method: 'POST', url: '/api/onboarding/wizard/shopify/authorize', payload: { shop: w.shopify.shop, scopes } }));
  const approval = await fetch(authorizeUrl, { redirect: 'manual' });
  const callback = new URL(approval.headers.get('location')!);
  return admin.inject({ method: 'GET', url: `${callback.pathname}${callback.search}` });
}

export async function connectStripe(admin: TestClient): Promise<{ statusCode: number; headers: Record<string, unknown>; body: string }> {
  const { authorizeUrl } = await ok<{ authorizeUrl: string }>(admin.inject({ method: 'POST', url: '/api/onboarding/wizard/stripe/authorize', payload: {} }));
  const approval = await fetch(authorizeUrl, { redirect: 'manual' });
  const callback = new URL(approval.headers.get('location')!);
  return admin.inject({ method: 'GET', url: `${callback.pathname}${callback.search}` });
}
