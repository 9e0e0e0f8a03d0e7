import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { TenantInfo } from '@platform/sdk';
import { createTestKernel, type TestKernel } from '@platform/sdk/testing';
import featureFlags from '@platform/plugin-feature-flags';
import example from '@platform/plugin-example';
import { assertBrowserTestPrerequisites, launchChromium, SHOTS, ui, openPage, screenshotIfFailed } from './browser.ts';
import { signInToConsole } from './console-sign-in.ts';

const FLAG = 'example.notes_chart';

/**
 * `useFlag` (`@platform/sdk/admin/use-flag`) in the real console, in Chromium, against an in-process kernel
 * with the feature-flags and example plugins: the example widget's chart follows `example.notes_chart`
 * through PATCH, the kill switch, and a per-tenant override picked up by the tenant switcher.
 *
 * The hook's fallback is `true` and is served while loading, so "the chart is shown" alone proves little:
 * every "shown" step first waits for the console's own evaluate answer (and checks it said true), and
 * every "hidden" step proves the hook turned a server answer into a re-render.
 */
describe('useFlag in the console (browser)', () => {
  let t: TestKernel;
  let url: string;
  let browser: Browser;
  let page: Page;
  let tenantA: TenantInfo;
  let tenantB: TenantInfo;
  let step = 0;
  const shot = async (name: string) => {
    step++;
    await page.screenshot({ path: join(SHOTS, `flag-hook-${String(step).padStart(2, '0')}-${name}.png`), fullPage: true });
  };

  const chart = () => page.getByTestId('example-notes-chart');
  /** The rest of the widget, rendered whatever the flag says. */
  const widgetText = () => page.getByText(/notes, \d+ done/);

  const api = async (method: 'POST' | 'PATCH', path: string, payload: Record<string, unknown>) => {
    const res = await t.inject({ method, url: `/api/feature-flags${path}`, payload, headers: { 'content-type': 'application/json' } });
    expect([200, 201], `${method} ${path}: ${res.body}`).toContain(res.statusCode);
    return res.json();
  };

  interface Answer {
    status: number;
    tenant: string | undefined;
    body: { value: unknown; reason: string };
  }
  /**
   * Every evaluate answer for the flag the console received (the hook's own requests), bodies read as they
   * arrive. A tenant switch fires several (react-query cancels the superseded ones), so answers whose body
   * never arrived are left out.
   */
  const answers: Answer[] = [];
  const recordAnswers = (p: Page) =>
    p.on('response', (r) => {
      const req = r.request();
      if (!r.url().endsWith('/api/feature-flags/evaluate') || req.method() !== 'POST' || !(req.postData() ?? '').includes(FLAG)) return;
      r.json().then(
        (body: Answer['body']) => answers.push({ status: r.status(), tenant: req.headers()['x-tenant-id'], body }),
        () => undefined,
      );
    });

  /** Runs `act` (a reload or a tenant switch) and returns the first evaluate answer in `tenant` it brought. */
  const evaluationAfter = async (tenant: TenantInfo, act: () => Promise<unknown>): Promise<Answer> => {
    const seen = answers.length;
    await act();
    const deadline = Date.now() + 15_000;
    for (;;) {
      const found = answers.slice(seen).find((a) => a.tenant === tenant.id);
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`no evaluate answer for ${FLAG} in tenant ${tenant.name}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };

  const expectChartShown = async (answer: Answer, tenant: TenantInfo) => {
    expect(answer.status).toBe(200);
    expect(answer.tenant).toBe(tenant.id);
    expect(answer.body).toMatchObject({ value: true });
    expect(answer.body.reason).not.toBe('ERROR');
    await ui(widgetText()).toBeVisible();
    await ui(chart()).toBeVisible();
    // Still there once everything has settled (not just the fallback of a pending query).
    await page.waitForTimeout(300);
    expect(await chart().count()).toBe(1);
  };

  const expectChartHidden = async (answer: Answer, tenant: TenantInfo) => {
    expect(answer.status).toBe(200);
    expect(answer.tenant).toBe(tenant.id);
    expect(answer.body).toMatchObject({ value: false });
    await ui(widgetText()).toBeVisible();
    await ui(page.getByText(/Greeting setting/)).toBeVisible();
    await ui(chart()).toHaveCount(0);
  };

  const selectTenant = (tenant: TenantInfo) => page.getByLabel('Tenant', { exact: true }).selectOption({ label: tenant.name });

  beforeAll(async () => {
    assertBrowserTestPrerequisites();
    mkdirSync(SHOTS, { recursive: true });
    t = await createTestKernel({ plugins: [featureFlags, example], serveConsole: true, config: { logLevel: process.env.TEST_LOG_LEVEL ?? 'silent' } });
    url = await t.kernel.app.listen({ port: 0, host: '127.0.0.1' });
    tenantA = await t.tenant('flag-hook-a');
    tenantB = await t.tenant('flag-hook-b');
    await api('POST', '/flags', { key: FLAG, name: 'Notes chart', type: 'boolean', enabled: true, killSwitch: true, reason: 'e2e: useFlag in the console' });
    browser = await launchChromium();
    page = await openPage(browser);
    recordAnswers(page);
  }, 120_000);

  afterEach(async (ctx) => {
    await screenshotIfFailed(page, ctx, 'flag-hook-');
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('shows the chart while the flag is on', async () => {
    await signInToConsole(page, url);
    const answer = await evaluationAfter(tenantA, () => selectTenant(tenantA));
    await ui(page.getByRole('heading', { name: /Welcome/ })).toBeVisible();
    await expectChartShown(answer, tenantA);
    await shot('on');
  });

  it('hides the chart, keeping the rest of the widget, once the flag is turned off (PATCH), and shows it again when on', async () => {
    await api('PATCH', `/flags/${FLAG}`, { enabled: false, reason: 'e2e: off' });
    await expectChartHidden(await evaluationAfter(tenantA, () => page.reload()), tenantA);
    await shot('patched-off');

    await api('PATCH', `/flags/${FLAG}`, { enabled: true, reason: 'e2e: on again' });
    await expectChartShown(await evaluationAfter(tenantA, () => page.reload()), tenantA);
    await shot('patched-on');
  });

  it('follows the kill switch and its restore', async () => {
    await api('POST', `/flags/${FLAG}/kill`, { reason: 'e2e: kill' });
    await expectChartHidden(await evaluationAfter(tenantA, () => page.reload()), tenantA);
    await shot('killed');

    await api('POST', `/flags/${FLAG}/restore`, { reason: 'e2e: restore' });
    await expectChartShown(await evaluationAfter(tenantA, () => page.reload()), tenantA);
    await shot('restored');
  });

  it('evaluates for the tenant the switcher selects: an override off for tenant B only', async () => {
    await api('POST', '/overrides', { flagKey: FLAG, scope: 'tenant', tenantId: tenantB.id, value: false, reason: 'e2e: off for B' });

    // Switching tenant refetches the evaluation with the new X-Tenant-Id (no reload).
    await expectChartHidden(await evaluationAfter(tenantB, () => selectTenant(tenantB)), tenantB);
    // The dashboard's tenant chip: the widget shown is tenant B's.
    await ui(page.locator('.MuiChip-root').getByText(tenantB.name, { exact: true })).toBeVisible();
    await shot('tenant-b-override-off');

    await expectChartShown(await evaluationAfter(tenantA, () => selectTenant(tenantA)), tenantA);
    await shot('tenant-a-on');

    // And B stays off across a reload (the selection is kept in localStorage).
    await selectTenant(tenantB);
    await ui(chart()).toHaveCount(0);
    await expectChartHidden(await evaluationAfter(tenantB, () => page.reload()), tenantB);
    await shot('tenant-b-after-reload');
  });
});
