import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { TestClient } from '@platform/sdk/testing';
import { assertBrowserTestPrerequisites, launchChromium, openPage, screenshotIfFailed, SHOTS, ui } from './browser.ts';
import { consoleKernelConfig } from './console-kernel-config.ts';
import { createOnboardingKernel, type OnboardingKernel } from '../../plugins/onboarding/test/support/onboarding-kernel.ts';

/**
 * Issue 20, item 1: a tenant admin invites someone; the invitee opens the emailed link, chooses a password on the
 * public accept page, and signs in to the console. An expired link shows a clear page instead of a form.
 */
describe('accepting an invitation (browser)', () => {
  let k: OnboardingKernel;
  let url: string;
  let browser: Browser;
  let page: Page;
  let admin: TestClient;
  let step = 0;
  const shot = async (name: string) => {
    step++;
    await page.screenshot({ path: join(SHOTS, `onboarding-invitation-${String(step).padStart(2, '0')}-${name}.png`), fullPage: true });
  };

  beforeAll(async () => {
    assertBrowserTestPrerequisites();
    mkdirSync(SHOTS, { recursive: true });
    k = await createOnboardingKernel([], { serveConsole: true, config: consoleKernelConfig() });
    url = await k.t.kernel.app.listen({ port: 0, host: '127.0.0.1' });
    admin = await k.t.signIn({ role: 'tenant_admin', tenant: 'initech' });
    browser = await launchChromium();
    page = await openPage(browser);
  }, 120_000);

  afterEach(async (ctx) => {
    await screenshotIfFailed(page, ctx, 'onboarding-invitation-');
  });

  afterAll(async () => {
    await browser?.close();
    await k?.close();
  });

  it('sets the password on the accept page, then signs in', async () => {
    const invited = await admin.inject({ method: 'POST', url: '/api/onboarding/invitations', payload: { email: 'milton@initech.example', role: 'tenant_member' } });
    expect(invited.statusCode, invited.body).toBe(201);
    const token = k.mailbox.tokenFor('milton@initech.example', 'accept-invitation');

    await page.goto(`${url}/accept-invitation?token=${encodeURIComponent(token)}`);
    await ui(page.getByRole('heading', { name: 'Join initech' })).toBeVisible();
    await ui(page.getByText('milton@initech.example')).toBeVisible();
    await shot('accept-form');
    await page.getByLabel('Your name').fill('Milton Waddams');
    await page.getByLabel('New password').fill('red-stapler-1');
    await page.getByLabel('Repeat the password').fill('red-stapler-1');
    await page.getByRole('button', { name: 'Accept the invitation' }).click();
    await ui(page.getByText('Your account milton@initech.example is ready')).toBeVisible();
    await shot('accepted');

    await page.getByRole('link', { name: 'Sign in' }).click();
    await page.getByLabel('Email').fill('milton@initech.example');
    await page.getByLabel('Password').fill('red-stapler-1');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await ui(page.getByText('Milton Waddams').or(page.getByRole('link', { name: 'Dashboard' }))).toBeVisible();
    await shot('signed-in');
    const [user] = await k.t.sql<{ name: string; roles: string[] }>('SELECT name, roles FROM users WHERE email = $1', ['milton@initech.example']);
    expect(user).toMatchObject({ name: 'Milton Waddams', roles: ['tenant_member'] });

    // The same link again: a clear page, no form.
    await page.context().clearCookies();
    await page.goto(`${url}/accept-invitation?token=${encodeURIComponent(token)}`);
    await ui(page.getByText('This invitation was already accepted')).toBeVisible();
    expect(await page.getByRole('button', { name: 'Accept the invitation' }).count()).toBe(0);
    await shot('used-link');
  });

  it('shows a clear page for an expired invitation', async () => {
    const invited = await admin.inject({ method: 'POST', url: '/api/onboarding/invitations', payload: { email: 'late@initech.example', role: 'tenant_member' } });
    const token = k.mailbox.tokenFor('late@initech.example', 'accept-invitation');
    await k.t.sql(`UPDATE onboarding_invitations SET expires_at = now() - interval '1 minute' WHERE id = $1`, [invited.json().id]);
    await page.goto(`${url}/accept-invitation?token=${encodeURIComponent(token)}`);
    await ui(page.getByRole('heading', { name: 'Invitation unavailable' })).toBeVisible();
    await ui(page.getByText('This invitation has expired')).toBeVisible();
    await shot('expired-link');
  });

  it('links the sign-in form to the password reset page', async () => {
    await page.goto(`${url}/login`);
    await page.getByRole('link', { name: 'Forgot your password?' }).click();
    await ui(page.getByRole('heading', { name: 'Forgot your password?' })).toBeVisible();
    await page.getByLabel('Email').fill('milton@initech.example');
    await page.getByRole('button', { name: 'Send the link' }).click();
    await ui(page.getByText('If an account uses this address')).toBeVisible();
    await shot('forgot-password');
  });
});
