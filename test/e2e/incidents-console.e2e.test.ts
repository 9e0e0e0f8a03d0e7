import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { createTestKernel, type TestKernel } from '@platform/sdk/testing';
import incidents from '@platform/plugin-incidents';
import { assertBrowserTestPrerequisites, launchChromium, SHOTS, ui, openPage, screenshotIfFailed } from './browser.ts';

/**
 * Incidents in the console (issue 14, items 3 and 5): declaring one from its form (severity chosen on radio
 * buttons reaches the API as a number), and its page following changes without a reload: a timeline update and
 * a status change made on the page, and an update another operator makes meanwhile.
 */
describe('incidents console (browser)', () => {
  let t: TestKernel;
  let url: string;
  let browser: Browser;
  let page: Page;
  let incidentId: string;
  let step = 0;
  const shot = async (name: string) => {
    step++;
    await page.screenshot({ path: join(SHOTS, `incidents-console-${String(step).padStart(2, '0')}-${name}.png`), fullPage: true });
  };
  const notification = (text: string | RegExp) => page.locator('.MuiSnackbarContent-message, .MuiAlert-message').filter({ hasText: text });
  const timeline = () => page.locator('.MuiCard-root').filter({ has: page.getByText('Append-only') }).last();
  let navigations = 0;

  beforeAll(async () => {
    assertBrowserTestPrerequisites();
    mkdirSync(SHOTS, { recursive: true });
    t = await createTestKernel({ plugins: [incidents], serveConsole: true, config: { logLevel: process.env.TEST_LOG_LEVEL ?? 'silent' } });
    url = await t.kernel.app.listen({ port: 0, host: '127.0.0.1' });
    browser = await launchChromium();
    page = await openPage(browser);
    page.on('framenavigated', (frame) => {
      if (frame === page.mainFrame()) navigations++;
    });
  }, 120_000);

  afterEach(async (ctx) => {
    await screenshotIfFailed(page, ctx, 'incidents-console-');
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('declares an incident from its form, severity chosen on the radio buttons', async () => {
    await page.goto(url + '/incidents/incidents/create');
    await page.getByLabel('Email').fill('admin@platform.local');
    await page.getByLabel('Password').fill('test-admin-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await ui(page.getByRole('radio', { name: 'SEV2' })).toBeVisible();
    await page.getByRole('textbox', { name: /^Title/ }).fill('Checkout errors after deploy');
    await page.getByRole('radio', { name: 'SEV2' }).check();
    await page.getByLabel('Initial description').fill('5xx on /checkout since 10:02');
    await shot('declare-form');
    await page.getByRole('button', { name: 'Save' }).click();

    await expect.poll(() => new URL(page.url()).pathname, { timeout: 10_000 }).toMatch(/^\/incidents\/incidents\/[0-9a-f-]{36}\/show$/);
    incidentId = new URL(page.url()).pathname.split('/')[3];
    expect(await notification(/must be/).count()).toBe(0);
    const [row] = await t.sql<{ title: string; severity: number; description: string }>(`SELECT title, severity, description FROM incidents_incidents WHERE id = $1`, [incidentId]);
    expect(row).toEqual({ title: 'Checkout errors after deploy', severity: 2, description: '5xx on /checkout since 10:02' });
    await ui(page.getByRole('heading', { name: 'Checkout errors after deploy' })).toBeVisible();
    await ui(timeline().getByText(/SEV2 incident declared by/)).toBeVisible();
    await shot('declared');
  });

  it('shows a timeline update as soon as it is added', async () => {
    const before = navigations;
    await timeline().getByLabel('Add an update').fill('Rolled back the 10:00 deploy');
    await timeline().getByRole('button', { name: 'Add', exact: true }).click();
    await ui(timeline().getByText('Rolled back the 10:00 deploy')).toBeVisible();
    await expect.poll(() => timeline().getByLabel('Add an update').inputValue()).toBe('');
    expect(navigations).toBe(before);
    await shot('timeline-update');
  });

  it('shows a status change as soon as it is made', async () => {
    const before = navigations;
    await page.getByLabel('Status update message').fill('Bad feature flag found');
    await page.getByRole('button', { name: 'Mark identified' }).click();
    await ui(timeline().getByText(/Status changed from investigating to identified .*: Bad feature flag found/)).toBeVisible();
    await ui(page.getByRole('button', { name: 'Mark investigating' })).toBeVisible();
    await ui(page.getByRole('button', { name: 'Mark identified' })).toHaveCount(0);
    expect(navigations).toBe(before);
    await shot('status-change');
  });

  it("shows another operator's update without a reload", async () => {
    const before = navigations;
    const res = await t.inject({ method: 'POST', url: `/api/incidents/incidents/${incidentId}/timeline`, payload: { message: 'Status page updated by the on-call' } });
    expect(res.statusCode, res.body).toBe(201);
    await ui(timeline().getByText('Status page updated by the on-call')).toBeVisible();
    expect(navigations).toBe(before);
    await shot('live-update');
  });
});
