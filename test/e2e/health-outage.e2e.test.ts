import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { createTestKernel, type TestKernel } from '@platform/sdk/testing';
import { createHealthPlugin } from '@platform/plugin-health';
import { scriptedMonitorPlugin } from '@platform/plugin-health/testing/scripted-monitor';
import { assertBrowserTestPrerequisites, launchChromium, SHOTS, ui, openPage, screenshotIfFailed } from './browser.ts';
import { signInToConsole } from './console-sign-in.ts';
import { consoleKernelConfig } from './console-kernel-config.ts';

/**
 * Issue 14, item 1: the Health page and the dashboard's "Platform health" widget during an outage. A fresh
 * install says it waits for its first checks (no outage); once a monitor fails, the page still shows every
 * service, the failing one first with its last error and since when, and the widget names it. Before the fix
 * `GET /api/health` answered 503 and both showed only "Service Unavailable".
 */
describe('health during an outage (browser)', () => {
  const health = createHealthPlugin({ autoStart: false });
  const database = scriptedMonitorPlugin('database', { tier: 'critical', name: 'Database' });
  const payments = scriptedMonitorPlugin('payments', { tier: 'critical', name: 'Payments' });
  const cache = scriptedMonitorPlugin('cache', { tier: 'critical', name: 'Cache' });
  let t: TestKernel;
  let url: string;
  let browser: Browser;
  let page: Page;
  let step = 0;
  const shot = async (name: string) => {
    step++;
    await page.screenshot({ path: join(SHOTS, `health-outage-${String(step).padStart(2, '0')}-${name}.png`), fullPage: true });
  };
  const banner = () => page.getByRole('status').filter({ hasText: /Waiting|outage|operational|Degraded|unknown/ });
  const services = () => page.getByRole('list', { name: 'Services' }).getByRole('listitem');
  const runChecks = async () => {
    const r = await t.inject({ method: 'POST', url: '/api/health/run', payload: {} });
    expect(r.statusCode, r.body).toBe(200);
  };

  beforeAll(async () => {
    assertBrowserTestPrerequisites();
    mkdirSync(SHOTS, { recursive: true });
    t = await createTestKernel({ plugins: [health, database.plugin, payments.plugin, cache.plugin], serveConsole: true, config: consoleKernelConfig() });
    for (const slug of ['acme', 'globex', 'initech']) await t.tenant(slug);
    url = await t.kernel.app.listen({ port: 0, host: '127.0.0.1' });
    browser = await launchChromium();
    page = await openPage(browser);
    await signInToConsole(page, url);
  }, 180_000);

  afterEach(async (ctx) => {
    await screenshotIfFailed(page, ctx, 'health-outage-');
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('a fresh install waits for its first checks, which is no outage', async () => {
    await page.goto(url + '/health');
    await ui(banner().getByText('Waiting for the first checks')).toBeVisible();
    await ui(services().filter({ hasText: 'Payments' }).getByText('waiting for first check')).toBeVisible();
    expect(await page.getByText('Service Unavailable').count()).toBe(0);
    await shot('waiting-for-first-checks');
  });

  it('shows every service during an outage, the failing one first with its last error and since when', async () => {
    payments.set({ status: 'unhealthy', message: 'HTTP 502 from the payment gateway' });
    for (let i = 0; i < 3; i++) await runChecks(); // unhealthy after 3 failures in a row
    await page.goto(url + '/health');
    await ui(banner().getByText('Partial outage')).toBeVisible();
    await ui(services().first().getByText('Payments')).toBeVisible();
    const first = services().first();
    await ui(first.getByText('unhealthy', { exact: true })).toBeVisible();
    await ui(first.getByText('HTTP 502 from the payment gateway')).toBeVisible();
    await ui(first.getByText(/^since /)).toBeVisible();
    await ui(services()).toHaveCount(4); // the three monitors and the heartbeats (push monitors, none configured)
    await ui(services().filter({ hasText: 'Database' }).getByText('healthy', { exact: true })).toBeVisible();
    expect(await page.getByText('Service Unavailable').count()).toBe(0);
    await shot('outage-health-page');
  });

  it('the dashboard widget names the failing service and its error', async () => {
    await runChecks(); // keep the scheduler heartbeat fresh
    await page.goto(url + '/');
    const widget = page.getByRole('region', { name: 'Platform health' });
    await ui(widget.getByText('Partial outage')).toBeVisible();
    await ui(widget.getByText(/Payments: unhealthy · HTTP 502 from the payment gateway · since/)).toBeVisible();
    expect(await widget.getByText('Service Unavailable').count()).toBe(0);
    await shot('outage-dashboard-widget');
  });
});
