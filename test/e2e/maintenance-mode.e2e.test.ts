import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import featureFlags from '@platform/plugin-feature-flags';
import { createHealthPlugin } from '@platform/plugin-health';
import { createStatusPlugin } from '@platform/plugin-status';
import { assertBrowserTestPrerequisites, launchChromium, openPage, screenshotIfFailed, SHOTS, ui } from './browser.ts';
import { consoleKernelConfig } from './console-kernel-config.ts';
import { signedInPage } from './tenant-console-fixture.ts';
import { createOnboardingKernel, type OnboardingKernel } from '../../plugins/onboarding/test/support/onboarding-kernel.ts';

/**
 * Issue 20, item 6: with the flag `platform.maintenance_mode` on, a tenant admin's console shows the maintenance
 * banner, the public status page says the platform is in maintenance, and the public onboarding pages say so
 * (before and after a refused submit) instead of a generic error. Off again, the banner goes.
 */
describe('maintenance mode (browser)', () => {
  let k: OnboardingKernel;
  let url: string;
  let browser: Browser;
  let page: Page;
  let tenantContext: BrowserContext | null = null;
  let step = 0;
  const shot = async (p: Page, name: string) => {
    step++;
    await p.screenshot({ path: join(SHOTS, `maintenance-mode-${String(step).padStart(2, '0')}-${name}.png`), fullPage: true });
  };

  const setMaintenance = async (on: boolean) => {
    const flag = (await k.t.inject('/api/feature-flags/flags/platform.maintenance_mode')).json() as Record<string, unknown>;
    const res = await k.t.inject({ method: 'PUT', url: `/api/feature-flags/flags/${flag.id}`, payload: { ...flag, enabled: on, reason: 'maintenance browser test' } });
    expect(res.statusCode, res.body).toBe(200);
    k.t.kernel.services.maintenance.refresh();
    expect((await k.t.kernel.app.inject('/api/maintenance')).json().active).toBe(on);
  };

  beforeAll(async () => {
    assertBrowserTestPrerequisites();
    mkdirSync(SHOTS, { recursive: true });
    k = await createOnboardingKernel([featureFlags, createHealthPlugin({ autoStart: false }), createStatusPlugin()], { serveConsole: true, config: consoleKernelConfig() });
    url = await k.t.kernel.app.listen({ port: 0, host: '127.0.0.1' });
    browser = await launchChromium();
    page = await openPage(browser);
  }, 180_000);

  afterEach(async (ctx) => {
    await screenshotIfFailed(page, ctx, 'maintenance-mode-');
  });

  afterAll(async () => {
    await tenantContext?.close().catch(() => undefined);
    await browser?.close();
    await k?.close();
  });

  it("shows the banner on a tenant admin's console while the API refuses the tenant's writes", async () => {
    const admin = await k.t.signIn({ role: 'tenant_admin', tenant: 'umbrella' });
    await setMaintenance(true);
    const refused = await admin.inject({ method: 'POST', url: '/api/onboarding/invitations', payload: { email: 'new@umbrella.example', role: 'tenant_member' } });
    expect(refused.statusCode).toBe(503);
    expect(refused.json().code).toBe('maintenance');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);

    const s = await signedInPage(browser, url, admin);
    tenantContext = s.context;
    page = s.page;
    await page.goto(url + '/');
    const banner = page.getByTestId('maintenance-banner');
    await ui(banner).toBeVisible();
    expect(await banner.innerText()).toContain('The platform is in maintenance: changes are paused');
    await shot(page, 'tenant-console-banner');
  });

  it('the public status page shows the maintenance', async () => {
    page = await openPage(browser);
    const res = await page.goto(url + '/status');
    expect(res?.status()).toBe(200);
    await ui(page.getByRole('heading', { name: 'The platform is in maintenance' })).toBeVisible();
    await shot(page, 'public-status-page');
  });

  it('the public forgot-password page says maintenance up front, and again when its submit is refused', async () => {
    await page.goto(url + '/forgot-password');
    const notice = page.getByTestId('public-maintenance');
    await ui(notice).toBeVisible();
    expect(await notice.innerText()).toContain('The platform is in maintenance');
    await page.getByLabel('Email').fill('someone@umbrella.example');
    await page.getByRole('button', { name: /send/i }).click();
    const refusal = page.getByRole('alert');
    await ui(refusal).toBeVisible();
    expect(await refusal.innerText()).toContain('The platform is in maintenance');
    expect(await refusal.innerText()).toContain('Nothing was changed');
    expect(await page.getByText(/The request failed/).count()).toBe(0);
    await shot(page, 'public-forgot-password-refused');
  });

  it('staff switch it off; the tenant console loses its banner', async () => {
    await setMaintenance(false);
    const tenantPage = await tenantContext!.newPage();
    await tenantPage.goto(url + '/');
    await tenantPage.waitForLoadState('networkidle');
    expect(await tenantPage.getByTestId('maintenance-banner').count()).toBe(0);
    await shot(tenantPage, 'tenant-console-no-banner');
  });
});
