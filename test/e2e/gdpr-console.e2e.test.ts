import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createTestKernel, type TestClient, type TestKernel } from '@platform/sdk/testing';
import { startFakeSmtpServer, type FakeSmtpServer } from '@platform/testing';
import messaging from '@platform/plugin-messaging';
import smtp from '@platform/plugin-email-smtp';
import storage from '@platform/plugin-storage';
import gdpr from '@platform/plugin-gdpr';
import { assertBrowserTestPrerequisites, launchChromium, screenshotIfFailed, SHOTS, ui } from './browser.ts';
import { signedInPage } from './tenant-console-fixture.ts';
import { watchApi } from './menu-walk.ts';
import { consoleKernelConfig } from './console-kernel-config.ts';

/**
 * The GDPR console (issue 19, item 6), in Chromium: staff see the queue, preview a verified deletion per
 * category and table, execute it with a reason and download the certificate, and set a retention; support staff
 * (read only) see no write buttons; a tenant admin requests an export of their tenant's data on "Privacy" without
 * any call to a platform route.
 */
describe('gdpr console (browser)', () => {
  let t: TestKernel;
  let mail: FakeSmtpServer;
  let url: string;
  let browser: Browser;
  let page: Page;
  let admin: TestClient;
  let support: TestClient;
  let tenantAdmin: TestClient;
  const contexts: BrowserContext[] = [];
  const open = async (client: TestClient) => {
    const s = await signedInPage(browser, url, client);
    contexts.push(s.context);
    page = s.page;
    return watchApi(page);
  };

  beforeAll(async () => {
    assertBrowserTestPrerequisites();
    mkdirSync(SHOTS, { recursive: true });
    mail = await startFakeSmtpServer();
    t = await createTestKernel({ plugins: [messaging, smtp, storage, gdpr], serveConsole: true, config: consoleKernelConfig() });
    url = await t.kernel.app.listen({ port: 0, host: '127.0.0.1' });
    const provider = await t.inject({ method: 'POST', url: '/api/messaging/providers', payload: { channel: 'email', providerId: 'smtp', name: 'SMTP', config: { host: '127.0.0.1', port: mail.port, security: 'none', fromEmail: 'privacy@platform.test' } } });
    await t.inject({ method: 'PUT', url: '/api/messaging/assignments', payload: { tenantId: null, channel: 'email', providerConfigIds: [provider.json().id] } });
    const tenant = await t.tenant('privacy-co');
    await t.inject({ method: 'POST', url: '/api/users', payload: { email: 'dana.erase@example.com', name: 'Dana Erase', password: 'dana-password-1', kind: 'tenant', tenantId: tenant.id, roles: ['tenant_member'] } });
    const opened = await t.inject({ method: 'POST', url: '/api/gdpr/requests', payload: { tenantId: tenant.id, kind: 'deletion', email: 'dana.erase@example.com', name: 'Dana Erase' } });
    expect(opened.statusCode, opened.body).toBe(201);
    const token = mail.requests.at(-1)!.raw.match(/\/api\/gdpr\/verify\/([A-Za-z0-9_-]+)/)![1];
    expect((await t.kernel.app.inject({ method: 'POST', url: `/api/gdpr/verify/${token}` })).statusCode).toBe(200);
    admin = await t.signIn({ role: 'admin' });
    support = await t.signIn({ role: 'support' });
    tenantAdmin = await t.signIn({ role: 'tenant_admin', tenant: 'privacy-co' });
    browser = await launchChromium();
  }, 180_000);

  afterEach(async (ctx) => {
    await screenshotIfFailed(page, ctx, 'gdpr-');
  });

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await t?.close();
    await mail?.close();
  }, 120_000);

  it('staff preview a verified deletion, execute it with a reason and download the certificate', async () => {
    const api = await open(admin);
    await page.goto(`${url}/gdpr`);
    await ui(page.getByTestId('gdpr-queue').getByText('dana.erase@example.com')).toBeVisible();
    await page.getByRole('button', { name: 'Preview' }).click();
    await ui(page.getByTestId('gdpr-preview-tables').getByText('kernel · users')).toBeVisible();
    await page.screenshot({ path: join(SHOTS, 'gdpr-01-preview.png'), fullPage: true });
    await page.getByTestId('gdpr-reason').fill('Art. 17 request received by email');
    await page.getByTestId('gdpr-execute').click();
    await ui(page.getByTestId('gdpr-certificate')).toBeVisible();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('gdpr-certificate').click()]);
    expect(download.suggestedFilename()).toMatch(/^deletion-certificate-.+\.json$/);
    await api.settled();
    expect(api.failures).toEqual([]);
  });

  it('staff set a category retention', async () => {
    const api = await open(admin);
    await page.goto(`${url}/gdpr/retention`);
    await page.getByTestId('retention-contact').fill('365');
    await page.getByTestId('gdpr-retention-save').click();
    await ui(page.getByText('Retention saved')).toBeVisible();
    const saved = (await t.inject('/api/gdpr/retention')).json() as { category: string; retentionDays: number | null }[];
    expect(saved.find((s) => s.category === 'contact')?.retentionDays).toBe(365);
    await api.settled();
    expect(api.failures).toEqual([]);
  });

  it('support staff (read only) see the queue without write buttons', async () => {
    await open(support);
    await page.goto(`${url}/gdpr`);
    await ui(page.getByTestId('gdpr-queue')).toBeVisible();
    await ui(page.getByTestId('gdpr-certificate')).toBeVisible();
    expect(await page.getByTestId('gdpr-new-request').count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Reject' }).count()).toBe(0);
    await page.goto(`${url}/gdpr/retention`);
    await ui(page.getByTestId('gdpr-retention')).toBeVisible();
    expect(await page.getByTestId('gdpr-retention-save').count()).toBe(0);
  });

  it("a tenant admin requests an export of their tenant's data, calling tenant routes only", async () => {
    const api = await open(tenantAdmin);
    const calls: string[] = [];
    page.on('request', (req) => req.url().includes('/api/gdpr/') && calls.push(`${req.method()} ${new URL(req.url()).pathname}`));
    await page.goto(`${url}/privacy`);
    await page.getByTestId('privacy-request-export').click();
    await ui(page.getByTestId('privacy-exports').getByText('Awaiting verification')).toBeVisible();
    await page.screenshot({ path: join(SHOTS, 'gdpr-02-privacy.png'), fullPage: true });
    await api.settled();
    expect(api.failures).toEqual([]);
    expect(calls.length).toBeGreaterThan(0);
    for (const call of calls) expect(call).toMatch(/ \/api\/gdpr\/tenant-exports$/);
  });
});
