import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import storage from '@platform/plugin-storage';
import health from '@platform/plugin-health';
import logging from '@platform/plugin-logging';
import plans from '@platform/plugin-plans';
import featureFlags from '@platform/plugin-feature-flags';
import support from '@platform/plugin-support';
import incidents from '@platform/plugin-incidents';
import customerSuccess from '@platform/plugin-customer-success';
import type { TenantInfo } from '@platform/sdk';
import { createTestKernel, type TestClient, type TestKernel } from '@platform/sdk/testing';
import { assertBrowserTestPrerequisites, launchChromium, screenshotIfFailed, SHOTS, ui } from './browser.ts';
import { signedInPage } from './tenant-console-fixture.ts';
import { consoleKernelConfig } from './console-kernel-config.ts';

/**
 * Customer 360 in the console (issue 21 item 2), in Chromium: staff open a tenant's 360 page; panels contributed by
 * customer success, support, feature flags and incidents render in parallel, each in its own card; one panel whose
 * route is made to fail shows its error state (after the console's retries) while the others render; staff add a
 * note and a tag; a user's 360 page shows that user. A tenant admin has no 360 page.
 */
describe('customer 360 console (browser)', () => {
  let t: TestKernel;
  let url: string;
  let staff: TestClient;
  let member: TestClient;
  let tenant: TenantInfo;
  let browser: Browser;
  let page: Page;
  const contexts: BrowserContext[] = [];
  let step = 0;
  const shot = async (name: string) => {
    step++;
    await page.screenshot({ path: join(SHOTS, `customer-360-${String(step).padStart(2, '0')}-${name}.png`), fullPage: true });
  };
  const open = async (client: TestClient) => {
    const s = await signedInPage(browser, url, client);
    contexts.push(s.context);
    page = s.page;
  };
  const panel = (title: string) => page.getByRole('region', { name: title, exact: true });

  beforeAll(async () => {
    assertBrowserTestPrerequisites();
    mkdirSync(SHOTS, { recursive: true });
    t = await createTestKernel({ plugins: [storage, health, logging, plans, featureFlags, support, incidents, customerSuccess], serveConsole: true, config: consoleKernelConfig() });
    url = await t.kernel.app.listen({ port: 0, host: '127.0.0.1' });
    const starter = await t.inject({ method: 'POST', url: '/api/plans/plans', payload: { key: 'starter', name: 'Starter', priceAmount: 0, currency: 'USD', interval: 'monthly', trialDays: 14, isDefault: true } });
    expect(starter.statusCode, starter.body).toBe(201);
    tenant = await t.tenant('globex');
    member = await t.signIn({ role: 'tenant_admin', tenant: 'globex' });
    staff = await t.signIn({ role: 'admin' });
    const ticket = await member.inject({ method: 'POST', url: '/api/support/tickets', payload: { subject: 'Invoices page is slow', body: 'Takes 20 s.', category: 'problem' } });
    expect(ticket.statusCode, ticket.body).toBe(201);
    const incident = await t.inject({ method: 'POST', url: '/api/incidents/incidents', payload: { title: 'Checkout API degraded', severity: 2, affectedTenantIds: [tenant.id] } });
    expect(incident.statusCode, incident.body).toBe(201);
    await t.sql(
      `INSERT INTO platform_logs (id, logged_at, level, tenant_id, service, action, message, request_id)
       SELECT gen_random_uuid(), now() - make_interval(mins => i), 'error', $1, 'api', 'invoices.list', 'statement timeout #' || i, 'req-' || i FROM generate_series(1, 4) i`,
      [tenant.id],
    );
    for (const [method, path, payload] of [
      ['PUT', 'tags/vip', undefined],
      ['POST', 'contacts', { channel: 'phone', summary: 'Renewal call with the CFO' }],
    ] as const) {
      const res = await staff.inject({ method, url: `/api/customer-success/customers/${tenant.id}/${path}`, payload: payload as any });
      expect(res.statusCode, res.body).toBeLessThan(300);
    }
    expect((await t.inject({ method: 'POST', url: '/api/customer-success/score/recompute', payload: { tenantId: tenant.id } })).statusCode).toBe(200);
    browser = await launchChromium();
  }, 180_000);

  afterEach(async (ctx) => {
    await screenshotIfFailed(page, ctx, 'customer-360-');
  });

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await t?.close();
  }, 120_000);

  it('staff open the 360 page: every panel renders, and a deliberately failing one shows its error while the others render', async () => {
    await open(staff);
    // The errors panel's route answers 500 for this page: its card shows the error, nothing else is affected.
    await page.route('**/api/customer-success/customers/*/360/errors', (route) =>
      route.fulfill({ status: 500, contentType: 'application/problem+json', body: JSON.stringify({ type: 'about:blank', title: 'Internal Server Error', status: 500, detail: 'Injected failure for the test' }) }),
    );
    const panelRequests: string[] = [];
    page.on('request', (req) => /\/api\/(customer-success\/(customers|score)|support\/queue|feature-flags\/overrides|incidents\/incidents)/.test(req.url()) && panelRequests.push(new URL(req.url()).pathname));
    await page.goto(`${url}/customers/${tenant.id}`);
    await ui(page.getByRole('heading', { name: /Customer 360: globex/i })).toBeVisible();
    await ui(page.getByTestId('panel-skeleton')).toBeVisible();
    await shot('loading');

    await ui(panel('Profile and tags').getByText('vip')).toBeVisible();
    await ui(panel('Plan and billing').getByText(/Starter \(starter\)/)).toBeVisible();
    await ui(panel('Plan and billing').getByText(/In trial until/)).toBeVisible();
    await ui(panel('Plan and billing').getByText('No invoices: the billing plugin is not installed')).toBeVisible();
    await ui(panel('Health score').getByText(/\/100/)).toBeVisible();
    await ui(panel('Tickets').getByText('Invoices page is slow')).toBeVisible();
    await ui(panel('Incidents that affected them').getByText('Checkout API degraded')).toBeVisible();
    // The tenant's default flag set, seeded as overrides when it was provisioned.
    await ui(panel('Flags and overrides').getByText(/admin\.realtime_dashboard = /)).toBeVisible();
    await ui(panel('Notes and contact log').getByText(/Renewal call with the CFO/)).toBeVisible();
    await ui(panel('Activity timeline').getByText(/SEV2 Checkout API degraded/)).toBeVisible();
    await ui(panel('Usage')).toBeVisible();
    // After the console's retries of a 5xx, the failing panel shows its own error state.
    await ui(panel('Last 3 errors').getByTestId('panel-error')).toBeVisible();
    await ui(panel('Last 3 errors').getByText(/Injected failure for the test/)).toBeVisible();
    expect(await page.getByTestId('panel-error').count()).toBe(1);
    await shot('one-panel-failed');
    // Every panel asked for its data at page load, not one after another.
    for (const p of ['/360/profile', '/360/plan', '/360/usage', '/360/timeline', '/360/errors', '/notes', '/contacts', '/support/queue', '/feature-flags/overrides', '/incidents/incidents', `/score/${tenant.id}`]) {
      expect(panelRequests.some((r) => r.endsWith(p)), p).toBe(true);
    }

    // The failure is over: Retry loads the panel.
    await page.unroute('**/api/customer-success/customers/*/360/errors');
    await panel('Last 3 errors').getByRole('button', { name: 'Retry' }).click();
    await ui(panel('Last 3 errors').getByText('statement timeout #1')).toBeVisible();
    expect(await panel('Last 3 errors').getByText(/statement timeout #/).count()).toBe(3);
  });

  it('staff with another tenant selected in the switcher still see this tenant in every panel', async () => {
    const other = await t.tenant('initech');
    // The switcher's choice, as the console keeps it: every request would carry X-Tenant-Id of initech.
    await page.evaluate((id) => localStorage.setItem('platform.tenant', id), other.id);
    const refused: string[] = [];
    // (billing is not loaded here: the plan panel's probe of its invoices answers 404 and is not a refusal)
    const onResponse = (res: { status(): number; url(): string }) => (res.status() === 403 || res.status() >= 500) && refused.push(`${res.status()} ${new URL(res.url()).pathname}`);
    page.on('response', onResponse);
    try {
      await page.goto(`${url}/customers/${tenant.id}`);
      await ui(panel('Tickets').getByText('Invoices page is slow')).toBeVisible();
      await ui(panel('Incidents that affected them').getByText('Checkout API degraded')).toBeVisible();
      await ui(panel('Flags and overrides').getByText(/admin\.realtime_dashboard = /)).toBeVisible();
      await ui(panel('Activity timeline').getByText(/SEV2 Checkout API degraded/)).toBeVisible();
      await ui(panel('Users').getByText(/@/).first()).toBeVisible();
      await shot('other-tenant-selected');
      expect(await page.getByTestId('panel-error').count()).toBe(0);
      expect(refused).toEqual([]);
    } finally {
      page.off('response', onResponse);
      await page.evaluate(() => localStorage.removeItem('platform.tenant'));
    }
  });

  it('staff add an internal note and a tag from the page; they are audited', async () => {
    await page.goto(`${url}/customers/${tenant.id}`);
    const notes = panel('Notes and contact log');
    await notes.getByLabel('New note').fill('Wants SSO before renewal');
    await notes.getByRole('button', { name: 'Add' }).click();
    await ui(notes.getByText('Wants SSO before renewal')).toBeVisible();
    const profile = panel('Profile and tags');
    await profile.getByLabel(/Add a tag/).fill('high-touch');
    await profile.getByLabel(/Add a tag/).press('Enter');
    await ui(profile.getByText('high-touch')).toBeVisible();
    await shot('note-and-tag');
    const audit = await t.sql<{ action: string }>(`SELECT action FROM audit WHERE tenant_id = $1 AND action IN ('customer_success.note_added', 'customer_success.tag_added') ORDER BY id`, [tenant.id]);
    expect(audit.map((a) => a.action)).toEqual(['customer_success.tag_added', 'customer_success.note_added', 'customer_success.tag_added']);
  });

  it('staff extend the trial from the quick actions; the plan panel shows the new end', async () => {
    const before = (await staff.inject(`/api/customer-success/customers/${tenant.id}/360/plan`)).json().trialEndsAt;
    await panel('Profile and tags').getByRole('button', { name: 'Extend trial' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Days').fill('10');
    await dialog.getByLabel('Reason').fill('Security review takes longer');
    await shot('extend-trial-dialog');
    await dialog.getByRole('button', { name: 'Extend trial' }).click();
    await ui(page.getByText('Extend trial: done')).toBeVisible();
    const after = (await staff.inject(`/api/customer-success/customers/${tenant.id}/360/plan`)).json().trialEndsAt;
    expect(new Date(after).getTime() - new Date(before).getTime()).toBe(10 * 86_400_000);
    const shown = await page.evaluate((iso) => new Date(iso).toLocaleString(), after);
    await ui(panel('Plan and billing').getByText(`In trial until ${shown}`, { exact: false })).toBeVisible();
    await shot('trial-extended');
  });

  it("a user's 360 page shows the user, their activity and notes on them", async () => {
    const [user] = await t.sql<{ id: string; email: string }>(`SELECT id, email FROM users WHERE tenant_id = $1 LIMIT 1`, [tenant.id]);
    // Reached from the tenant page's Users panel.
    await page.goto(`${url}/customers/${tenant.id}`);
    await panel('Users').getByText(user.email).waitFor();
    await panel('Users').getByRole('link').first().click();
    await page.waitForURL(`**/customers/${tenant.id}/users/${user.id}`);
    await ui(page.getByRole('heading', { name: /User 360: globex/i })).toBeVisible();
    await ui(panel('User profile and activity').getByText(user.email)).toBeVisible();
    await ui(panel('Notes and contact log')).toBeVisible();
    await shot('user-page');
  });

  it('the activity timeline pages back to older activity', async () => {
    // 150 older entries, oldest first (ids follow time): the first page holds the newest 100.
    await t.sql(
      `INSERT INTO audit (at, actor_type, tenant_id, action, target_type, target_id)
       SELECT now() - make_interval(mins => 200 - i), 'system', $1, 'report.exported', 'report', 'r-' || lpad(i::text, 4, '0') FROM generate_series(1, 150) i`,
      [tenant.id],
    );
    await page.goto(`${url}/customers/${tenant.id}`);
    const timeline = panel('Activity timeline');
    await ui(timeline.getByText('report exported (report r-0150)')).toBeVisible();
    expect(await timeline.getByText('report exported (report r-0001)').count()).toBe(0);
    await timeline.getByRole('button', { name: 'Load older activity' }).click();
    await ui(timeline.getByText('report exported (report r-0001)')).toBeVisible();
    expect(await timeline.getByText(/report exported \(report r-/).count()).toBe(150);
    await ui(timeline.getByRole('button', { name: 'Load older activity' })).toHaveCount(0);
    await shot('timeline-older');
  });

  it('a tenant admin has no 360 page and reads no panel route', async () => {
    await open(member);
    await page.goto(`${url}/customers/${tenant.id}`);
    await ui(page.getByText('This page is not available')).toBeVisible();
    expect(await page.getByTestId('customer-360').count()).toBe(0);
    expect((await member.inject(`/api/customer-success/customers/${tenant.id}/notes`)).statusCode).toBe(403);
    await shot('tenant-admin-refused');
  });
});
