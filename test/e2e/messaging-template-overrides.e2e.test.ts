import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { TestClient } from '@platform/sdk/testing';
import { assertBrowserTestPrerequisites, launchChromium, screenshotIfFailed, SHOTS, ui } from './browser.ts';
import { signedInPage } from './tenant-console-fixture.ts';
import { watchApi } from './menu-walk.ts';
import { startMessagingConsole, type MessagingConsole } from './messaging-console-fixture.ts';

/**
 * Tenant template overrides in the console (issue 17, item 5 "tenants may override platform templates"), in
 * Chromium as Acme's tenant admin: "My templates" lists the platform's templates; Customize starts Acme's
 * version from the platform's content (key and channel fixed, the live preview with the samples), saving it makes
 * Acme's messages use it while Globex keeps the platform wording and cannot read Acme's version; "Use platform
 * version" (confirmed) archives it and Acme's messages use the platform wording again. No 4xx/5xx on the way.
 */
describe('tenant template overrides (browser)', () => {
  let c: MessagingConsole;
  let browser: Browser;
  let page: Page;
  let globexAdmin: TestClient;
  const contexts: BrowserContext[] = [];
  let step = 0;
  const shot = async (name: string) => {
    step++;
    await page.screenshot({ path: join(SHOTS, `messaging-overrides-${String(step).padStart(2, '0')}-${name}.png`), fullPage: true });
  };
  const sendReminder = async (client: TestClient, to: string) => {
    const res = await client.inject({ method: 'POST', url: '/api/messaging/messages', payload: { channel: 'sms', to, template: 'e2e.reminder', data: { name: 'Bob' } } });
    expect(res.statusCode, res.body).toBe(201);
    return (await c.t.sql<{ body: string }>('SELECT body FROM messaging_messages WHERE id = $1', [res.json().id]))[0]!.body;
  };

  beforeAll(async () => {
    assertBrowserTestPrerequisites();
    mkdirSync(SHOTS, { recursive: true });
    c = await startMessagingConsole();
    globexAdmin = await c.t.signIn({ role: 'tenant_admin', tenant: 'globex' });
    const created = await c.t.inject({
      method: 'POST',
      url: '/api/messaging/templates',
      payload: { key: 'e2e.reminder', channel: 'sms', description: 'Appointment reminder', variables: [{ name: 'name', type: 'string', sample: 'Ada' }], language: 'en', body: 'Reminder for {{name}}' },
    });
    expect(created.statusCode, created.body).toBe(201);
    browser = await launchChromium();
  }, 180_000);

  afterEach(async (ctx) => {
    await screenshotIfFailed(page, ctx, 'messaging-overrides-');
  });

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await c?.close();
  }, 120_000);

  it("a tenant admin customizes a platform template for their tenant only, then goes back to the platform's", async () => {
    const s = await signedInPage(browser, c.url, c.acmeAdmin);
    contexts.push(s.context);
    page = s.page;
    const api = watchApi(page);
    await page.goto(`${c.url}/`);
    await page.getByRole('heading', { name: 'Acme Corp', level: 1 }).waitFor();
    await page.locator('a[data-nav-item]').first().waitFor();
    const folded = page.locator('[data-nav-section][aria-expanded="false"]');
    for (let guard = 0; guard < 20 && (await folded.count()) > 0; guard++) await folded.first().click();
    await page.locator('a[data-nav-item]', { hasText: 'My templates' }).click();

    const row = page.getByTestId('my-templates').getByRole('row').filter({ hasText: 'e2e.reminder' });
    await ui(row.getByText('Platform version')).toBeVisible();
    await shot('list-platform');
    await row.getByRole('button', { name: 'Customize' }).click();

    // The editor starts from the platform's content; key and channel are fixed.
    const body = page.getByLabel('SMS text');
    await ui(body).toBeVisible();
    expect(await body.inputValue()).toBe('Reminder for {{name}}');
    expect(await page.getByLabel('Key').isDisabled()).toBe(true);
    await body.fill('Acme reminder: {{name}}, see you soon.');
    await ui(page.getByTestId('preview-sms').getByText('Acme reminder: Ada, see you soon.')).toBeVisible();
    await shot('customize');
    await page.getByRole('button', { name: 'Save my version' }).click();
    await ui(page.getByText('Template created')).toBeVisible();
    await ui(page.getByRole('button', { name: 'Save new version' })).toBeVisible();
    await shot('override-saved');

    // Acme's messages use Acme's version; Globex's keep the platform's, and Globex cannot read Acme's version.
    expect(await sendReminder(c.acmeAdmin, '+14155550111')).toBe('Acme reminder: Bob, see you soon.');
    expect(await sendReminder(globexAdmin, '+14155550112')).toBe('Reminder for Bob');
    const [override] = await c.t.sql<{ id: string }>(`SELECT id FROM messaging_templates WHERE key = 'e2e.reminder' AND tenant_id = $1 AND archived_at IS NULL`, [c.acme.id]);
    expect(override).toBeDefined();
    expect((await globexAdmin.inject(`/api/messaging/templates/${override!.id}`)).statusCode).toBe(404);

    // Back to the platform's wording, confirmed.
    await page.getByRole('button', { name: 'Back' }).click();
    await ui(row.getByText('Your version')).toBeVisible();
    await shot('list-override');
    await row.getByRole('button', { name: 'Use platform version' }).click();
    const dialog = page.getByRole('dialog');
    await ui(dialog.getByText('Your version is kept in the history.')).toBeVisible();
    await dialog.getByRole('button', { name: 'Use platform version' }).click();
    await ui(row.getByText('Platform version')).toBeVisible();
    await api.settled();
    await shot('list-reset');
    expect(await sendReminder(c.acmeAdmin, '+14155550113')).toBe('Reminder for Bob');
    expect(api.failures.map((f) => f.text)).toEqual([]);
  }, 180_000);
});
