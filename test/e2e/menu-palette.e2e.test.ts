import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { assertBrowserTestPrerequisites, launchChromium, screenshotIfFailed, SHOTS, ui } from './browser.ts';
import { signedInPage, startTenantConsole, type TenantConsole } from './tenant-console-fixture.ts';
import { menuEntries } from './menu-walk.ts';

/**
 * The staff menu with every capability plugin (issue 14, item 15): sections that fold, no two entries with
 * the same name (status page notices are not "Incidents"), and a command palette (Ctrl/Cmd-K) that jumps
 * to a page, a tenant or a record by name.
 */
describe('menu sections and command palette (browser)', () => {
  let c: TenantConsole;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let step = 0;
  const shot = async (name: string) => {
    step++;
    await page.screenshot({ path: join(SHOTS, `menu-palette-${String(step).padStart(2, '0')}-${name}.png`), fullPage: true });
  };
  const section = (label: string) => page.locator('[data-nav-section]').filter({ hasText: label });
  const palette = () => page.getByRole('dialog', { name: 'Command palette' });
  const openPalette = async () => {
    await page.keyboard.press('Control+k');
    await ui(palette()).toBeVisible();
  };

  beforeAll(async () => {
    assertBrowserTestPrerequisites();
    mkdirSync(SHOTS, { recursive: true });
    c = await startTenantConsole();
    browser = await launchChromium();
    ({ context, page } = await signedInPage(browser, c.url, c.t.client));
    await page.goto(c.url + '/');
    await ui(page.getByRole('heading', { name: /Welcome/ })).toBeVisible();
  }, 180_000);

  afterEach(async (ctx) => {
    await screenshotIfFailed(page, ctx, 'menu-palette-');
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await c?.close();
  });

  it('folds a long menu into sections that open and close', async () => {
    const operations = section('Operations');
    await ui(operations).toBeVisible();
    // On the dashboard, the long Operations section starts folded; its entries are not in the way.
    expect(await operations.getAttribute('aria-expanded')).toBe('false');
    expect(await page.locator('a[data-nav-item="feature-flags.flags"]').count()).toBe(0);
    await shot('folded');
    await operations.click();
    expect(await operations.getAttribute('aria-expanded')).toBe('true');
    await ui(page.locator('a[data-nav-item="feature-flags.flags"]')).toBeVisible();
    await shot('operations-open');
    await operations.click();
    await ui(page.locator('a[data-nav-item="feature-flags.flags"]')).toHaveCount(0);
    // The choice is kept across a reload.
    await page.reload();
    await ui(section('Operations')).toBeVisible();
    expect(await section('Operations').getAttribute('aria-expanded')).toBe('false');
  });

  it('names every entry once: operational incidents and status page notices are two clearly named pages', async () => {
    const entries = await menuEntries(page);
    const labels = entries.map((e) => e.label);
    expect(labels.length).toBeGreaterThan(24);
    expect(labels.filter((l, i) => labels.indexOf(l) !== i)).toEqual([]);
    expect(labels).toContain('Incidents');
    expect(labels).toContain('Status page notices');
    await ui(section('Status page')).toBeVisible();
    await shot('all-open');
  });

  it('jumps to a page by part of its name (Ctrl-K, type, Enter)', async () => {
    await openPalette();
    await palette().getByLabel('Go to a page, tenant or record').fill('flag aud');
    await ui(palette().getByRole('option', { name: /Flag audit/ })).toBeVisible();
    await shot('palette-page');
    await page.keyboard.press('Enter');
    await page.waitForURL((u) => u.pathname === '/feature-flags/audit');
    await ui(palette()).toHaveCount(0);
  });

  it('jumps to a tenant by name', async () => {
    await openPalette();
    await palette().getByLabel('Go to a page, tenant or record').fill('Acme');
    // The tenant itself (other resources may show records named after it, such as its SMS credit account).
    const option = palette().getByRole('option', { name: /^Acme Corp Tenant/ });
    await ui(option).toBeVisible();
    expect(await option.innerText()).toContain('Tenant');
    await shot('palette-tenant');
    await option.click();
    await page.waitForURL((u) => u.pathname === `/tenants/${c.acme.id}`);
  });

  it('jumps to a record (a plan) by name', async () => {
    await openPalette();
    await palette().getByLabel('Go to a page, tenant or record').fill('Growth');
    const option = palette().getByRole('option', { name: new RegExp(c.planName) });
    await ui(option).toBeVisible();
    await shot('palette-record');
    await option.click();
    await page.waitForURL(/\/plans\/plans\/[^/]+$/);
    await ui(page.getByRole('button', { name: 'Save' })).toBeVisible();
  });
});
