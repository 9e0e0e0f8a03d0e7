import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { TestClient } from '@platform/testing';
import { assertBrowserTestPrerequisites, launchChromium, screenshotIfFailed, SHOTS, ui } from './browser.ts';
import { signedInPage } from './tenant-console-fixture.ts';
import { giveLoyaltyPlan, startWizardKernel, type WizardKernel } from '../../plugins/onboarding/test/wizard/support/wizard-kernel.ts';

/**
 * The brand onboarding wizard in Chromium (issue 20, item 5): a new tenant admin is offered the guided tour and
 * dismisses it for good, then completes the seven steps: basic info (a refused color shown on its field), Shopify
 * through its OAuth page (a local fake), a reload and a new browser in the middle resuming at the same step,
 * Stripe Connect and Wise, modules within the plan, the team, the import with its progress bar, and the launch
 * checklist; the welcome email reaches the SMTP fake. A screenshot of each step lands in test/.artifacts/e2e.
 */
describe('onboarding wizard (browser)', () => {
  let w: WizardKernel;
  let url: string;
  let admin: TestClient;
  let browser: Browser;
  let page: Page;
  const contexts: BrowserContext[] = [];
  let n = 0;
  const shot = async (name: string) => {
    n++;
    await page.screenshot({ path: join(SHOTS, `onboarding-wizard-${String(n).padStart(2, '0')}-${name}.png`), fullPage: true });
  };
  const open = async () => {
    const s = await signedInPage(browser, url, admin);
    contexts.push(s.context);
    page = s.page;
  };
  const onStep = (id: string) => ui(page.locator(`[data-testid="onboarding-wizard"][data-current-step="${id}"]`)).toBeVisible();

  beforeAll(async () => {
    assertBrowserTestPrerequisites();
    mkdirSync(SHOTS, { recursive: true });
    w = await startWizardKernel({ serveConsole: true, background: true });
    url = await w.t.kernel.app.listen({ port: 0, host: '127.0.0.1' });
    admin = await w.t.signIn({ role: 'tenant_admin', tenant: 'new-brand' });
    await giveLoyaltyPlan(w.t, admin.tenant!.id);
    browser = await launchChromium();
  }, 180_000);

  afterEach(async (ctx) => {
    await screenshotIfFailed(page, ctx, 'onboarding-wizard-');
  });

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await w?.close();
  }, 120_000);

  it('offers the guided tour on first sign-in, dismissible for good', async () => {
    await open();
    await page.goto(`${url}/`);
    await ui(page.getByTestId('guided-tour')).toBeVisible();
    await shot('tour');
    await page.getByTestId('tour-next').click();
    await page.getByTestId('tour-dismiss').click();
    await page.getByTestId('guided-tour').waitFor({ state: 'hidden' });
    await page.reload();
    await ui(page.getByTestId('continue-setup')).toBeVisible();
    expect(await page.getByTestId('guided-tour').count()).toBe(0);
    expect((await (await admin.inject('/api/onboarding/wizard/tour')).json()).offered).toBe(false);
  });

  it('completes the whole wizard, resuming after a reload and in a new browser', async () => {
    await page.getByTestId('continue-setup').click();
    await onStep('basic-info');

    // 1. Basic info, with a color the server refuses, shown on its field.
    await page.getByTestId('field-name').fill('Northwind Coffee');
    await page.getByTestId('field-slug').fill('northwind-coffee');
    await ui(page.getByText('Available', { exact: true })).toBeVisible();
    await page.getByTestId('field-domain').fill('shop.northwind-coffee.com');
    await page.getByTestId('field-logo-url').fill('https://cdn.northwind-coffee.com/logo.png');
    await page.getByTestId('field-primary-color').fill('#fafafa');
    await page.getByTestId('field-accent-color').fill('#c0392b');
    await page.getByTestId('wizard-save').click();
    await ui(page.getByText(/hard to read/)).toBeVisible();
    await shot('basic-info-field-error');
    await page.getByTestId('field-primary-color').fill('#3b2412');
    await page.getByTestId('wizard-save').click();

    // 2. Shopify: the OAuth round through the fake's authorize page and back.
    await onStep('shopify');
    await page.getByTestId('field-shop').fill(w.shopify.shop);
    await page.getByTestId('scope-read_orders').check();
    await shot('shopify');
    await page.getByTestId('shopify-connect').click();
    await page.waitForURL(/\/onboarding\/wizard\/shopify\?connected=shopify/);
    await ui(page.getByTestId('shopify-connected')).toBeVisible();
    await page.getByTestId('wizard-save').click();

    // Reload in the middle: the same step, from the server.
    await onStep('payments');
    await page.reload();
    await onStep('payments');
    // And a new browser (a fresh context with the same account).
    await open();
    await page.goto(`${url}/onboarding/wizard`);
    await onStep('payments');
    await shot('payments-resumed');

    // 3. Payments: Stripe Connect's OAuth and a Wise token.
    await page.getByTestId('use-stripe').check();
    await page.getByTestId('stripe-connect').click();
    await page.waitForURL(/\/onboarding\/wizard\/payments\?connected=stripe/);
    await ui(page.getByTestId('stripe-connected')).toBeVisible();
    await page.getByTestId('use-wise').check();
    await page.getByTestId('field-wise-token').fill('ffffffff-ffff-4fff-8fff-ffffffffffff');
    await page.getByTestId('wise-check').click();
    await ui(page.getByText('Wise refused this API token')).toBeVisible();
    await page.getByTestId('field-wise-token').fill(w.wise.token);
    await page.getByTestId('wise-check').click();
    await page.getByTestId('field-wise-profile').click();
    await page.getByRole('option', { name: /Acme Trading Ltd/ }).click();
    await shot('payments');
    await page.getByTestId('wizard-save').click();

    // 4. Modules within the plan.
    await onStep('features');
    expect(await page.getByTestId('module-reviews').isDisabled()).toBe(true);
    await page.getByTestId('module-loyalty').check();
    await shot('features');
    await page.getByTestId('wizard-save').click();

    // 5. The team.
    await onStep('team');
    await page.getByTestId('invite-email-0').fill('barista@northwind-coffee.com');
    await shot('team');
    await page.getByTestId('wizard-save').click();

    // 6. The import, with its progress bar (the job runs in the background).
    await onStep('import');
    await page.getByTestId('field-since-days').fill('3650');
    await page.getByTestId('import-start').click();
    await ui(page.getByTestId('import-progress')).toBeVisible();
    await shot('import-running');
    await page.getByText('Done: 120 orders imported').waitFor({ timeout: 60_000 });
    await shot('import-done');
    await page.getByTestId('import-continue').click();

    // 7. The checklist, then go live.
    await onStep('launch');
    await ui(page.getByTestId('checklist-import').getByText('Verified')).toBeVisible();
    await shot('launch-checklist');
    await page.getByTestId('wizard-launch').click();
    await ui(page.getByTestId('wizard-live')).toBeVisible();
    await shot('live');
    expect(w.smtp.requests.some((m) => m.raw.includes('Northwind Coffee'))).toBe(true);
    const tenant = await w.t.kernel.services.directory.get(admin.tenant!.id);
    expect(tenant).toMatchObject({ name: 'Northwind Coffee', slug: 'northwind-coffee' });
  }, 240_000);
});
