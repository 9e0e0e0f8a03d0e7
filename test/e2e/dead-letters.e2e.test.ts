import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { createTestKernel, type TestKernel } from '@platform/sdk/testing';
import { createFlakySubscriber, emitFlakyPing, FLAKY_SUBSCRIBER } from '../support/flaky-subscriber-plugin.ts';
import { assertBrowserTestPrerequisites, launchChromium, SHOTS, ui, openPage, screenshotIfFailed } from './browser.ts';
import { signInToConsole } from './console-sign-in.ts';

/**
 * The Dead letters page in Chromium, against an in-process kernel (so the test can flip the fixture
 * subscriber from failing to healthy): a dead letter shows up with its error and payload, Retry asks
 * for confirmation, the delivery succeeds and the page ends on its empty state.
 */
describe('dead letters page (browser)', () => {
  const flaky = createFlakySubscriber();
  let t: TestKernel;
  let url: string;
  let browser: Browser;
  let page: Page;
  let step = 0;
  const shot = async (name: string) => {
    step++;
    await page.screenshot({ path: join(SHOTS, `dead-letters-${String(step).padStart(2, '0')}-${name}.png`), fullPage: true });
  };
  const menuItem = (name: string) => page.getByRole('menuitem', { name, exact: true }).or(page.getByRole('link', { name, exact: true }));

  beforeAll(async () => {
    assertBrowserTestPrerequisites();
    mkdirSync(SHOTS, { recursive: true });
    t = await createTestKernel({ plugins: [flaky.plugin], serveConsole: true, background: true, config: { logLevel: process.env.TEST_LOG_LEVEL ?? 'silent' } });
    url = await t.kernel.app.listen({ port: 0, host: '127.0.0.1' });
    await emitFlakyPing(t.kernel, { orderId: 'e2e-1001' });
    expect(await t.kernel.services.events.listDeadLetters()).toHaveLength(1);
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

  it('shows the dead letter with its error, and its payload on expand', async () => {
    await signInToConsole(page, url);
    await menuItem('Dead letters').click();

    const row = page.getByRole('row', { name: /flaky\.ping/ }).first();
    await ui(row).toBeVisible();
    await ui(row.getByText(FLAKY_SUBSCRIBER)).toBeVisible();
    await ui(row.getByText('1 of 1')).toBeVisible();
    await ui(row.getByText('Error: flaky subscriber: downstream is unavailable')).toBeVisible();
    await ui(page.getByText('1-1 of 1')).toBeVisible();
    await shot('list');

    await row.getByText(FLAKY_SUBSCRIBER).click();
    await ui(page.getByRole('region', { name: 'Payload' }).getByText('"orderId": "e2e-1001"')).toBeVisible();
    await shot('expanded');
  });

  it('retries it after confirming, and ends on the empty state', async () => {
    flaky.failing = false;
    await page.getByRole('row', { name: /flaky\.ping/ }).first().getByRole('button', { name: /^Retry/ }).click();
    const dialog = page.getByRole('dialog');
    await ui(dialog.getByText('Retry this delivery?')).toBeVisible();
    await shot('confirm');
    await dialog.getByRole('button', { name: 'Retry' }).click();

    await ui(page.getByText(/queued again for flaky-subscriber\.on-ping/)).toBeVisible();
    await ui(page.getByText('No dead letters — every event was delivered')).toBeVisible();
    await ui(page.getByRole('row', { name: /flaky\.ping/ })).toHaveCount(0);
    await shot('empty');
    await vi.waitFor(() => expect(flaky.delivered).toEqual([{ orderId: 'e2e-1001' }]), { timeout: 10_000, interval: 50 });
  });
});
