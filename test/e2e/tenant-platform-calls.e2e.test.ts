import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { assertBrowserTestPrerequisites, launchChromium, screenshotIfFailed, SHOTS, ui } from './browser.ts';
import { FLAG_KEY, signedInPage, startTenantConsole, type TenantConsole } from './tenant-console-fixture.ts';
import { watchApi } from './menu-walk.ts';

/**
 * A tenant admin's flag pages call no platform-only route (issue 14, item 14): "Evaluate as" shows their
 * own tenant without asking for the platform's tenant list (which answered 403, retried into seconds of
 * spinner), and the overrides list names their tenant in its Tenant column instead of an error icon.
 */
describe('tenant pages never call platform routes (browser)', () => {
  let c: TenantConsole;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let api: ReturnType<typeof watchApi>;
  const tenantListCalls: string[] = [];
  let step = 0;
  const shot = async (name: string) => {
    step++;
    await page.screenshot({ path: join(SHOTS, `tenant-calls-${String(step).padStart(2, '0')}-${name}.png`), fullPage: true });
  };

  beforeAll(async () => {
    assertBrowserTestPrerequisites();
    mkdirSync(SHOTS, { recursive: true });
    c = await startTenantConsole();
    browser = await launchChromium();
    ({ context, page } = await signedInPage(browser, c.url, c.tenantAdmin));
    api = watchApi(page);
    page.on('request', (req) => {
      const path = new URL(req.url()).pathname;
      if (path === '/api/tenants' || path.startsWith('/api/tenants/')) tenantListCalls.push(`${req.method()} ${path}`);
    });
  }, 180_000);

  afterEach(async (ctx) => {
    await screenshotIfFailed(page, ctx, 'tenant-calls-');
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await c?.close();
  });

  it('"Evaluate as" shows the own tenant and evaluates in it, with no call to the tenant list', async () => {
    await page.goto(`${c.url}/feature-flags/evaluate-as`);
    const tenant = page.getByLabel('Tenant', { exact: true });
    await ui(tenant).toBeVisible();
    expect(await tenant.inputValue()).toBe('Acme Corp (acme-corp)');
    await page.getByRole('button', { name: 'Evaluate' }).click();
    const row = page.getByRole('row').filter({ hasText: FLAG_KEY });
    await ui(row).toBeVisible();
    // Acme's override turns the flag off for it.
    await ui(row.getByText('false', { exact: true })).toBeVisible();
    await api.settled();
    await shot('evaluate-as');
    expect(tenantListCalls).toEqual([]);
    expect(api.failures.map((f) => f.text)).toEqual([]);
  });

  it('the overrides list names the tenant, with no error icon and no call to the tenant list', async () => {
    await page.goto(`${c.url}/feature-flags/overrides`);
    const row = page.getByRole('row').filter({ hasText: FLAG_KEY });
    await ui(row).toBeVisible();
    await ui(row.getByText('Acme Corp', { exact: true })).toBeVisible();
    await api.settled();
    expect(await row.locator('[data-testid="ErrorIcon"], [data-testid="ErrorOutlineIcon"]').count()).toBe(0);
    await shot('overrides');
    expect(tenantListCalls).toEqual([]);
    expect(api.failures.map((f) => f.text)).toEqual([]);
  });
});
