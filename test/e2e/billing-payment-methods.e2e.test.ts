import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createTestKernel, startFakeHttpServer, type FakeHttpServer, type TestClient, type TestKernel } from '@platform/sdk/testing';
import plans from '@platform/plugin-plans';
import { createBillingPlugin } from '@platform/plugin-billing';
import paystack from '@platform/plugin-payment-paystack';
import { assertBrowserTestPrerequisites, launchChromium, screenshotIfFailed, SHOTS, ui } from './browser.ts';
import { signedInPage } from './tenant-console-fixture.ts';
import { watchApi } from './menu-walk.ts';
import { consoleKernelConfig } from './console-kernel-config.ts';
import { AUTHORIZATION_CODE, CUSTOMER_EMAIL, paystackApi, SECRET_KEY } from '../../plugins/payment-paystack/test/paystack-fake-api.ts';

const SECOND_CARD = 'AUTH_s3cond4242';

/**
 * Saved cards on the tenant's Billing page (issue 18), in Chromium, with the Paystack plugin against its local fake:
 * a tenant admin sees its reusable cards, makes one the card invoices are charged to, removes the other, and starts
 * adding a card (a link to the provider's secure page), with no refused call.
 */
describe('billing payment methods (browser)', () => {
  let t: TestKernel;
  let url: string;
  let browser: Browser;
  let page: Page;
  let fake: FakeHttpServer;
  let tenantAdmin: TestClient;
  const contexts: BrowserContext[] = [];
  const open = async (client: TestClient) => {
    const s = await signedInPage(browser, url, client);
    contexts.push(s.context);
    page = s.page;
    return watchApi(page);
  };

  beforeAll(async () => {
    assertBrowserTestPrerequisites();
    mkdirSync(SHOTS, { recursive: true });
    fake = await startFakeHttpServer(paystackApi({ charge: 'success', authorizations: ['AUTH_0ld0000000', AUTHORIZATION_CODE, SECOND_CARD] }));
    t = await createTestKernel({ plugins: [plans, createBillingPlugin(), paystack], serveConsole: true, config: consoleKernelConfig() });
    url = await t.kernel.app.listen({ port: 0, host: '127.0.0.1' });
    const acme = await t.tenant('acme-corp');
    expect((await t.inject({ method: 'POST', url: '/api/billing/payment-configs', payload: { providerId: 'paystack', name: 'Paystack', settings: { baseUrl: fake.url, secretKey: SECRET_KEY }, isDefault: true } })).statusCode).toBe(201);
    expect((await t.inject({ method: 'PUT', url: '/api/billing/account', headers: { 'x-tenant-id': acme.id }, payload: { cycle: 'monthly', anchorDay: 1, currency: 'NGN', contactEmail: CUSTOMER_EMAIL } })).statusCode).toBe(200);
    tenantAdmin = await t.signIn({ role: 'tenant_admin', tenant: 'acme-corp' });
    // The tenant's Paystack customer exists once a setup was started (or a first payment made).
    expect((await tenantAdmin.inject({ method: 'POST', url: '/api/billing/payment-methods/setup' })).statusCode).toBe(200);
    browser = await launchChromium();
  }, 180_000);

  afterEach(async (ctx) => {
    await screenshotIfFailed(page, ctx, 'billing-payment-methods-');
  });

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await t?.close();
    await fake?.close();
  }, 120_000);

  it('a tenant admin makes a card the one invoices are charged to, removes another, and starts adding one', async () => {
    const watched = await open(tenantAdmin);
    await page.goto(`${url}/billing/my`);
    const cards = page.getByTestId('payment-methods');
    await ui(cards.getByTestId(`payment-method-${AUTHORIZATION_CODE}`)).toBeVisible();
    await ui(cards.getByTestId(`payment-method-${SECOND_CARD}`).getByText('expires 12/2030')).toBeVisible();
    await cards.getByTestId(`payment-method-${SECOND_CARD}`).getByRole('button', { name: 'Make default' }).click();
    await ui(cards.getByTestId(`payment-method-${SECOND_CARD}`).getByText('charged for invoices')).toBeVisible();
    expect(await t.sql('SELECT payment_method_ref FROM billing_customers')).toEqual([{ payment_method_ref: SECOND_CARD }]);
    await cards.getByTestId(`payment-method-${AUTHORIZATION_CODE}`).getByRole('button', { name: 'Remove' }).click();
    await ui(cards.getByTestId(`payment-method-${AUTHORIZATION_CODE}`)).toHaveCount(0);
    expect(fake.requests.filter((r) => r.path === '/customer/deactivate_authorization').map((r) => r.json())).toEqual([{ authorization_code: AUTHORIZATION_CODE }]);
    await cards.getByTestId('add-payment-method').click();
    await ui(cards.getByTestId('payment-method-setup').getByRole('link')).toBeVisible();
    expect(await cards.getByTestId('payment-method-setup').getByRole('link').getAttribute('href')).toMatch(/^https:\/\/checkout\.paystack\.com\//);
    await page.screenshot({ path: join(SHOTS, 'billing-payment-methods-01.png'), fullPage: true });
    await watched.settled();
    expect(watched.failures).toEqual([]);
    const trail = await t.sql<{ action: string }>("SELECT action FROM audit WHERE action LIKE 'billing.payment_method.%' ORDER BY id");
    expect(trail.map((e) => e.action)).toEqual(['billing.payment_method.setup_started', 'billing.payment_method.default_set', 'billing.payment_method.removed', 'billing.payment_method.setup_started']);
  });
});
