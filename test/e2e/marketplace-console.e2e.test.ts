import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { TenantInfo } from '@platform/sdk';
import { createTestKernel, startFakeHttpServer, type FakeHttpServer, type TestClient, type TestKernel } from '@platform/sdk/testing';
import featureFlags from '@platform/plugin-feature-flags';
import { createMarketplacePlugin } from '@platform/plugin-marketplace';
import { signWebhookBody } from '../../plugins/marketplace/src/integrations/webhook-signature.ts';
import messaging from '@platform/plugin-messaging';
import { assertBrowserTestPrerequisites, launchChromium, screenshotIfFailed, SHOTS, ui } from './browser.ts';
import { consoleKernelConfig } from './console-kernel-config.ts';
import { walkMenu, watchApi } from './menu-walk.ts';
import { signedInPage } from './tenant-console-fixture.ts';

/**
 * The marketplace in the console (issue 18, items 4 and 6), in Chromium: a tenant admin finds an SMS credit bundle
 * in the Marketplace, buys it through the confirmation (price, and a note that billing is not installed), and sees it
 * in "My add-ons" with the credits in the balance; no answer of 400 or more, and no platform route called. A platform
 * admin creates a monthly add-on in the catalog and publishes it (confirmed); the tenant admin buys it and cancels it,
 * the confirmation showing the refund. The tenant admin connects Shopify (a refused token shows on its field, a good one
 * gives the signing secret once) and sees the last webhook delivery's status.
 */
