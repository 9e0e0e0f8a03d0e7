import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { createTestKernel, type TestKernel } from '@platform/sdk/testing';
import logging from '@platform/plugin-logging';
import { createMetricsPlugin } from '@platform/plugin-metrics';
import { assertBrowserTestPrerequisites, launchChromium, SHOTS, ui, openPage, screenshotIfFailed } from './browser.ts';
import { signInToConsole } from './console-sign-in.ts';
import { consoleKernelConfig } from './console-kernel-config.ts';

/**
 * Issue 14, item 11: log search finds words inside paths ("tenants" finds the `GET /api/tenants` request
 * lines), and the Logs and Metrics explorer filters live in the URL: a reload keeps them, a link shares them.
 */
describe('log search and explorer filters in the URL (browser)', () => {
  const metrics = createMetricsPlugin();
  let t: TestKernel;
  let url: string;
  let browser: Browser;
  let page: Page;
  let step = 0;
  const shot = async (name: string) => {
    step++;
    await page.screenshot({ path: join(SHOTS, `logs-url-${String(step).padStart(2, '0')}-${name}.png`), fullPage: true });
  };
  /** Lines are stored in batches (every 500 ms): search again until the row shows, for at most 15 s. */
  const untilShown = async (row: Locator, again: () => Promise<void>) => {
    const deadline = Date.now() + 15_000;
    while (!(await row.first().isVisible())) {
      if (Date.now() > deadline) throw new Error('no matching log line shown');
      await again();
      await page.waitForTimeout(500);
    }
  };

  beforeAll(async () => {
    assertBrowserTestPrerequisites();
    mkdirSync(SHOTS, { recursive: true });
    t = await createTestKernel({ plugins: [logging, metrics], serveConsole: true, config: consoleKernelConfig() });
    await t.tenant('acme');
    for (let i = 0; i < 3; i++) expect((await t.inject('/api/tenants')).statusCode).toBe(200);
    url = await t.kernel.app.listen({ port: 0, host: '127.0.0.1' });
    browser = await launchChromium();
    page = await openPage(browser);
    await signInToConsole(page, url);
  }, 180_000);

  afterEach(async (ctx) => {
    await screenshotIfFailed(page, ctx, 'logs-url-');
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('finds "tenants" inside the request lines\' paths', async () => {
    await page.goto(url + '/logging/logs');
    await ui(page.getByText(/^GET \/api\/nav /)).toBeVisible(); // the unfiltered list first
    const words = page.getByLabel('Words in message');
    await words.fill('tenants');
    const searched = () => page.waitForResponse((r) => new URL(r.url()).pathname === '/api/logging/logs' && new URL(r.url()).searchParams.get('q') === 'tenants');
    await Promise.all([searched(), words.press('Enter')]);
    const requestLine = page.getByText(/^GET \/api\/tenants(\?\S*)? 200 /);
    await untilShown(requestLine, async () => void (await Promise.all([searched(), page.locator('#main-content').getByRole('button', { name: 'Refresh', exact: true }).click()])));
    // Only the search's lines are shown: none of the console's other requests.
    expect(await page.getByText(/^GET \/api\/nav /).count()).toBe(0);
    expect(new URL(page.url()).searchParams.get('q')).toBe('tenants');
    await shot('search-tenants');
  });

  it('keeps the log filters in the URL: a reload, and a shared link, show the same search', async () => {
    await page.getByRole('button', { name: 'info', exact: true }).click();
    await page.waitForURL((u) => u.searchParams.get('levels') === 'info');
    const shared = page.url();
    await page.reload();
    expect(await page.getByLabel('Words in message').inputValue()).toBe('tenants');
    await ui(page.getByText(/^GET \/api\/tenants(\?\S*)? 200 /)).toBeVisible();
    expect(await page.getByRole('button', { name: 'info', exact: true }).getAttribute('aria-pressed')).toBe('true');
    const other = await openPage(browser);
    await signInToConsole(other, url);
    await other.goto(shared);
    expect(await other.getByLabel('Words in message').inputValue()).toBe('tenants');
    await ui(other.getByText(/^GET \/api\/tenants(\?\S*)? 200 /)).toBeVisible();
    await other.close();
    await shot('search-after-reload');
  });

  it('keeps the metrics explorer\'s metric, split and range in the URL', async () => {
    await metrics.runtime().flush();
    await page.goto(url + '/metrics/explorer');
    await page.getByLabel('Metric').fill('api_requests_total');
    await page.getByRole('option', { name: /^api_requests_total/ }).click();
    await page.getByLabel('Split by').click();
    await page.getByRole('option', { name: 'route', exact: true }).click();
    await page.getByLabel('Range').click();
    await page.getByRole('option', { name: '24h', exact: true }).click();
    await page.waitForURL((u) => u.searchParams.get('metric') === 'api_requests_total' && u.searchParams.get('groupBy') === 'route' && u.searchParams.get('range') === '24h');
    await page.reload();
    await ui(page.getByLabel('Metric')).toBeVisible();
    expect(await page.getByLabel('Metric').inputValue()).toMatch(/^api_requests_total/);
    await ui(page.getByLabel('Split by').getByText('route', { exact: true })).toBeVisible();
    await ui(page.getByLabel('Range').getByText('24h', { exact: true })).toBeVisible();
    await shot('explorer-after-reload');
  });
});
