import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import featureFlags from '@platform/plugin-feature-flags';
import { assertBrowserTestPrerequisites, launchChromium, openPage, screenshotIfFailed, SHOTS, ui } from './browser.ts';
import { consoleKernelConfig } from './console-kernel-config.ts';
import { createOnboardingKernel, type OnboardingKernel } from '../../plugins/onboarding/test/support/onboarding-kernel.ts';

/**
 * Issue 20, item 3: the public signup page (the browser solves the proof of work), the emailed confirmation link,
 * the password, then sign-in as the new tenant's admin; and the closed page while the flag is off. Also the
 * tenant admin's invitations page: invite, then revoke with a confirmation.
 */
describe('self-signup and the invitations page (browser)', () => {
  let k: OnboardingKernel;
  let url: string;
  let browser: Browser;
  let page: Page;
  let step = 0;
  const shot = async (name: string) => {
    step++;
    await page.screenshot({ path: join(SHOTS, `onboarding-signup-${String(step).padStart(2, '0')}-${name}.png`), fullPage: true });
  };
  const setSignupFlag = async (on: boolean) => {
    const flag = (await k.t.inject('/api/feature-flags/flags/platform.new_tenant_signup')).json() as Record<string, unknown>;
    const res = await k.t.inject({ method: 'PUT', url: `/api/feature-flags/flags/${flag.id}`, payload: { ...flag, enabled: on, reason: 'browser test' } });
    expect(res.statusCode, res.body).toBe(200);
  };

  beforeAll(async () => {
    assertBrowserTestPrerequisites();
    mkdirSync(SHOTS, { recursive: true });
    k = await createOnboardingKernel([featureFlags], { serveConsole: true, config: consoleKernelConfig() });
    // A lighter proof of work keeps the test quick on a shared machine (the rule is the same).
    await k.t.kernel.services.settings.set('onboarding', { signupProofOfWorkBits: 10 });
    url = await k.t.kernel.app.listen({ port: 0, host: '127.0.0.1' });
    browser = await launchChromium();
    page = await openPage(browser);
  }, 120_000);

  afterEach(async (ctx) => {
    await screenshotIfFailed(page, ctx, 'onboarding-signup-');
  });

  afterAll(async () => {
    await browser?.close();
    await k?.close();
  });

  it('says signups are closed while the flag is off', async () => {
    await setSignupFlag(false);
    try {
      await page.goto(`${url}/signup`);
      await ui(page.getByRole('heading', { name: 'Signups are closed' })).toBeVisible();
      await shot('closed');
    } finally {
      await setSignupFlag(true);
    }
  });

  it('signs up, confirms the email with a password, and signs in as the tenant admin', async () => {
    await page.goto(`${url}/login`);
    await page.getByRole('link', { name: 'Create an account' }).click();
    await ui(page.getByRole('heading', { name: 'Create your account' })).toBeVisible();
    await page.getByLabel('Work email').fill('peter@initrode.example');
    await page.getByLabel('Your name').fill('Peter Gibbons');
    await page.getByLabel('Company').fill('Initrode');
    await expect.poll(() => page.getByLabel('Address (slug)').inputValue()).toBe('initrode');
    await ui(page.getByText('Available')).toBeVisible();
    await shot('signup-form');
    await page.getByRole('button', { name: 'Sign up' }).click();
    await ui(page.getByRole('heading', { name: 'Check your inbox' })).toBeVisible();
    await shot('check-inbox');
    expect(await k.t.sql(`SELECT id FROM tenants WHERE slug = 'initrode'`)).toEqual([]);

    const token = k.mailbox.tokenFor('peter@initrode.example', 'verify-signup');
    await page.goto(`${url}/verify-signup?token=${encodeURIComponent(token)}`);
    await ui(page.getByRole('heading', { name: 'Create Initrode' })).toBeVisible();
    await page.getByLabel('New password').fill('tps-reports-1');
    await page.getByLabel('Repeat the password').fill('tps-reports-1');
    await page.getByRole('button', { name: 'Confirm and create my account' }).click();
    await ui(page.getByText('Initrode is ready')).toBeVisible();
    await shot('account-ready');

    await page.getByRole('link', { name: 'Sign in' }).click();
    await page.getByLabel('Email').fill('peter@initrode.example');
    await page.getByLabel('Password').fill('tps-reports-1');
    await page.getByRole('button', { name: 'Sign in' }).click();
    // A new tenant admin is offered the guided tour on the first sign-in; they turn it down for good.
    const tour = page.getByRole('dialog').filter({ hasText: 'Welcome to your console' });
    await ui(tour).toBeVisible();
    await tour.getByRole('button', { name: "Don't show again" }).click();
    await tour.waitFor({ state: 'hidden' });
    await ui(page.getByRole('menuitem', { name: 'Invitations', exact: true }).or(page.getByRole('link', { name: 'Invitations', exact: true }))).toBeVisible();
    await shot('signed-in');
  });

  it('the new admin invites a colleague, then revokes the invitation after confirming', async () => {
    await page.getByRole('menuitem', { name: 'Invitations', exact: true }).or(page.getByRole('link', { name: 'Invitations', exact: true })).first().click();
    await page.getByRole('link', { name: 'Invite' }).or(page.getByRole('button', { name: 'Invite' })).first().click();
    await page.getByLabel('Email').fill('samir@initrode.example');
    await page.getByRole('button', { name: 'Save' }).click();
    await ui(page.getByRole('row', { name: /samir@initrode\.example/ })).toBeVisible();
    expect(k.mailbox.lastTo('samir@initrode.example')).toBeTruthy();
    await shot('invited');
    await page.getByRole('row', { name: /samir@initrode\.example/ }).getByRole('button', { name: 'Revoke' }).click();
    await ui(page.getByRole('dialog').getByText('Revoke the invitation?')).toBeVisible();
    await shot('revoke-confirm');
    await page.getByRole('dialog').getByRole('button', { name: 'Revoke' }).click();
    await ui(page.getByRole('row', { name: /samir@initrode\.example.*revoked/ })).toBeVisible();
    await shot('revoked');
    const [row] = await k.t.sql<{ status: string }>(`SELECT status FROM onboarding_invitations WHERE email = 'samir@initrode.example'`);
    expect(row.status).toBe('revoked');
  });
});
