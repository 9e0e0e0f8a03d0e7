import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page, Request } from 'playwright-core';
import { createTestKernel, type TestKernel } from '@platform/sdk/testing';
import { assertBrowserTestPrerequisites, launchChromium, SHOTS, ui, openPage, screenshotIfFailed } from './browser.ts';
import { signInToConsole } from './console-sign-in.ts';

const TENANTS = 60;

/**
 * The tenant switcher with more tenants than a native select holds (> 50), in Chromium against an
 * in-process kernel: it becomes a server-side search labelled "Tenant"; typing part of a name finds the
 * tenant, picking it makes the console act in it (X-Tenant-Id, dashboard chip), and its name stays shown
 * after a reload although it is not among the first results.
 */
describe('tenant switcher with many tenants (browser)', () => {
  let t: TestKernel;
  let url: string;
  let browser: Browser;
  let page: Page;
  const ids = new Map<string, string>();
  const requests: { url: URL; tenant: string | undefined }[] = [];
  let step = 0;
  const shot = async (name: string) => {
    step++;
    await page.screenshot({ path: join(SHOTS, `tenant-switcher-${String(step).padStart(2, '0')}-${name}.png`), fullPage: true });
  };
  const menuItem = (name: string) => page.getByRole('menuitem', { name, exact: true }).or(page.getByRole('link', { name, exact: true }));
  const switcher = () => page.getByRole('combobox', { name: 'Tenant', exact: true });
  const option = (name: string) => page.getByRole('option', { name, exact: true });
  const dashboardChip = (name: string) => page.locator('main .MuiChip-root').getByText(name, { exact: true });
  /** The tenant searches the switcher sent (`GET /api/tenants` with a `q` filter). */
  const searches = () =>
    requests.filter((r) => r.url.pathname === '/api/tenants' && (JSON.parse(r.url.searchParams.get('filter') ?? '{}') as { q?: string }).q !== undefined);

  beforeAll(async () => {
    assertBrowserTestPrerequisites();
    mkdirSync(SHOTS, { recursive: true });
    t = await createTestKernel({ serveConsole: true, config: { logLevel: process.env.TEST_LOG_LEVEL ?? 'silent' } });
    url = await t.kernel.app.listen({ port: 0, host: '127.0.0.1' });
    const numbers = Array.from({ length: TENANTS }, (_, i) => i + 1);
    for (let i = 0; i < numbers.length; i += 10) {
      await Promise.all(
        numbers.slice(i, i + 10).map(async (n) => {
          const res = await t.inject({ method: 'POST', url: '/api/tenants', payload: { slug: `tenant-${n}`, name: `Tenant ${n}` } });
          expect(res.statusCode, res.body).toBe(201);
          ids.set(`Tenant ${n}`, res.json().id);
        }),
      );
    }
    const suspended = await t.inject({ method: 'POST', url: `/api/tenants/${ids.get('Tenant 48')}/suspend`, payload: { reason: 'e2e: switcher' } });
    expect(suspended.statusCode, suspended.body).toBe(200);
    browser = await launchChromium();
    page = await openPage(browser);
    page.on('request', (req: Request) => {
      if (req.url().includes('/api/')) requests.push({ url: new URL(req.url()), tenant: req.headers()['x-tenant-id'] });
    });
  }, 180_000);

  afterEach(async (ctx) => {
    await screenshotIfFailed(page, ctx, 'tenant-switcher-');
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('shows a search instead of the native select', async () => {
    await signInToConsole(page, url);
    await ui(menuItem('Tenants')).toBeVisible();
    await ui(switcher()).toBeVisible();
    expect(await page.locator('#tenant-switcher').count()).toBe(0);
    expect(await switcher().inputValue()).toBe('All tenants');
    await ui(dashboardChip('All tenants')).toBeVisible();
  });

  it('finds a tenant by part of its name and acts in it once picked', async () => {
    const before = searches().length;
    await switcher().click();
    await switcher().fill('');
    await switcher().pressSequentially('Tenant 47', { delay: 20 });
    await ui(option('Tenant 47')).toBeVisible();
    await ui(page.getByRole('option')).toHaveCount(1);
    const sent = searches().slice(before);
    // Debounced: one search for what was typed, not one per keystroke.
    expect(sent.map((r) => JSON.parse(r.url.searchParams.get('filter')!).q)).toContain('Tenant 47');
    expect(sent.length).toBeLessThanOrEqual(3);
    const last = sent.at(-1)!.url.searchParams;
    expect(JSON.parse(last.get('range')!)).toEqual([0, 19]);
    expect(JSON.parse(last.get('sort')!)).toEqual(['name', 'ASC']);
    await shot('search');

    const seen = requests.length;
    await option('Tenant 47').click();
    await ui(dashboardChip('Tenant 47')).toBeVisible();
    expect(await switcher().inputValue()).toBe('Tenant 47');
    expect(requests.slice(seen).some((r) => r.tenant === ids.get('Tenant 47'))).toBe(true);
    await shot('picked');
  });

  it('keeps showing the selected tenant after a reload, though it is not among the first results', async () => {
    const seen = requests.length;
    await page.reload();
    await ui(dashboardChip('Tenant 47')).toBeVisible();
    await expect.poll(() => switcher().inputValue(), { timeout: 10_000 }).toBe('Tenant 47');
    expect(requests.slice(seen).some((r) => r.tenant === ids.get('Tenant 47'))).toBe(true);
    // Opening without typing lists All tenants, the selection, then the first 20 by name.
    await switcher().click();
    await ui(option('All tenants')).toBeVisible();
    await ui(page.getByRole('option')).toHaveCount(22);
    await page.keyboard.press('Escape');
  });

  it('shows suspended tenants as such and not pickable, and says when nothing matches', async () => {
    await switcher().click();
    await switcher().fill('Tenant 48');
    const suspended = option('Tenant 48 (suspended)');
    await ui(suspended).toBeVisible();
    expect(await suspended.getAttribute('aria-disabled')).toBe('true');
    await shot('suspended');
    await switcher().fill('no such tenant');
    await ui(page.getByText('No tenants match')).toBeVisible();
    // Leaving the field without picking puts the selection back.
    await page.keyboard.press('Escape');
    await switcher().blur();
    await expect.poll(() => switcher().inputValue()).toBe('Tenant 47');
    await ui(dashboardChip('Tenant 47')).toBeVisible();
  });

  it('goes back to all tenants', async () => {
    await switcher().click();
    await switcher().fill('all');
    await option('All tenants').click();
    await ui(dashboardChip('All tenants')).toBeVisible();
    expect(await switcher().inputValue()).toBe('All tenants');
  });
});
