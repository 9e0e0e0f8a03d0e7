import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page, Response } from 'playwright-core';
import { createTestKernel, type TestKernel } from '@platform/sdk/testing';
import { assertBrowserTestPrerequisites, launchChromium, SHOTS, ui, screenshotIfFailed } from './browser.ts';
import { ROOT } from './platform-process.ts';

/**
 * How the console loads (issue #14 items 8-10), in Chromium against an in-process kernel serving the build:
 *   - a signed-out deep link shows the login page without fetching react-admin or MUI (no script before sign-in
 *     carries their code), the files come brotli-compressed with their cache headers, and sign-in lands on the
 *     page first asked for, fetching the console then;
 *   - the browser tab names the page and the tenant ("Audit log · Acme · Platform"), for staff switching tenant
 *     and for a tenant user.
 */
describe('console loading and tab titles (browser)', () => {
  let t: TestKernel;
  let url: string;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let step = 0;
  const shot = async (name: string) => {
    step++;
    await page.screenshot({ path: join(SHOTS, `console-load-${String(step).padStart(2, '0')}-${name}.png`), fullPage: true });
  };
  const menuItem = (name: string) => page.getByRole('menuitem', { name, exact: true }).or(page.getByRole('link', { name, exact: true }));
  /** Scripts and styles the page received, in order, with what it said about them. */
  let received: { path: string; type: string; encoding: string | undefined; cacheControl: string | undefined }[] = [];
  const record = (res: Response) => {
    const type = res.request().resourceType();
    if (type !== 'script' && type !== 'stylesheet' && type !== 'document') return;
    const headers = res.headers();
    received.push({ path: new URL(res.url()).pathname, type, encoding: headers['content-encoding'], cacheControl: headers['cache-control'] });
  };
  /** Code only react-admin or MUI ship: their components' class-name keys. */
  const CONSOLE_CODE = /\b(?:MuiTextField|MuiButtonBase|RaLayout|RaList)\b/;
  /** The scripts received that carry it (read from the build on disk: the same bytes, not pulled through the browser). */
  const shipsConsoleCode = () =>
    received.filter((r) => r.type === 'script' && CONSOLE_CODE.test(readFileSync(join(ROOT, 'admin-ui/dist', r.path), 'utf8'))).map((r) => r.path);

  const freshPage = async () => {
    await context?.close();
    context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    page = await context.newPage();
    page.setDefaultTimeout(15_000);
    received = [];
    page.on('response', record);
  };

  beforeAll(async () => {
    assertBrowserTestPrerequisites();
    mkdirSync(SHOTS, { recursive: true });
    t = await createTestKernel({ serveConsole: true, config: { logLevel: process.env.TEST_LOG_LEVEL ?? 'silent' } });
    url = await t.kernel.app.listen({ port: 0, host: '127.0.0.1' });
    browser = await launchChromium();
  }, 120_000);

  afterEach(async (ctx) => {
    await screenshotIfFailed(page, ctx, 'console-load-');
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await t?.close();
  });

  it('a signed-out deep link shows the login page without react-admin or MUI, compressed and cached', async () => {
    await freshPage();
    await page.goto(url + '/audit?displayedFilters=%7B%7D');
    await ui(page.getByLabel('Email')).toBeVisible();
    await ui(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
    expect(new URL(page.url()).pathname).toBe('/login');
    await shot('login-on-deep-link');

    const scripts = received.filter((r) => r.type === 'script');
    expect(scripts.length).toBeGreaterThan(0);
    expect(shipsConsoleCode()).toEqual([]);
    expect(await page.title()).toBe('Sign in · Platform');
    for (const r of received) {
      expect(r.encoding, r.path).toBe('br');
      expect(r.cacheControl, r.path).toBe(r.path.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache');
    }
  });

  it('signing in fetches the console then and opens the page first asked for', async () => {
    await page.getByLabel('Email').fill('admin@platform.local');
    await page.getByLabel('Password').fill('test-admin-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await ui(menuItem('Tenants')).toBeVisible();
    await page.waitForURL((u) => u.pathname === '/audit');
    expect(new URL(page.url()).search).toBe('?displayedFilters=%7B%7D');
    // The marker is real: the console's own code carries it, and it came after sign-in.
    expect(shipsConsoleCode().length).toBeGreaterThan(0);
    await shot('signed-in-on-deep-link');
  });

  it('names the page and the tenant in the tab title as staff switch tenant and page', async () => {
    await t.inject({ method: 'POST', url: '/api/tenants', payload: { slug: 'acme', name: 'Acme' } });
    await page.waitForFunction(() => document.title === 'Audit log · All tenants · Platform');
    await page.reload();
    await ui(menuItem('Tenants')).toBeVisible();
    await page.getByLabel('Tenant', { exact: true }).selectOption({ label: 'Acme' });
    await page.waitForFunction(() => document.title === 'Audit log · Acme · Platform');
    await menuItem('Users').click();
    await page.waitForFunction(() => document.title === 'Users · Acme · Platform');
    await page.goto(url + '/');
    await page.waitForFunction(() => document.title === 'Dashboard · Acme · Platform');
    await shot('title-staff-in-tenant');
  });

  it("names a tenant user's own tenant", async () => {
    const member = await t.signIn({ role: 'tenant_admin', tenant: 'globex' });
    const [{ email }] = await t.sql<{ email: string }>('SELECT email FROM users WHERE id = $1', [member.userId]);
    await freshPage();
    await page.goto(url + '/users');
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill('test-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await ui(menuItem('Users')).toBeVisible();
    await page.waitForFunction(() => document.title === 'Users · globex · Platform');
    await shot('title-tenant-user');
  });
});
