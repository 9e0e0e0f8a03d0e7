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
import { fakePayPlugin, startFakePayApi } from '../../plugins/billing/test/support/fake-pay-provider.ts';

/**
 * Billing in the console (issue 18), in Chromium: a platform admin opens an invoice and records a bank transfer
 * with a reason (confirmed) and sees it paid; a tenant admin opens "Billing", sees the plan, the projected invoice
 * and only its own invoices, pays one through the payment provider and sees the payment in its history, with no
 * 4xx/5xx answer (the page calls tenant routes only).
 */
describe('billing console (browser)', () => {
  let t: TestKernel;
  let url: string;
  let browser: Browser;
  let page: Page;
  let admin: TestClient;
  let acmeAdmin: TestClient;
  let acme: TenantInfo;
  let globex: TenantInfo;
  let api: Awaited<ReturnType<typeof startFakePayApi>>;
  let clock = new Date('2026-02-10T00:00:00Z').getTime();
  const contexts: BrowserContext[] = [];
  const open = async (client: TestClient) => {
    const s = await signedInPage(browser, url, client);
    contexts.push(s.context);
    page = s.page;
    return watchApi(page);
  };
  const ok = async (res: Promise<{ statusCode: number; body: string; json(): any }>) => {
    const r = await res;
    expect([200, 201], r.body).toContain(r.statusCode);
    return r.json();
  };

  beforeAll(async () => {
    assertBrowserTestPrerequisites();
    mkdirSync(SHOTS, { recursive: true });
    api = await startFakePayApi();
    t = await createTestKernel({ plugins: [plans, createBillingPlugin({ now: () => new Date(clock) }), fakePayPlugin], serveConsole: true, config: consoleKernelConfig() });
    url = await t.kernel.app.listen({ port: 0, host: '127.0.0.1' });
    acme = await t.tenant('acme-corp');
    globex = await t.tenant('globex');
    const pro = await ok(t.inject({ method: 'POST', url: '/api/plans/plans', payload: { key: 'pro', name: 'Pro', priceAmount: 4900, currency: 'USD', interval: 'monthly' } }));
    for (const tenant of [acme, globex]) {
      await ok(t.inject({ method: 'POST', url: '/api/plans/change', headers: { 'x-tenant-id': tenant.id }, payload: { planId: pro.id, reason: 'e2e', effectiveFrom: '2026-01-01T00:00:00Z' } }));
      await ok(t.inject({ method: 'PUT', url: '/api/billing/account', headers: { 'x-tenant-id': tenant.id }, payload: { cycle: 'monthly', anchorDay: 1, currency: 'USD', contactEmail: `billing@${tenant.slug}.test`, billingStartsOn: '2026-01-01' } }));
    }
    await ok(t.inject({ method: 'POST', url: '/api/billing/payment-configs', payload: { providerId: 'fakepay', name: 'FakePay', settings: { baseUrl: api.url, apiKey: 'key_test', webhookSecret: 'whsec_test' }, isDefault: true } }));
    await ok(t.inject({ method: 'POST', url: '/api/billing/cycle/run' }));
    clock = new Date('2026-03-05T00:00:00Z').getTime();
    await ok(t.inject({ method: 'POST', url: '/api/billing/cycle/run' }));
    admin = await t.signIn({ role: 'admin' });
    acmeAdmin = await t.signIn({ role: 'tenant_admin', tenant: 'acme-corp' });
    browser = await launchChromium();
  }, 180_000);

  afterEach(async (ctx) => {
    await screenshotIfFailed(page, ctx, 'billing-');
  });

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await t?.close();
    await api?.close();
  }, 120_000);

  it('a platform admin records a bank transfer on an invoice, confirmed with a reason, and sees it paid', async () => {
    const watched = await open(admin);
    await page.goto(`${url}/billing/invoices`);
    await ui(page.getByTestId('invoice-row-INV-000001')).toBeVisible();
    await page.getByTestId('invoice-row-INV-000001').getByRole('button', { name: 'Open' }).click();
    const dialog = page.getByRole('dialog');
    await ui(dialog.getByTestId('invoice-total').getByText('USD 49.00', { exact: true })).toBeVisible();
    await dialog.getByTestId('record-payment').click();
    await dialog.getByTestId('payment-amount').fill('4900');
    expect(await dialog.getByTestId('confirm-action').isDisabled()).toBe(true); // a reason is required
    await dialog.getByTestId('action-reason').fill('Wire ref e2e-42');
    await dialog.getByTestId('confirm-action').click();
    await ui(dialog.getByTestId('invoice-due').getByText('USD 0.00', { exact: true })).toBeVisible();
    await ui(dialog.getByText('paid', { exact: true })).toBeVisible();
    await page.screenshot({ path: join(SHOTS, 'billing-01-staff-paid.png'), fullPage: true });
    await watched.settled();
    const invoice = (await t.inject('/api/billing/invoices')).json().find((i: any) => i.number === 'INV-000001');
    expect(invoice).toMatchObject({ state: 'paid', amountPaidMinor: 4900 });
    const audit = await t.sql<{ reason: string }>("SELECT reason FROM audit WHERE target_id = $1 AND action = 'billing.invoice.paid'", [invoice.id]);
    expect(audit).toEqual([{ reason: 'Wire ref e2e-42' }]);
    expect(watched.failures).toEqual([]);
  });

  it("a tenant admin sees its plan, projected invoice and own invoices, pays one, and never calls a platform route", async () => {
    const watched = await open(acmeAdmin);
    await page.goto(`${url}/billing/my`);
    await ui(page.getByTestId('my-plan').getByText('Pro', { exact: true })).toBeVisible();
    await ui(page.getByTestId('projected-total').getByText('USD 49.00', { exact: true })).toBeVisible();
    const table = page.getByTestId('invoice-table');
    await ui(table).toBeVisible();
    const own = (await acmeAdmin.inject('/api/billing/invoices')).json();
    const others = (await t.inject({ method: 'GET', url: '/api/billing/invoices', headers: { 'x-tenant-id': globex.id } })).json();
    for (const i of others) await ui(page.getByTestId(`invoice-row-${i.number}`)).toHaveCount(0);
    const payable = own.find((i: any) => i.state === 'open');
    await page.getByTestId(`pay-${payable.number}`).click();
    await ui(page.getByTestId('payment-history').getByRole('row').filter({ hasText: 'provider' }).filter({ hasText: 'succeeded' })).toBeVisible();
    await ui(page.getByTestId(`pay-${payable.number}`)).toHaveCount(0);
    await page.screenshot({ path: join(SHOTS, 'billing-02-tenant-paid.png'), fullPage: true });
    await watched.settled();
    expect((await acmeAdmin.inject(`/api/billing/invoices/${payable.id}`)).json().state).toBe('paid');
    expect(watched.failures).toEqual([]);
  });
});
