import { afterAll, afterEach, beforeAll, describe, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { assertBrowserTestPrerequisites, launchChromium, SHOTS, ui, openPage, screenshotIfFailed } from './browser.ts';
import { startPlatform, type RunningPlatform } from './platform-process.ts';

/**
 * The console, end to end in Debian's Chromium: sign in, create a tenant, suspend it and find the
 * audit entry, switch tenant, and watch a plugin's menu item follow its per-tenant enablement.
 * A screenshot of each step lands in test/.artifacts/e2e (git-ignored).
 */
describe('admin console (browser)', () => {
  let platform: RunningPlatform;
  let browser: Browser;
  let page: Page;
  let step = 0;
  const shot = async (name: string) => {
    step++;
    await page.screenshot({ path: join(SHOTS, `${String(step).padStart(2, '0')}-${name}.png`), fullPage: true });
  };
  /** A console menu entry (MUI renders them as menuitem links). */
  const menuItem = (name: string) => page.getByRole('menuitem', { name, exact: true }).or(page.getByRole('link', { name, exact: true }));

  beforeAll(async () => {
    assertBrowserTestPrerequisites();
    mkdirSync(SHOTS, { recursive: true });
    platform = await startPlatform(['@platform/plugin-example']);
    browser = await launchChromium();
    page = await openPage(browser);
  }, 120_000);

  afterEach(async (ctx) => {
    await screenshotIfFailed(page, ctx);
  });

  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
  });

  it('signs in as the seeded admin', async () => {
    await page.goto(platform.url + '/');
    await page.getByLabel('Email').fill(platform.adminEmail);
    await page.getByLabel('Password').fill(platform.adminPassword);
    await shot('login');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await ui(menuItem('Tenants')).toBeVisible();
    await shot('dashboard');
  });

  it('creates tenants', async () => {
    for (const [slug, name] of [['e2e-acme', 'Acme E2E'], ['e2e-globex', 'Globex E2E']]) {
      await menuItem('Tenants').click();
      await page.getByRole('link', { name: 'Create' }).click();
      await page.getByLabel('Slug').fill(slug);
      await page.getByRole('textbox', { name: /^Name/ }).fill(name);
      await page.getByRole('button', { name: 'Save' }).click();
      await ui(page.getByRole('row', { name: new RegExp(name) })).toBeVisible();
    }
    await menuItem('Tenants').click();
    await ui(page.getByRole('row', { name: /Globex E2E/ })).toBeVisible();
    await shot('tenants-created');
  });

  it('suspends a tenant with a reason and sees the audit entry', async () => {
    const row = page.getByRole('row', { name: /Globex E2E/ });
    await row.getByRole('button', { name: 'Suspend' }).click();
    await page.getByLabel('Reason').fill('e2e: unpaid invoices');
    await shot('suspend-dialog');
    await page.getByRole('dialog').getByRole('button', { name: 'Suspend' }).click();
    await ui(page.getByRole('row', { name: /Globex E2E/ }).getByText(/suspended/i)).toBeVisible();
    await shot('tenant-suspended');
    await menuItem('Audit log').click();
    await ui(page.getByText('tenant.suspended').first()).toBeVisible();
    await ui(page.getByText('e2e: unpaid invoices').first()).toBeVisible();
    await shot('audit-entry');
  });

  it('switches tenant and shows the example plugin menu item', async () => {
    await page.getByLabel('Tenant', { exact: true }).selectOption({ label: 'Acme E2E' });
    await ui(menuItem('Notes')).toBeVisible();
    await shot('tenant-switched-with-notes');
  });

  it('hides the menu item once the plugin is disabled for the tenant', async () => {
    await menuItem('Plugins').click();
    await page.getByRole('switch', { name: 'Enable example' }).click();
    await ui(page.getByText('Disabled', { exact: true })).toBeVisible();
    await ui(menuItem('Notes')).toHaveCount(0);
    await shot('plugin-disabled-no-notes');
  });
});
