import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { createTestKernel, type TestKernel } from '@platform/sdk/testing';
import metrics from '@platform/plugin-metrics';
import alerts from '@platform/plugin-alerts';
import incidents from '@platform/plugin-incidents';
import featureFlags from '@platform/plugin-feature-flags';
import health from '@platform/plugin-health';
import status from '@platform/plugin-status';
import plans from '@platform/plugin-plans';
import example from '@platform/plugin-example';
import { assertBrowserTestPrerequisites, launchChromium, SHOTS, openPage, screenshotIfFailed } from './browser.ts';

/** A console resource whose list rows open a record page (show or edit). */
interface RecordPage {
  resource: string;
  /** Text of the seeded row to click. */
  row: string;
  /** The record page has rendered the record: this text is shown (show) or an input holds it (edit). */
  shows?: string | RegExp;
  holds?: string;
  /** Staff act in this tenant for the resource (tenant-scoped resources). */
  tenant?: boolean;
}

/**
 * Every list → record path of the console (issue 14, item 4): clicking a row of each resource's list opens its
 * show or edit page without a crash. react-admin hands the page the list's row as its record until the record
 * arrives; a page that reads a field only its detail route has ("reading 'label'", "reading 'map'") used to show
 * "Something went wrong". The walk fails on an error boundary, an uncaught page error, or a record page that
 * never shows its record.
 */
describe('list → record pages (browser)', () => {
  let t: TestKernel;
  let url: string;
  let browser: Browser;
  let page: Page;
  let tenantId: string;
  const pageErrors: string[] = [];
  const shot = (name: string) => page.screenshot({ path: join(SHOTS, `list-to-record-${name.replace(/\W+/g, '-')}.png`), fullPage: true });

  const pages: RecordPage[] = [
    { resource: 'tenants', row: 'Walk Tenant', holds: 'Walk Tenant' },
    { resource: 'users', row: 'admin@platform.local', holds: 'admin@platform.local' },
    { resource: 'roles', row: 'Support', holds: 'Support' },
    { resource: 'plugins', row: 'incidents', shows: /Incident management/ },
    { resource: 'incidents/incidents', row: 'Walk incident', shows: 'Append-only' },
    { resource: 'alerts/active', row: 'Walk queue rule', shows: 'Fingerprint (PagerDuty dedup_key): walk-fingerprint' },
    { resource: 'alerts/rules', row: 'Walk queue rule', holds: 'Walk queue rule' },
    { resource: 'feature-flags/flags', row: 'walk.banner', holds: 'walk.banner' },
    { resource: 'feature-flags/overrides', row: 'walk.banner', shows: /walk\.banner/ },
    { resource: 'health/push-monitors', row: 'Walk backup', holds: 'Walk backup' },
    { resource: 'metrics/slos', row: 'Walk availability', holds: 'Walk availability' },
    { resource: 'plans/plans', row: 'Walk plan', holds: 'Walk plan' },
    { resource: 'status/maintenance-windows', row: 'Walk maintenance', holds: 'Walk maintenance' },
    { resource: 'status/incidents', row: 'Walk status incident', holds: 'Walk status incident' },
    { resource: 'example-notes', row: 'Walk note', holds: 'Walk note', tenant: true },
  ];

  const post = async (path: string, payload: Record<string, unknown>, headers: Record<string, string> = {}) => {
    const res = await t.inject({ method: 'POST', url: `/api/${path}`, payload, headers });
    expect([200, 201], `POST ${path}: ${res.body}`).toContain(res.statusCode);
    return res.json();
  };

  beforeAll(async () => {
    assertBrowserTestPrerequisites();
    mkdirSync(SHOTS, { recursive: true });
    t = await createTestKernel({
      plugins: [metrics, alerts, incidents, featureFlags, health, status, plans, example],
      serveConsole: true,
      config: { logLevel: process.env.TEST_LOG_LEVEL ?? 'silent' },
    });
    url = await t.kernel.app.listen({ port: 0, host: '127.0.0.1' });
    tenantId = (await post('tenants', { slug: 'walk-tenant', name: 'Walk Tenant' })).id;
    const now = Date.now();
    await post('incidents/incidents', { title: 'Walk incident', severity: 3, affectedSystems: ['builds'] });
    const rule = await post('alerts/rules', { name: 'Walk queue rule', metric: 'walk_queue_depth', aggregation: 'last', condition: 'gt', threshold: 100, windowMinutes: 1, forMinutes: 0, severity: 'warning', channels: [] });
    await t.sql(
      `INSERT INTO alerts_instances (id, rule_id, fingerprint, labels, state, state_since, firing_since, value, last_evaluated_at)
       VALUES ($1, $2, 'walk-fingerprint', '{"queue":"builds"}', 'firing', now(), now(), 150, now())`,
      [randomUUID(), rule.id],
    );
    await post('feature-flags/flags', { key: 'walk.banner', name: 'walk.banner', type: 'boolean', reason: 'walk setup' });
    await post('feature-flags/overrides', { flagKey: 'walk.banner', scope: 'tenant', tenantId, value: true, reason: 'walk setup' });
    await post('health/push-monitors', { name: 'Walk backup', expectedIntervalSeconds: 86_400, graceSeconds: 3600 });
    await post('metrics/slos', { name: 'Walk availability', kind: 'availability', targetPct: 99.9 });
    await post('plans/plans', { key: 'walk-plan', name: 'Walk plan', priceAmount: 0, currency: 'USD', interval: 'monthly' });
    await post('status/maintenance-windows', { title: 'Walk maintenance', scheduledStart: new Date(now + 86_400_000).toISOString(), scheduledEnd: new Date(now + 90_000_000).toISOString() });
    await post('status/incidents', { title: 'Walk status incident', status: 'investigating', impact: 'minor', message: 'Looking into it.' });
    await post('example/notes', { title: 'Walk note' }, { 'x-tenant-id': tenantId });

    browser = await launchChromium();
    page = await openPage(browser);
    page.on('pageerror', (err) => pageErrors.push(err.message));
    await page.goto(url + '/');
    await page.getByLabel('Email').fill('admin@platform.local');
    await page.getByLabel('Password').fill('test-admin-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('combobox', { name: 'Tenant' }).or(page.getByLabel('Tenant', { exact: true })).first().waitFor();
  }, 180_000);

  afterEach(async (ctx) => {
    await screenshotIfFailed(page, ctx, 'list-to-record-');
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  const holdsValue = (text: string) => page.evaluate((v) => Array.from(document.querySelectorAll('input, textarea'), (el) => (el as HTMLInputElement).value).includes(v), text);

  for (const p of pages) {
    it(`${p.resource}: a row opens its record`, async () => {
      // Each walk starts from a fresh page load with the list, as an operator would arrive at it.
      await page.evaluate((id) => localStorage.setItem('platform.tenant', id), p.tenant ? tenantId : '*');
      await page.goto(`${url}/${p.resource}`);
      const row = page.locator('tbody tr').filter({ hasText: p.row }).first();
      await row.waitFor();
      const errorsBefore = pageErrors.length;
      await row.getByText(p.row, { exact: true }).first().click();
      await expect.poll(() => new URL(page.url()).pathname).not.toBe(`/${p.resource}`);
      if (p.shows) await page.getByText(p.shows).first().waitFor();
      if (p.holds) await expect.poll(() => holdsValue(p.holds!), { timeout: 10_000 }).toBe(true);
      await shot(p.resource);
      expect(await page.getByText('Something went wrong').count()).toBe(0);
      expect(pageErrors.slice(errorsBefore)).toEqual([]);
    });
  }
});
