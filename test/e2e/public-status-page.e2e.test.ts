import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { createTestKernel, type TestKernel } from '@platform/sdk/testing';
import { createHealthPlugin } from '@platform/plugin-health';
import { createStatusPlugin } from '@platform/plugin-status';
import { assertBrowserTestPrerequisites, launchChromium, SHOTS, ui, openPage, screenshotIfFailed } from './browser.ts';
import { menuItem, signInToConsole } from './console-sign-in.ts';
import { consoleKernelConfig } from './console-kernel-config.ts';

/**
 * Issue 14, item 12: the public status page is at the stable address `/status`, served by the server outside
 * the console's routes (before the fix the console answered it with "This page is not available"), and the
 * console links to it from the status pages.
 */
describe('public status page at /status (browser)', () => {
  let t: TestKernel;
  let url: string;
  let browser: Browser;
  let page: Page;
  let step = 0;
  const shot = async (p: Page, name: string) => {
    step++;
    await p.screenshot({ path: join(SHOTS, `public-status-${String(step).padStart(2, '0')}-${name}.png`), fullPage: true });
  };

  beforeAll(async () => {
    assertBrowserTestPrerequisites();
    mkdirSync(SHOTS, { recursive: true });
    t = await createTestKernel({ plugins: [createHealthPlugin({ autoStart: false }), createStatusPlugin()], serveConsole: true, config: consoleKernelConfig() });
    const set = await t.inject({ method: 'PUT', url: '/api/plugins/status/settings', payload: { pageTitle: 'Acme status' } });
    expect(set.statusCode, set.body).toBe(200);
    url = await t.kernel.app.listen({ port: 0, host: '127.0.0.1' });
    browser = await launchChromium();
    page = await openPage(browser);
  }, 180_000);

  afterEach(async (ctx) => {
    await screenshotIfFailed(page, ctx, 'public-status-');
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('serves the public page at /status to anyone, signed in or not', async () => {
    const res = await page.goto(url + '/status');
    expect(res?.status()).toBe(200);
    expect(await page.title()).toBe('Acme status');
    expect(await page.getByText('This page is not available').count()).toBe(0);
    await shot(page, 'public-page-signed-out');
  });

  it('links to it from the console, and a client-side visit to /status hands over to it', async () => {
    await signInToConsole(page, url);
    await menuItem(page, 'Status page notices').click();
    const link = page.getByRole('link', { name: 'Public status page' }).first();
    await ui(link).toBeVisible();
    expect(await link.getAttribute('href')).toBe('/status');
    await shot(page, 'console-link');
    const [tab] = await Promise.all([page.context().waitForEvent('page'), link.click()]);
    await tab.waitForLoadState();
    expect(new URL(tab.url()).pathname).toBe('/status');
    expect(await tab.title()).toBe('Acme status');
    await shot(tab, 'public-page-from-console');
    await tab.close();

    // Inside the console (client-side navigation, no reload), /status is no "page not available" either.
    await page.evaluate(() => {
      window.history.pushState({}, '', '/status');
      window.dispatchEvent(new PopStateEvent('popstate'));
    });
    await page.waitForURL((u) => u.pathname === '/status');
    await page.waitForFunction(() => document.title === 'Acme status');
    expect(await page.getByText('This page is not available').count()).toBe(0);
  }, 60_000);
});
