import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { assertBrowserTestPrerequisites, launchChromium, screenshotIfFailed, SHOTS, ui } from './browser.ts';
import { FLAG_KEY, signedInPage, startTenantConsole, type TenantConsole } from './tenant-console-fixture.ts';
import { watchApi } from './menu-walk.ts';

/**
 * A tenant user's home is about their tenant (issue 14, item 16): its name, its plan, its services'
 * health, the open incidents that affect it (not another tenant's), and, for the tenant admin, its flags,
 * all from tenant routes (no 4xx). No platform widget, no "select a tenant" empty state.
 */
describe("the tenant user's dashboard (browser)", () => {
  let c: TenantConsole;
  let browser: Browser;
  let page: Page;
  const contexts: BrowserContext[] = [];
  let step = 0;
  const shot = async (name: string) => {
    step++;
    await page.screenshot({ path: join(SHOTS, `tenant-home-${String(step).padStart(2, '0')}-${name}.png`), fullPage: true });
  };
  const widget = (title: string) => page.getByRole('region', { name: title, exact: true });

  beforeAll(async () => {
    assertBrowserTestPrerequisites();
    mkdirSync(SHOTS, { recursive: true });
    c = await startTenantConsole();
    browser = await launchChromium();
  }, 180_000);

  afterEach(async (ctx) => {
    await screenshotIfFailed(page, ctx, 'tenant-home-');
  });

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await c?.close();
  });

  const home = async (client: TenantConsole['tenantAdmin']) => {
    const s = await signedInPage(browser, c.url, client);
    contexts.push(s.context);
    page = s.page;
    const api = watchApi(page);
    await page.goto(c.url + '/');
    await ui(page.getByRole('heading', { name: 'Acme Corp', level: 1 })).toBeVisible();
    return api;
  };

  it("a tenant admin sees their plan, services, incidents and flags", async () => {
    const api = await home(c.tenantAdmin);
    await ui(widget('Your plan').getByText(c.planName)).toBeVisible();
    await ui(widget('Your services')).toBeVisible();
    await ui(widget('Open incidents affecting you').getByText('Checkout slow for Acme')).toBeVisible();
    expect(await widget('Open incidents affecting you').getByText('Globex only outage').count()).toBe(0);
    await ui(widget('Your flags').getByText(FLAG_KEY)).toBeVisible();
    // On for the platform, off for Acme by its override: the widget shows the tenant's value.
    expect(await widget('Your flags').innerText()).toMatch(new RegExp(`${FLAG_KEY.replace('.', '\\.')} · set for you\\s*off`));
    await api.settled();
    await shot('tenant-admin');
    for (const platformWidget of ['Platform health', 'SLOs (7 days)', 'Plan & usage', 'Feature flags']) expect(await widget(platformWidget).count()).toBe(0);
    expect(await page.getByText('No dashboard widgets yet').count()).toBe(0);
    expect(api.failures.map((f) => f.text)).toEqual([]);
  });

  it('a tenant member sees their plan, services and incidents', async () => {
    const api = await home(c.tenantMember);
    await ui(widget('Your plan').getByText(c.planName)).toBeVisible();
    await ui(widget('Your services')).toBeVisible();
    await ui(widget('Open incidents affecting you').getByText('Checkout slow for Acme')).toBeVisible();
    await api.settled();
    await shot('tenant-member');
    expect(await page.getByText('No dashboard widgets yet').count()).toBe(0);
    expect(api.failures.map((f) => f.text)).toEqual([]);
  });
});
