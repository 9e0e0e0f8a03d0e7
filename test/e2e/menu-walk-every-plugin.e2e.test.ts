import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { assertBrowserTestPrerequisites, launchChromium, SHOTS } from './browser.ts';
import { signedInPage, startTenantConsole, type TenantConsole } from './tenant-console-fixture.ts';
import { walkMenu, watchApi } from './menu-walk.ts';

/**
 * Every configured plugin loaded, as a deployment has them.
 * Signed in as a tenant admin, a tenant member, a super admin and a support agent, in Chromium: every menu entry the nav gives them
 * is opened in turn (one screenshot each), and the walk fails on any API answer of 400 or more and on any
 * error boundary. A tenant user's pages must only call what the API lets them.
 */
describe('tenant users and staff walk their whole menu (browser)', () => {
  let c: TenantConsole;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    assertBrowserTestPrerequisites();
    mkdirSync(SHOTS, { recursive: true });
    c = await startTenantConsole({ everyPlugin: true });
    browser = await launchChromium();
  }, 180_000);

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await c?.close();
  });

  const walkAs = async (who: 'tenant-admin' | 'tenant-member') => {
    const client = who === 'tenant-admin' ? c.tenantAdmin : c.tenantMember;
    // The onboarding tour (its own browser test covers it) dismissed as this user already did: its dialog would sit over the menu.
    const dismissed = await client.inject({ method: 'POST', url: '/api/onboarding/wizard/tour/dismiss', payload: {} });
    expect(dismissed.statusCode, dismissed.body).toBeLessThan(300);
    const { context, page } = await signedInPage(browser, c.url, client);
    contexts.push(context);
    const api = watchApi(page);
    await page.goto(c.url + '/');
    await page.getByRole('heading', { name: 'Acme Corp', level: 1 }).waitFor().catch(async (err) => {
      await page.screenshot({ path: join(SHOTS, `failed-walk-home-${who}.png`), fullPage: true });
      throw err;
    });
    const { entries, problems } = await walkMenu(page, `walk-${who}`, api);
    return { page, entries, problems };
  };

  const failedScreenshot = async (page: Page, name: string) => page.screenshot({ path: join(SHOTS, `failed-walk-${name}.png`), fullPage: true });

  it('as a tenant admin: every menu entry opens without a 4xx/5xx answer or an error boundary', async () => {
    const { page, entries, problems } = await walkAs('tenant-admin');
    if (problems.length) await failedScreenshot(page, 'tenant-admin');
    // The tenant admin's menu: their tenant's pages, none of the platform's.
    const labels = entries.map((e) => e.label);
    expect(labels).toEqual(expect.arrayContaining(['Dashboard', 'Plans', 'Tenant plan', 'Usage', 'Feature flags', 'Flag overrides', 'Evaluate as', 'Service health', 'Incidents affecting you', 'My messaging', 'My templates', 'Logs', 'Users', 'Invitations', 'API keys', 'Audit log', 'Billing', 'Marketplace', 'My add-ons', 'Integrations', 'Support', 'Privacy']));
    for (const platformOnly of [
      'Tenants', 'Jobs', 'Dead letters', 'Health', 'Kill switches', 'Status page notices', 'Alert rules', 'Near limits', 'Messaging providers', 'SMS credit accounts', 'Message templates', 'Delivery log', 'Messaging analytics',
      'Provider assignments', 'Billing overview', 'Billing settings', 'Invoices', 'Marketplace catalog', 'Add-on purchases', 'Backups', 'GDPR requests', 'Data retention', 'Support queue', 'Customer health', 'Daily digest', 'KPIs', 'Recommendations',
    ]) expect(labels).not.toContain(platformOnly);
    expect(problems).toEqual([]);
  }, 240_000);

  it('as platform staff (super admin, then support), all tenants selected: every menu entry opens without a 4xx/5xx answer or an error boundary', async () => {
    for (const role of ['super_admin', 'support'] as const) {
      const client = await c.t.signIn({ role });
      const { context, page } = await signedInPage(browser, c.url, client);
      contexts.push(context);
      const api = watchApi(page);
      await page.goto(c.url + '/');
      const { entries, problems } = await walkMenu(page, `walk-staff-${role}`, api);
      if (problems.length) await failedScreenshot(page, `staff-${role}`);
      const labels = entries.map((e) => e.label);
      expect(labels, role).toEqual(expect.arrayContaining(['Tenants', 'Support queue', 'Customer health']));
      for (const tenantOnly of ['My messaging', 'My templates', 'My add-ons', 'Privacy']) expect(labels, role).not.toContain(tenantOnly);
      expect(problems, role).toEqual([]);
    }
  }, 480_000);

  it('as a super admin with Acme selected in the tenant switcher: every menu entry opens without a 4xx/5xx answer or an error boundary', async () => {
    const client = await c.t.signIn({ role: 'super_admin' });
    const { context, page } = await signedInPage(browser, c.url, client);
    contexts.push(context);
    await context.addInitScript((id) => localStorage.setItem('platform.tenant', id), c.acme.id);
    const api = watchApi(page);
    await page.goto(c.url + '/');
    const { entries, problems } = await walkMenu(page, 'walk-staff-acme-selected', api);
    if (problems.length) await failedScreenshot(page, 'staff-acme-selected');
    expect(entries.length).toBeGreaterThan(20);
    expect(problems).toEqual([]);
  }, 480_000);

  it('as a tenant member: every menu entry opens without a 4xx/5xx answer or an error boundary', async () => {
    const { page, entries, problems } = await walkAs('tenant-member');
    if (problems.length) await failedScreenshot(page, 'tenant-member');
    const labels = entries.map((e) => e.label);
    expect(labels).toEqual(expect.arrayContaining(['Dashboard', 'Plans', 'Tenant plan', 'Service health', 'Incidents affecting you', 'Support', 'Marketplace', 'My add-ons']));
    for (const adminOnly of ['Users', 'API keys', 'Flag overrides', 'Tenants', 'Billing', 'Privacy', 'Invitations', 'Integrations', 'My templates', 'Backups', 'Support queue']) expect(labels).not.toContain(adminOnly);
    expect(problems).toEqual([]);
  }, 240_000);
});