describe('marketplace console (browser)', () => {
  let t: TestKernel;
  let url: string;
  let acme: TenantInfo;
  let acmeAdmin: TestClient;
  let admin: TestClient;
  let member: TestClient;
  let browser: Browser;
  let shopify: FakeHttpServer;
  let page: Page;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    assertBrowserTestPrerequisites();
    mkdirSync(SHOTS, { recursive: true });
    shopify = await startFakeHttpServer((req, res) => {
      res.setHeader('content-type', 'application/json');
      if (req.headers['x-shopify-access-token'] !== 'shpat_e2e_good_token') return void ((res.statusCode = 401), res.end('{"errors":"Invalid API key or access token"}'));
      res.end(JSON.stringify({ shop: { id: 1, name: 'Acme Store' } }));
    });
    const marketplace = createMarketplacePlugin({ shopifyApiBaseUrl: (shop) => `${shopify.url}/${shop}` });
    t = await createTestKernel({ plugins: [messaging, featureFlags, marketplace], serveConsole: true, config: consoleKernelConfig() });
    url = await t.kernel.app.listen({ port: 0, host: '127.0.0.1' });
    acme = await t.tenant('acme-corp');
    await t.inject({ method: 'PATCH', url: `/api/tenants/${acme.id}`, payload: { name: 'Acme Corp' } });
    const addon = await t.inject({
      method: 'POST', url: '/api/marketplace/addons',
      payload: { name: '1,000 SMS credits', summary: 'Top up your SMS balance', description: 'One thousand SMS credits, added at once.', kind: 'sms_credits', provision: { credits: 1000 }, pricing: 'one_off', amountMinor: 1500, currency: 'USD' },
    });
    expect(addon.statusCode, addon.body).toBe(201);
    expect((await t.inject({ method: 'POST', url: `/api/marketplace/addons/${addon.json().id}/status`, payload: { status: 'published' } })).statusCode).toBe(200);
    const draft = await t.inject({ method: 'POST', url: '/api/marketplace/addons', payload: { name: 'Secret draft bundle', kind: 'sms_credits', provision: { credits: 5 }, pricing: 'one_off', amountMinor: 1, currency: 'USD' } });
    expect(draft.statusCode).toBe(201);
    acmeAdmin = await t.signIn({ role: 'tenant_admin', tenant: 'acme-corp' });
    admin = await t.signIn({ role: 'admin' });
    member = await t.signIn({ role: 'tenant_member', tenant: 'acme-corp' });
    browser = await launchChromium();
  }, 180_000);

  afterEach(async (ctx) => {
    await screenshotIfFailed(page, ctx, 'marketplace-');
  });

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await t?.close();
    await shopify?.close();
  }, 120_000);

  it('a tenant admin buys an SMS credit bundle and sees it in My add-ons', async () => {
    const s = await signedInPage(browser, url, acmeAdmin);
    contexts.push(s.context);
    page = s.page;
    const api = watchApi(page);
    const calls: string[] = [];
    page.on('request', (req) => {
      if (req.url().includes('/api/')) calls.push(`${req.method()} ${new URL(req.url()).pathname}`);
    });
    await page.goto(`${url}/`);
    await page.getByRole('heading', { name: 'Acme Corp', level: 1 }).waitFor();
    await page.locator('a[data-nav-item]').first().waitFor();
    const folded = page.locator('[data-nav-section][aria-expanded="false"]');
    for (let guard = 0; guard < 20 && (await folded.count()) > 0; guard++) await folded.first().click();
    // Staff pages are not in a tenant admin's menu.
    expect(await page.locator('a[data-nav-item]', { hasText: 'Marketplace catalog' }).count()).toBe(0);
    await page.locator('a[data-nav-item]', { hasText: /^Marketplace$/ }).click();
    await page.getByLabel('Search add-ons').fill('sms');
    const card = page.getByTestId('store-addons').getByText('1,000 SMS credits');
    await ui(card).toBeVisible();
    expect(await page.content()).not.toContain('Secret draft bundle');
    await page.screenshot({ path: join(SHOTS, 'marketplace-01-store.png'), fullPage: true });
    await card.click();
    await ui(page.getByText('One thousand SMS credits, added at once.')).toBeVisible();
    await page.getByRole('button', { name: 'Buy' }).click();
    const dialog = page.getByRole('dialog');
    await ui(dialog.getByTestId('buy-price').getByText('USD 15.00 one-off')).toBeVisible();
    await ui(dialog.getByTestId('no-billing')).toBeVisible();
    await page.screenshot({ path: join(SHOTS, 'marketplace-02-confirm.png'), fullPage: true });
    await dialog.getByRole('button', { name: 'Confirm purchase' }).click();
    const row = page.getByTestId('my-addons').getByRole('row').filter({ hasText: '1,000 SMS credits' });
    await ui(row).toBeVisible();
    expect(await row.innerText()).toMatch(/active/);
    expect(await row.innerText()).toContain('USD 15.00 one-off');
    await api.settled();
    await page.screenshot({ path: join(SHOTS, 'marketplace-03-my-addons.png'), fullPage: true });

    const purchases = (await acmeAdmin.inject('/api/marketplace/my/purchases')).json();
    expect(purchases).toHaveLength(1);
    expect(purchases[0]).toMatchObject({ status: 'active', amountMinor: 1500, tenantId: acme.id });
    expect((await acmeAdmin.inject('/api/messaging/my/credits')).json().balance).toBe(1000);
    expect(api.failures.map((f) => f.text)).toEqual([]);
    // Tenant pages never call platform-only routes.
    const marketplaceCalls = calls.filter((c) => c.includes('/api/marketplace/'));
    expect(marketplaceCalls.length).toBeGreaterThan(0);
    expect(marketplaceCalls.filter((c) => !/\/api\/marketplace\/(store|my|integration-types)/.test(c))).toEqual([]);
  }, 180_000);

  it('a platform admin creates and publishes an add-on; the tenant admin buys it and cancels it, seeing the refund first', async () => {
    const s1 = await signedInPage(browser, url, admin);
    contexts.push(s1.context);
    page = s1.page;
    const staffApi = watchApi(page);
    await page.goto(`${url}/marketplace/addons/create`);
    await page.getByLabel(/^Name/).fill('Monthly 250 SMS');
    await page.getByLabel(/^Summary/).fill('250 credits every month');
    await page.getByLabel(/^Kind/).click();
    await page.getByRole('option', { name: 'SMS credits' }).click();
    await page.getByLabel(/^Credits/).fill('250');
    await page.getByLabel(/^Pricing/).click();
    await page.getByRole('option', { name: 'Monthly' }).click();
    await page.getByLabel(/^Price \(minor units/).fill('900');
    await page.screenshot({ path: join(SHOTS, 'marketplace-04-staff-create.png'), fullPage: true });
    await page.getByRole('button', { name: 'Save' }).click();
    await ui(page.getByRole('button', { name: 'Publish' })).toBeVisible();
    await page.getByRole('button', { name: 'Publish' }).click();
    await ui(page.getByText('Tenants on the allowed plans can buy it at once.')).toBeVisible();
    await page.getByRole('button', { name: 'Confirm' }).click();
    await ui(page.getByRole('button', { name: 'Suspend' })).toBeVisible();
    await staffApi.settled();
    await page.screenshot({ path: join(SHOTS, 'marketplace-05-staff-published.png'), fullPage: true });
    const [created] = (await t.inject(`/api/marketplace/addons?filter=${encodeURIComponent('{"q":"Monthly 250"}')}`)).json();
    expect(created).toMatchObject({ status: 'published', kind: 'sms_credits', provision: { credits: 250 }, pricing: 'monthly', amountMinor: 900, currency: 'USD' });
    expect(staffApi.failures.map((f) => f.text)).toEqual([]);

    const s2 = await signedInPage(browser, url, acmeAdmin);
    contexts.push(s2.context);
    page = s2.page;
    const api = watchApi(page);
    await page.goto(`${url}/marketplace/store/${created.id}`);
    await page.getByRole('button', { name: 'Buy' }).click();
    await ui(page.getByRole('dialog').getByTestId('buy-price').getByText('USD 9.00 per month')).toBeVisible();
    await page.getByRole('dialog').getByRole('button', { name: 'Confirm purchase' }).click();
    const row = page.getByTestId('my-addons').getByRole('row').filter({ hasText: 'Monthly 250 SMS' });
    await ui(row).toBeVisible();
    await row.getByRole('button', { name: 'Cancel' }).click();
    const dialog = page.getByRole('dialog');
    await ui(dialog.getByTestId('cancel-refund').getByText(/back on your next invoice/)).toBeVisible();
    const [purchase] = (await acmeAdmin.inject(`/api/marketplace/my/purchases?filter=${encodeURIComponent(JSON.stringify({ addonId: created.id }))}`)).json();
    const detail = (await acmeAdmin.inject(`/api/marketplace/my/purchases/${purchase.id}`)).json();
    expect(await dialog.getByTestId('cancel-refund').innerText()).toContain(`USD ${(detail.cancellation.refundMinor / 100).toFixed(2)}`);
    await page.screenshot({ path: join(SHOTS, 'marketplace-06-cancel-confirm.png'), fullPage: true });
    await dialog.getByRole('button', { name: 'Confirm cancellation' }).click();
    await ui(row.getByText('cancelled')).toBeVisible();
    await api.settled();
    const after = (await acmeAdmin.inject(`/api/marketplace/my/purchases/${purchase.id}`)).json();
    expect(after).toMatchObject({ status: 'cancelled', refundMinor: detail.cancellation.refundMinor });
    expect(api.failures.map((f) => f.text)).toEqual([]);
  }, 180_000);

  it('a tenant admin connects Shopify, sees the signing secret once and the last delivery status', async () => {
    const s3 = await signedInPage(browser, url, acmeAdmin);
    contexts.push(s3.context);
    page = s3.page;
    await page.goto(`${url}/marketplace/integrations`);
    await page.getByRole('button', { name: 'Connect' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel(/^shopDomain/).fill('acme.myshopify.com');
    await dialog.getByLabel(/^accessToken/).fill('shpat_e2e_wrong_token');
    await dialog.getByRole('button', { name: 'Check and connect' }).click();
    await ui(dialog.getByText(/Shopify refused the access token/)).toBeVisible();
    await page.screenshot({ path: join(SHOTS, 'marketplace-07-connect-refused.png'), fullPage: true });
    await dialog.getByLabel(/^accessToken/).fill('shpat_e2e_good_token');
    await dialog.getByRole('button', { name: 'Check and connect' }).click();
    await ui(page.getByTestId('webhook-secret')).toBeVisible();
    const secret = /whsec_[A-Za-z0-9_-]+/.exec(await page.getByTestId('webhook-secret').innerText())![0];
    const card = page.getByTestId('integration');
    await ui(card.getByText(/Connected to Acme Store/)).toBeVisible();
    await ui(card.getByText('none yet')).toBeVisible();
    const [integration] = (await acmeAdmin.inject('/api/marketplace/my/integrations')).json();
    const body = JSON.stringify({ id: 7, topic: 'orders/create' });
    const delivered = await fetch(integration.webhookUrl.replace(/^https?:\/\/[^/]+/, url), { method: 'POST', headers: { 'content-type': 'application/json', 'x-platform-signature': signWebhookBody(secret, body) }, body });
    expect(delivered.status).toBe(202);
    await page.reload();
    await ui(page.getByTestId('integration').getByText('accepted')).toBeVisible();
    await page.screenshot({ path: join(SHOTS, 'marketplace-08-integration.png'), fullPage: true });
  }, 180_000);

  it('staff, a tenant admin and a tenant member walk their whole menu without a refused call; a member sees no Buy', async () => {
    for (const [who, client] of [['staff', admin], ['tenant-admin', acmeAdmin], ['tenant-member', member]] as const) {
      const s4 = await signedInPage(browser, url, client);
      contexts.push(s4.context);
      page = s4.page;
      const api = watchApi(page);
      await page.goto(`${url}/`);
      await page.locator('a[data-nav-item]').first().waitFor();
      const { entries, problems } = await walkMenu(page, `marketplace-walk-${who}`, api);
      expect(problems, who).toEqual([]);
      const labels = entries.map((e) => e.label);
      if (who === 'staff') expect(labels).toEqual(expect.arrayContaining(['Marketplace catalog', 'Add-on purchases']));
      else expect(labels).toEqual(expect.arrayContaining(['Marketplace', 'My add-ons']));
      if (who === 'tenant-member') {
        expect(labels).not.toContain('Integrations');
        const [addon] = (await client.inject('/api/marketplace/store/addons')).json();
        await page.goto(`${url}/marketplace/store/${addon.id}`);
        await ui(page.getByText(addon.name).first()).toBeVisible();
        await api.settled();
        expect(await page.getByRole('button', { name: 'Buy' }).count()).toBe(0);
      }
    }
  }, 240_000);
});
