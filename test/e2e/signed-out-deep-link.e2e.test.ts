import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { createTestKernel, type TestKernel } from '@platform/sdk/testing';
import { assertBrowserTestPrerequisites, launchChromium, SHOTS, ui, openPage, screenshotIfFailed } from './browser.ts';

/** Virtual time the page may spend between the 401 and the login form: less than React Query's first retry delay (1 s). */
const BUDGET_MS = 900;
const STEP_MS = 20;

/**
 * A signed-out deep link (issue 14, item 7): the login form follows the 401 of the session check at once, and
 * signing in lands on the deep link. The page runs on Playwright's paused clock, advanced by hand, so "at once"
 * is measured in the page's own (virtual) time, whatever the machine's load: before the fix, the console retried
 * the failed session load three times (after 1, 2 and 4 s) while showing a skeleton.
 */
describe('signed-out deep link (browser)', () => {
  let t: TestKernel;
  let url: string;
  let browser: Browser;
  let page: Page;
  let tenantId: string;
  const shot = (name: string) => page.screenshot({ path: join(SHOTS, `signed-out-deep-link-${name}.png`), fullPage: true });

  beforeAll(async () => {
    assertBrowserTestPrerequisites();
    mkdirSync(SHOTS, { recursive: true });
    t = await createTestKernel({ serveConsole: true, config: { logLevel: process.env.TEST_LOG_LEVEL ?? 'silent' } });
    url = await t.kernel.app.listen({ port: 0, host: '127.0.0.1' });
    const res = await t.inject({ method: 'POST', url: '/api/tenants', payload: { slug: 'deep-link', name: 'Deep Link Ltd' } });
    expect(res.statusCode, res.body).toBe(201);
    tenantId = res.json().id;
    browser = await launchChromium();
    page = await openPage(browser);
  }, 120_000);

  afterEach(async (ctx) => {
    await screenshotIfFailed(page, ctx, 'signed-out-deep-link-');
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('shows the login form as soon as the 401 arrives, without waiting for retries', async () => {
    const start = Date.parse('2026-01-05T09:00:00Z');
    await page.clock.install({ time: start });
    await page.clock.pauseAt(start + 5000);
    let unauthorized = false;
    page.on('response', (res) => {
      if (new URL(res.url()).pathname === '/api/auth/me' && res.status() === 401) unauthorized = true;
    });
    await page.goto(`${url}/tenants/${tenantId}`, { waitUntil: 'commit' });
    const loginForm = page.getByRole('button', { name: 'Sign in' });
    // Until the 401 arrives, virtual time only moves in small steps so the page's zero-delay timers run.
    for (let i = 0; !unauthorized; i++) {
      if (i > 600) throw new Error('no 401 from /api/auth/me');
      await page.clock.runFor(STEP_MS);
      await new Promise((r) => setTimeout(r, 50));
    }
    let spent = 0;
    while (!(await loginForm.isVisible())) {
      if (spent >= BUDGET_MS) {
        await shot('still-loading');
        throw new Error(`the login form did not appear within ${BUDGET_MS} ms of page time after the 401`);
      }
      await page.clock.runFor(STEP_MS);
      spent += STEP_MS;
      await new Promise((r) => setTimeout(r, 50));
    }
    await shot('login-form');
    expect(new URL(page.url()).pathname).toBe('/login');
    // And it stays: typed text is kept while page time goes on.
    await page.getByLabel('Email').fill('someone@example.com');
    for (let i = 0; i < 100; i++) {
      await page.clock.runFor(STEP_MS);
      if (i % 10 === 0) await new Promise((r) => setTimeout(r, 50));
    }
    expect(await page.getByLabel('Email').inputValue()).toBe('someone@example.com');
    expect(new URL(page.url()).pathname).toBe('/login');
    await page.clock.resume();
  });

  it('lands on the deep link after signing in', async () => {
    await page.getByLabel('Email').fill('admin@platform.local');
    await page.getByLabel('Password').fill('test-admin-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => new URL(page.url()).pathname).toBe(`/tenants/${tenantId}`);
    await ui(page.getByRole('textbox', { name: /^Name/ })).toBeVisible();
    await expect.poll(() => page.getByRole('textbox', { name: /^Name/ }).inputValue()).toBe('Deep Link Ltd');
    await shot('deep-link-after-sign-in');
  });
});
