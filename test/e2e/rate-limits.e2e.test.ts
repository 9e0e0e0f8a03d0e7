import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { createTestKernel, type TestClient, type TestKernel } from '@platform/sdk/testing';
import { streamPlugin } from '../kernel/support/stream-plugin.ts';
import { assertBrowserTestPrerequisites, launchChromium, SHOTS, ui, openPage, screenshotIfFailed } from './browser.ts';
import { signInToConsole } from './console-sign-in.ts';

/**
 * The rate-limit editor and the throttled-requests view in Chromium: staff add a plan policy, see a field
 * error from the server, add a tenant override that throttles the tenant, and find the refusals per tenant.
 */
describe('rate limits console (browser)', () => {
  let t: TestKernel;
  let url: string;
  let browser: Browser;
  let page: Page;
  let member: TestClient;
  let step = 0;
  const shot = async (name: string) => {
    step++;
    await page.screenshot({ path: join(SHOTS, `rate-limits-${String(step).padStart(2, '0')}-${name}.png`), fullPage: true });
  };
  const menuItem = (name: string) => page.getByRole('menuitem', { name, exact: true }).or(page.getByRole('link', { name, exact: true }));

  beforeAll(async () => {
    assertBrowserTestPrerequisites();
    mkdirSync(SHOTS, { recursive: true });
    t = await createTestKernel({ plugins: [streamPlugin], serveConsole: true, config: { logLevel: process.env.TEST_LOG_LEVEL ?? 'silent' } });
    member = await t.signIn({ role: 'tenant_member', tenant: 'throttled-shop' });
    url = await t.kernel.app.listen({ port: 0, host: '127.0.0.1' });
    browser = await launchChromium();
    page = await openPage(browser);
  }, 120_000);

  afterEach(async (ctx) => {
    await screenshotIfFailed(page, ctx);
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('creates a plan policy, showing the server’s field error until the input is right', async () => {
    await signInToConsole(page, url);
    await menuItem('Rate limits').click();
    await ui(page.getByText('No rate limits')).toBeVisible();
    await shot('empty');

    await page.getByRole('link', { name: 'New rate limit' }).first().click();
    await page.getByLabel('Plan key').fill('Pro Plan'); // not a plan key: the server names the field
    await page.getByLabel('Requests per second').fill('25');
    await page.getByLabel('Burst').fill('50');
    await page.getByRole('button', { name: 'Save' }).click();
    await ui(page.getByText(/planKey must be a plan key/).first()).toBeVisible();
    await shot('field-error');

    await page.getByLabel('Plan key').fill('pro');
    await page.getByLabel('Concurrent streams').fill('3');
    await page.getByRole('button', { name: 'Save' }).click();
    const row = page.getByRole('row', { name: /Plan pro/ });
    await ui(row).toBeVisible();
    await ui(row.getByText('25', { exact: true })).toBeVisible();
    await ui(row.getByText('50', { exact: true })).toBeVisible();
    await shot('plan-policy');
    const [stored] = await t.sql<{ requests_per_second: number; burst: number; concurrent_streams: number }>(`SELECT requests_per_second, burst, concurrent_streams FROM kernel_rate_limit_policies WHERE plan_key = 'pro'`);
    expect(stored).toEqual({ requests_per_second: 25, burst: 50, concurrent_streams: 3 });
  });

  it('adds a tenant override, edits it, and shows the throttled requests it caused', async () => {
    await page.getByRole('link', { name: 'New rate limit' }).first().click();
    await page.getByLabel('One tenant (override)').check();
    await page.locator('form').getByRole('combobox', { name: 'Tenant' }).fill('throttled');
    await page.getByRole('listbox').getByRole('option', { name: 'throttled shop' }).click();
    await page.getByLabel('Requests per second').fill('1');
    await page.getByLabel('Burst').fill('1');
    await page.getByLabel('Note').fill('abuse report 42');
    await page.getByRole('button', { name: 'Save' }).click();
    const row = page.getByRole('row', { name: /Tenant throttled shop/ });
    await ui(row).toBeVisible();
    await ui(row.getByText('abuse report 42')).toBeVisible();

    // Edit: the burst goes to 2.
    await row.click();
    await ui(page.getByText(/Rate limit: tenant override/)).toBeVisible();
    await vi.waitFor(async () => expect(await page.getByLabel('Burst').inputValue()).toBe('1'), { timeout: 10_000, interval: 100 });
    await page.getByLabel('Burst').fill('2');
    await page.getByRole('button', { name: 'Save' }).click();
    await ui(page.getByRole('row', { name: /Tenant throttled shop/ }).getByText('2', { exact: true })).toBeVisible();
    await shot('override');

    // The tenant goes over its limit.
    const answers = [];
    for (let i = 0; i < 8; i++) answers.push((await member.inject('/api/stream-fixture/ping')).statusCode);
    expect(answers.filter((s) => s === 429).length).toBeGreaterThan(0);

    await menuItem('Throttled requests').click();
    const tenantRow = page.getByRole('row', { name: /throttled shop/ });
    await ui(tenantRow).toBeVisible();
    const refused = answers.filter((s) => s === 429).length;
    await ui(tenantRow.getByText(String(refused), { exact: true }).first()).toBeVisible();
    await tenantRow.click();
    await ui(page.getByRole('table', { name: /Throttled requests of throttled shop per minute/ })).toBeVisible();
    await shot('throttled');
  });
});
