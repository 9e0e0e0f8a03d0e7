import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { TenantInfo } from '@platform/sdk';
import { createTestKernel, type TestClient, type TestKernel } from '@platform/sdk/testing';
import plans from '@platform/plugin-plans';
import { createBillingPlugin } from '@platform/plugin-billing';
import { assertBrowserTestPrerequisites, launchChromium, screenshotIfFailed, SHOTS, ui } from './browser.ts';
import { signedInPage } from './tenant-console-fixture.ts';
import { watchApi } from './menu-walk.ts';
import { consoleKernelConfig } from './console-kernel-config.ts';
import { fakePayPlugin } from '../../plugins/billing/test/support/fake-pay-provider.ts';

/**
 * Billing settings in the console (issue 18), in Chromium: a platform admin sees every billing account and changes
 * the selected tenant's, sets a country tax rate (a bad rate is refused naming the field), sets an overage price,
 * and adds a payment provider from the provider's own settings form (secrets as password fields, masked once saved),
 * then removes the tax rate. Each change is checked through the API and the audit trail.
 */
describe('billing settings console (browser)', () => {
  let t: TestKernel;
  let url: string;
  let browser: Browser;
  let page: Page;
  let admin: TestClient;
  let acme: TenantInfo;
  let globex: TenantInfo;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    assertBrowserTestPrerequisites();
    mkdirSync(SHOTS, { recursive: true });
    t = await createTestKernel({ plugins: [plans, createBillingPlugin({ now: () => new Date('2026-02-10T00:00:00Z') }), fakePayPlugin], serveConsole: true, config: consoleKernelConfig() });
    url = await t.kernel.app.listen({ port: 0, host: '127.0.0.1' });
    acme = await t.tenant('acme-corp');
    globex = await t.tenant('globex');
    for (const tenant of [acme, globex]) {
      const res = await t.inject({ method: 'PUT', url: '/api/billing/account', headers: { 'x-tenant-id': tenant.id }, payload: { cycle: 'monthly', anchorDay: 1, currency: 'USD', contactEmail: `billing@${tenant.slug}.test` } });
      expect(res.statusCode, res.body).toBe(200);
    }
    admin = await t.signIn({ role: 'admin' });
    browser = await launchChromium();
    const s = await signedInPage(browser, url, admin);
    contexts.push(s.context);
    page = s.page;
  }, 180_000);

  afterEach(async (ctx) => {
    await screenshotIfFailed(page, ctx, 'billing-settings-');
  });

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await t?.close();
  }, 120_000);

  it('lists every billing account and changes the selected tenant’s', async () => {
    const watched = watchApi(page);
    await page.goto(`${url}/billing/settings`);
    await ui(page.getByTestId(`account-row-${acme.id}`).getByText('billing@acme-corp.test')).toBeVisible();
    await ui(page.getByTestId(`account-row-${globex.id}`).getByText('billing@globex.test')).toBeVisible();
    await page.getByLabel('Tenant', { exact: true }).selectOption({ label: acme.name });
    await page.getByTestId('account-anchor-day').fill('15');
    await page.getByTestId('account-currency').fill('EUR');
    await page.getByTestId('account-contact').fill('ap@acme-corp.test');
    await page.getByTestId('account-country').fill('DE');
    await page.getByTestId('account-save').click();
    await ui(page.getByTestId(`account-row-${acme.id}`).getByText('ap@acme-corp.test')).toBeVisible();
    await watched.settled();
    const account = (await t.inject({ url: '/api/billing/account', headers: { 'x-tenant-id': acme.id } })).json();
    expect(account).toMatchObject({ anchorDay: 15, currency: 'EUR', contactEmail: 'ap@acme-corp.test', country: 'DE' });
    expect((await t.inject({ url: '/api/billing/account', headers: { 'x-tenant-id': globex.id } })).json()).toMatchObject({ currency: 'USD', contactEmail: 'billing@globex.test' });
    expect(await t.sql("SELECT 1 FROM audit WHERE action = 'billing.account.updated' AND tenant_id = $1", [acme.id])).toHaveLength(1);
    expect(watched.failures).toEqual([]);
  });

  it('sets a country tax rate (a bad rate is refused naming the field) and an overage price', async () => {
    await page.goto(`${url}/billing/settings`);
    await page.getByTestId('tax-target').fill('GB');
    await page.getByTestId('tax-label').fill('VAT');
    await page.getByTestId('tax-rate-bp').fill('twenty');
    await page.getByTestId('tax-save').click();
    await ui(page.getByText(/rateBp/).first()).toBeVisible();
    expect((await t.inject('/api/billing/tax-rates')).json()).toEqual([]);
    await page.getByTestId('tax-rate-bp').fill('2000');
    await page.getByTestId('tax-save').click();
    await ui(page.getByTestId('tax-rate-row-GB').getByText('20.00 %')).toBeVisible();
    expect((await t.inject('/api/billing/tax-rates')).json()).toEqual([expect.objectContaining({ country: 'GB', label: 'VAT', rateBp: 2000, mode: 'exclusive' })]);

    await page.getByTestId('meter-key').fill('sms.monthly');
    await page.getByTestId('meter-unit-price').fill('5');
    await page.getByTestId('meter-save').click();
    await ui(page.getByTestId('meter-price-row-sms.monthly').getByText('USD 0.05')).toBeVisible();
    expect((await t.inject('/api/billing/meter-prices')).json()).toEqual([expect.objectContaining({ meter: 'sms.monthly', currency: 'USD', unitPriceMinor: 5 })]);
    await page.screenshot({ path: join(SHOTS, 'billing-settings-01-rates.png'), fullPage: true });
  });

  it("adds a payment provider from its settings form (secrets masked once saved), then removes the tax rate", async () => {
    await page.goto(`${url}/billing/settings`);
    await page.getByTestId('payment-configs').getByRole('combobox', { name: 'Provider' }).click();
    await page.getByRole('option', { name: 'FakePay' }).click();
    await page.getByTestId('config-name').fill('FakePay live');
    await page.getByTestId('config-setting-baseUrl').fill('http://127.0.0.1:9');
    expect(await page.getByTestId('config-setting-apiKey').getAttribute('type')).toBe('password');
    await page.getByTestId('config-setting-apiKey').fill('key_live_secret');
    await page.getByTestId('config-setting-webhookSecret').fill('whsec_live_secret');
    await page.getByTestId('config-save').click();
    const row = page.getByTestId('payment-config-row-FakePay live');
    await ui(row.getByText('default')).toBeVisible();
    const [config] = (await t.inject('/api/billing/payment-configs')).json();
    await ui(row.getByText(config.webhookUrl)).toBeVisible();
    expect(JSON.stringify(config.settings)).not.toContain('key_live_secret');
    await expect(page.content()).resolves.not.toContain('key_live_secret');

    await page.getByTestId('tax-rate-row-GB').getByRole('button', { name: 'Remove' }).click();
    await ui(page.getByTestId('tax-rate-row-GB')).toHaveCount(0);
    expect((await t.inject('/api/billing/tax-rates')).json()).toEqual([]);
    const trail = await t.sql<{ action: string }>("SELECT action FROM audit WHERE action IN ('billing.tax_rate.set', 'billing.tax_rate.removed', 'billing.meter_price.set', 'billing.payment_config.created') ORDER BY id");
    expect(trail.map((e) => e.action)).toEqual(['billing.tax_rate.set', 'billing.meter_price.set', 'billing.payment_config.created', 'billing.tax_rate.removed']);
    await page.screenshot({ path: join(SHOTS, 'billing-settings-02-provider.png'), fullPage: true });
  });
});
