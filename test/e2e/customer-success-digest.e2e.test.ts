import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { definePlugin, type TenantInfo } from '@platform/sdk';
import { DIGEST_SECTIONS, KPIS, defineDigestSection, defineKpi } from '@platform/sdk/customer-health';
import { createTestKernel, type TestKernel } from '@platform/sdk/testing';
import plans from '@platform/plugin-plans';
import customerSuccess from '@platform/plugin-customer-success';
import { assertBrowserTestPrerequisites, launchChromium, SHOTS, ui, openPage, screenshotIfFailed } from './browser.ts';

const ids: { acme?: string } = {};
/** A plugin contributing a digest section with a tenant line, and a KPI (the extension points any plugin may use). */
const shop = definePlugin({
  name: 'e2e-shop',
  version: '0.1.0',
  kernel: '^0.1.0',
  register(ctx) {
    ctx.extensions.contribute(DIGEST_SECTIONS, defineDigestSection({
      id: 'gmv', label: 'GMV yesterday', order: 5,
      async compute() { return { status: 'warning', summary: 'GMV fell 30% against last week', items: ids.acme ? [{ label: 'Acme Stores', value: '-30%', tenantId: ids.acme }] : [] }; },
    }));
    ctx.extensions.contribute(KPIS, defineKpi({
      id: 'gmv', label: 'GMV', unit: 'minor-units', aggregate: 'sum',
      async measure() { return { byTenant: ids.acme ? { [ids.acme]: 125_000 } : {} }; },
    }));
  },
});

/**
 * Customer success in the console (issue 21, items 3 and 4): the daily digest page shows the contributed sections
 * with a tenant line linking to its 360 page, and a staff user sets up their digest email (a bad time zone is shown
 * on its field); the KPI page measures, draws the trends and drills down into the tenants.
 */
describe('customer success digest and KPIs (browser)', () => {
  let t: TestKernel;
  let url: string;
  let browser: Browser;
  let page: Page;
  let acme: TenantInfo;
  let step = 0;
  const shot = async (name: string) => {
    step++;
    await page.screenshot({ path: join(SHOTS, `customer-success-${String(step).padStart(2, '0')}-${name}.png`), fullPage: true });
  };

  beforeAll(async () => {
    assertBrowserTestPrerequisites();
    mkdirSync(SHOTS, { recursive: true });
    t = await createTestKernel({ plugins: [plans, shop, customerSuccess], serveConsole: true, config: { logLevel: process.env.TEST_LOG_LEVEL ?? 'silent' } });
    acme = await t.tenant('acme');
    ids.acme = acme.id;
    url = await t.kernel.app.listen({ port: 0, host: '127.0.0.1' });
    browser = await launchChromium();
    page = await openPage(browser);
  }, 120_000);

  afterEach(async (ctx) => {
    await screenshotIfFailed(page, ctx, 'customer-success-');
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('shows the digest sections, a tenant line linking to its 360 page', async () => {
    await page.goto(url + '/customer-success/digest');
    await page.getByLabel('Email').fill('admin@platform.local');
    await page.getByLabel('Password').fill('test-admin-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    const gmv = page.getByTestId('digest-section-gmv');
    await ui(gmv.getByText('GMV fell 30% against last week')).toBeVisible();
    await ui(page.getByTestId('digest-section-health-score-drops').getByText(/No health score fell/)).toBeVisible();
    expect(await gmv.getByRole('link', { name: 'Acme Stores' }).getAttribute('href')).toBe(`/customers/${acme.id}`);
    await shot('digest');
  });

  it('sets up my digest email; a bad time zone is shown on its field', async () => {
    const form = page.getByTestId('digest-subscription');
    await form.getByLabel('Email me the digest').check();
    await form.getByLabel('Time zone').fill('Mars/Olympus');
    await form.getByRole('button', { name: 'Save' }).click();
    await ui(form.getByText(/is not an IANA time zone/)).toBeVisible();
    expect(await t.sql(`SELECT 1 FROM customer_success_digest_subscriptions`)).toHaveLength(0);

    await form.getByLabel('Time zone').fill('Europe/Paris');
    await form.getByRole('checkbox', { name: 'Renewals at risk' }).uncheck();
    await form.getByRole('button', { name: 'Save' }).click();
    await expect
      .poll(async () => t.sql<{ time_zone: string; sections: string[] | null; enabled: boolean; email: string }>(`SELECT time_zone, sections, enabled, email FROM customer_success_digest_subscriptions`), { timeout: 10_000 })
      .toEqual([{ time_zone: 'Europe/Paris', sections: ['gmv', 'health-score-drops'], enabled: true, email: 'admin@platform.local' }]);
    await shot('subscription-saved');
  });

  it('measures the KPIs, draws their trends and drills down into the tenants', async () => {
    await page.goto(url + '/customer-success/kpis');
    await ui(page.getByText('No snapshot yet')).toBeVisible();
    await page.getByRole('button', { name: /Measure now/ }).click();
    const card = page.getByTestId('kpi-card-gmv');
    await ui(card.getByText('125,000')).toBeVisible();
    await ui(card.getByTestId('kpi-trend-chart')).toBeVisible();
    await ui(page.getByTestId('kpi-card-plan-mix')).toBeVisible();
    await card.click();
    const detail = page.getByTestId('kpi-detail');
    await ui(detail.getByRole('link', { name: acme.name })).toBeVisible();
    expect(await detail.getByRole('link', { name: acme.name }).getAttribute('href')).toBe(`/customers/${acme.id}`);
    await shot('kpis');
  });
});
