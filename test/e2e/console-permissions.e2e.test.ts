import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { assertBrowserTestPrerequisites, launchChromium, screenshotIfFailed, SHOTS, ui } from './browser.ts';
import { FLAG_KEY, signedInPage, startTenantConsole, type TenantConsole } from './tenant-console-fixture.ts';
import { watchApi } from './menu-walk.ts';

/**
 * Buttons follow the kernel's permissions (issue 14, item 13): a tenant admin, who may read plans but not
 * write them, sees no Create on Plans, cannot open a plan's editor, and cannot flip a flag from the list;
 * the super admin sees all of these. Nothing is offered that the API would refuse with 403.
 */
describe('buttons follow permissions (browser)', () => {
  let c: TenantConsole;
  let browser: Browser;
  let page: Page;
  const contexts: BrowserContext[] = [];
  let step = 0;
  const shot = async (name: string) => {
    step++;
    await page.screenshot({ path: join(SHOTS, `permissions-${String(step).padStart(2, '0')}-${name}.png`), fullPage: true });
  };
  const open = async (client: TenantConsole['tenantAdmin']) => {
    const s = await signedInPage(browser, c.url, client);
    contexts.push(s.context);
    page = s.page;
    return watchApi(page);
  };
  const createButton = () => page.getByRole('link', { name: 'Create', exact: true }).or(page.getByRole('button', { name: 'Create', exact: true }));
  const planRow = () => page.getByRole('row').filter({ hasText: c.planName });

  beforeAll(async () => {
    assertBrowserTestPrerequisites();
    mkdirSync(SHOTS, { recursive: true });
    c = await startTenantConsole();
    browser = await launchChromium();
  }, 180_000);

  afterEach(async (ctx) => {
    await screenshotIfFailed(page, ctx, 'permissions-');
  });

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await c?.close();
  });

  it('a tenant admin sees plans without Create, and a plan row does not open the editor', async () => {
    const api = await open(c.tenantAdmin);
    await page.goto(`${c.url}/plans/plans`);
    await ui(planRow()).toBeVisible();
    await api.settled();
    expect(await createButton().count()).toBe(0);
    await planRow().getByText(c.planName, { exact: true }).click();
    await page.waitForTimeout(500);
    expect(new URL(page.url()).pathname).toBe('/plans/plans');
    await shot('tenant-admin-plans');
    // Typing the create page's address does not give a form that can only fail.
    await page.goto(`${c.url}/plans/plans/create`);
    await api.settled();
    await page.waitForTimeout(500);
    expect(await page.getByRole('button', { name: 'Save' }).count()).toBe(0);
    await shot('tenant-admin-plan-create-refused');
    expect(api.failures.map((f) => f.text)).toEqual([]);
  });

  it('a tenant admin sees a flag\'s state but cannot flip it from the list', async () => {
    const api = await open(c.tenantAdmin);
    await page.goto(`${c.url}/feature-flags/flags`);
    const toggle = page.getByRole('row').filter({ hasText: FLAG_KEY }).getByRole('switch').or(page.getByRole('row').filter({ hasText: FLAG_KEY }).locator('input[type="checkbox"]'));
    await ui(toggle).toBeVisible();
    await api.settled();
    expect(await toggle.first().isDisabled()).toBe(true);
    expect(await createButton().count()).toBe(0);
    await shot('tenant-admin-flags');
    expect(api.failures.map((f) => f.text)).toEqual([]);
  });

  it('the super admin gets Create and the plan editor', async () => {
    await open(c.t.client);
    await page.goto(`${c.url}/plans/plans`);
    await ui(planRow()).toBeVisible();
    await ui(createButton()).toBeVisible();
    await planRow().getByText(c.planName, { exact: true }).click();
    await page.waitForURL(/\/plans\/plans\/[^/]+$/);
    await ui(page.getByRole('button', { name: 'Save' })).toBeVisible();
    await shot('super-admin-plan-editor');
  });
});
