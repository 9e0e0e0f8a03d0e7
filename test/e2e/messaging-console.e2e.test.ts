import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { assertBrowserTestPrerequisites, launchChromium, screenshotIfFailed, SHOTS, ui } from './browser.ts';
import { signedInPage } from './tenant-console-fixture.ts';
import { watchApi } from './menu-walk.ts';
import { startMessagingConsole, type MessagingConsole } from './messaging-console-fixture.ts';

/**
 * Messaging in the console (issue 17, item 9), in Chromium: a platform admin tops up a tenant's SMS credits
 * with a reason (confirmed) and sees the ledger row and the new balance; writes a template and sees the
 * live preview, a validation error on the field and the segment count; a tenant admin opens "My messaging"
 * and sees their balance and recent deliveries (not another tenant's), with no 4xx/5xx answer.
 */
describe('messaging console (browser)', () => {
  let c: MessagingConsole;
  let browser: Browser;
  let page: Page;
  const contexts: BrowserContext[] = [];
  let step = 0;
  const shot = async (name: string) => {
    step++;
    await page.screenshot({ path: join(SHOTS, `messaging-${String(step).padStart(2, '0')}-${name}.png`), fullPage: true });
  };
  const open = async (client: MessagingConsole['admin']) => {
    const s = await signedInPage(browser, c.url, client);
    contexts.push(s.context);
    page = s.page;
    return watchApi(page);
  };

  beforeAll(async () => {
    assertBrowserTestPrerequisites();
    mkdirSync(SHOTS, { recursive: true });
    c = await startMessagingConsole();
    browser = await launchChromium();
  }, 180_000);

  afterEach(async (ctx) => {
    await screenshotIfFailed(page, ctx, 'messaging-');
  });

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await c?.close();
  }, 120_000);

  it("a platform admin tops up a tenant's credits with a reason and sees the ledger row", async () => {
    const api = await open(c.admin);
    await page.goto(`${c.url}/messaging/credits`);
    await ui(page.getByRole('cell', { name: 'Acme Corp' })).toBeVisible();
    await shot('credit-accounts');
    await page.getByRole('cell', { name: 'Acme Corp' }).click();
    await ui(page.getByTestId('credit-ledger')).toBeVisible();
    const before = Number(await page.getByTestId('credit-balance').innerText());
    expect(before).toBe(18); // 20 topped up, 2 SMS sent
    await shot('ledger-before');
    await page.getByRole('button', { name: 'Top up' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Credits').fill('25');
    // The reason is required: Continue stays disabled without it.
    expect(await dialog.getByRole('button', { name: 'Continue' }).isDisabled()).toBe(true);
    await dialog.getByLabel('Reason').fill('Goodwill for the March outage');
    await shot('top-up-form');
    await dialog.getByRole('button', { name: 'Continue' }).click();
    await ui(dialog.getByText('Add 25 credits to this tenant')).toBeVisible();
    await shot('top-up-confirm');
    await dialog.getByRole('button', { name: 'Confirm top-up' }).click();
    const row = page.getByTestId('credit-ledger').getByRole('row').filter({ hasText: 'Goodwill for the March outage' });
    await ui(row).toBeVisible();
    expect(await row.innerText()).toMatch(/top up\s+\+25/);
    await ui(page.getByTestId('credit-balance').getByText('43')).toBeVisible();
    await api.settled();
    await shot('ledger-after');
    // The ledger the API keeps says the same.
    const account = (await c.t.inject(`/api/messaging/credits/${c.acme.id}`)).json();
    expect(account.balance).toBe(43);
    expect(account.movements[0]).toMatchObject({ kind: 'top_up', amount: 25, reason: 'Goodwill for the March outage' });
    expect(api.failures.map((f) => f.text)).toEqual([]);
  }, 120_000);

  it('a platform admin writes a template and sees the live preview, a field error and the segment count', async () => {
    const api = await open(c.admin);
    await page.goto(`${c.url}/messaging/templates/create`);
    await page.getByLabel('Key').fill('e2e.appointment');
    await page.getByRole('button', { name: 'Add variable' }).click();
    await page.getByLabel('Name', { exact: true }).fill('name');
    await page.getByLabel('Sample').fill('Ada');
    const body = page.getByLabel('SMS text');
    // An undeclared variable: the error shows on the field, and Create stays disabled.
    await body.fill('Hi {{nobody}}');
    await ui(page.locator('p.MuiFormHelperText-root.Mui-error', { hasText: 'nobody' })).toBeVisible();
    expect(await page.getByRole('button', { name: 'Create template' }).isDisabled()).toBe(true);
    await shot('template-field-error');
    // A declared one, inserted with the variable picker.
    await body.fill('Hello ');
    await body.press('End');
    await page.getByTestId('variable-picker').getByText('name', { exact: true }).click();
    expect(await body.inputValue()).toBe('Hello {{name}}');
    await body.press('End');
    await body.pressSequentially(', your appointment is confirmed.');
    await ui(page.getByTestId('preview-sms').getByText('Hello Ada, your appointment is confirmed.')).toBeVisible();
    await ui(page.getByTestId('segment-counter').getByText(/1\s*segment\b/)).toBeVisible();
    expect(await page.getByTestId('segment-counter').innerText()).toContain('GSM-7');
    await shot('template-preview');
    // A character outside GSM-7 switches the count to UCS-2.
    await body.press('End');
    await body.pressSequentially(' 🎉');
    await ui(page.getByTestId('segment-counter').getByText('UCS-2')).toBeVisible();
    await shot('template-ucs2');
    await page.getByRole('button', { name: 'Create template' }).click();
    await ui(page.getByText('Template created')).toBeVisible();
    await api.settled();
    await shot('template-created');
    const list = (await c.t.inject(`/api/messaging/templates?filter=${encodeURIComponent(JSON.stringify({ key: 'e2e.appointment' }))}`)).json();
    expect(list).toHaveLength(1);
    expect(list[0].current[list[0].defaultLanguage].body).toBe('Hello {{name}}, your appointment is confirmed. 🎉');
    // The field error above is the validate route's 200 answer, not a 4xx.
    expect(api.failures.map((f) => f.text)).toEqual([]);
  }, 120_000);

  it('a tenant admin opens "My messaging" and sees their balance and recent deliveries, no 4xx/5xx', async () => {
    const api = await open(c.acmeAdmin);
    await page.goto(`${c.url}/`);
    await page.getByRole('heading', { name: 'Acme Corp', level: 1 }).waitFor();
    await page.locator('a[data-nav-item]').first().waitFor();
    const folded = page.locator('[data-nav-section][aria-expanded="false"]');
    for (let guard = 0; guard < 20 && (await folded.count()) > 0; guard++) await folded.first().click();
    await page.locator('a[data-nav-item]', { hasText: 'My messaging' }).click();
    await ui(page.getByTestId('my-recent-deliveries')).toBeVisible();
    const expected = (await c.acmeAdmin.inject('/api/messaging/my/credits')).json().balance;
    await ui(page.getByTestId('my-credit-balance').getByText(String(expected), { exact: true })).toBeVisible();
    const deliveries = await page.getByTestId('my-recent-deliveries').innerText();
    for (const to of c.acmeRecipients) expect(deliveries).toContain(to);
    expect(await page.content()).not.toContain(c.globexSecret);
    expect(await page.content()).not.toContain('+14155550199');
    await ui(page.getByTestId('daily-chart')).toBeVisible();
    await api.settled();
    await shot('my-messaging');
    // Only tenant pages: no platform messaging entry in the menu.
    const labels = await page.locator('a[data-nav-item]').allInnerTexts();
    for (const platformOnly of ['Messaging providers', 'SMS credit accounts', 'Messaging analytics', 'Delivery log', 'Provider assignments']) expect(labels.map((l) => l.trim())).not.toContain(platformOnly);
    expect(api.failures.map((f) => f.text)).toEqual([]);
  }, 120_000);

  it("a platform admin tests a provider's connection, reorders a tenant's failover, opens a message's attempts and the analytics, no 4xx/5xx", async () => {
    const api = await open(c.admin);
    await page.goto(`${c.url}/messaging/providers`);
    const primary = page.getByRole('row').filter({ hasText: 'Primary SMS' });
    await ui(primary).toBeVisible();
    await primary.getByRole('button', { name: 'Test connection' }).click();
    await ui(primary.getByTestId('test-connection-result').getByText(/Connected/)).toBeVisible();
    await shot('providers-tested');
    // The edit form: generated from the provider's schema, the secret masked.
    await primary.getByRole('cell', { name: 'Primary SMS' }).click();
    const apiKey = page.locator('input[name="config.apiKey"]');
    await ui(apiKey).toBeVisible();
    expect(await apiKey.getAttribute('type')).toBe('password');
    expect(await apiKey.inputValue()).not.toContain('key-live');
    expect(await page.content()).not.toContain('key-live-0123456789');
    await shot('provider-edit-masked');

    // Failover order: Acme's Backup SMS moved first with the arrow, saved.
    await page.goto(`${c.url}/messaging/assignments`);
    await page.getByTestId('assignment-tenant').getByRole('combobox').click();
    await page.getByRole('option', { name: 'Acme Corp' }).click();
    const order = page.getByTestId('failover-order');
    await ui(order.getByText('1. Primary SMS')).toBeVisible();
    await order.getByRole('listitem').filter({ hasText: 'Backup SMS' }).getByRole('button', { name: 'Move up' }).click();
    await ui(order.getByText('1. Backup SMS')).toBeVisible();
    await page.getByRole('button', { name: 'Save order' }).click();
    await ui(page.getByText('Failover order saved')).toBeVisible();
    await shot('failover-reordered');
    const saved = (await c.t.inject(`/api/messaging/assignments?filter=${encodeURIComponent(JSON.stringify({ tenantId: c.acme.id, channel: 'sms' }))}`)).json();
    const configs = (await c.t.inject('/api/messaging/providers')).json() as { id: string; name: string }[];
    expect(saved[0].providerConfigIds.map((id: string) => configs.find((x) => x.id === id)?.name)).toEqual(['Backup SMS', 'Primary SMS']);

    // The delivery log, filtered to Acme's recipient, and one message's attempts.
    await page.goto(`${c.url}/messaging/messages`);
    const row = page.getByRole('row').filter({ hasText: c.acmeRecipients[0] });
    await ui(row).toBeVisible();
    await shot('delivery-log');
    await row.getByText(c.acmeRecipients[0]).click();
    await ui(page.getByTestId('message-attempts').getByText('sent', { exact: true })).toBeVisible();
    await shot('message-detail');

    await page.goto(`${c.url}/messaging/analytics`);
    await ui(page.getByTestId('daily-chart')).toBeVisible();
    await ui(page.getByTestId('delivery-rate-chart')).toBeVisible();
    await ui(page.getByRole('cell', { name: /Primary SMS/ })).toBeVisible();
    await api.settled();
    await shot('analytics');
    expect(api.failures.map((f) => f.text)).toEqual([]);
  }, 120_000);

  it('every staff messaging page opens for an admin without a 4xx/5xx or an error boundary; a support user sees no action buttons', async () => {
    const templates = (await c.t.inject('/api/messaging/templates')).json() as { id: string }[];
    const paths = ['/messaging/providers', '/messaging/providers/create', '/messaging/assignments', '/messaging/credits', `/messaging/credits/${c.acme.id}/show`, '/messaging/templates', `/messaging/templates/${templates[0].id}`, '/messaging/messages', '/messaging/analytics'];
    const visit = async (who: string) => {
      const api = watchApi(page);
      for (const path of paths) {
        await page.goto(`${c.url}${path}`);
        await page.locator('main, #main-content').first().waitFor();
        await api.settled();
        expect(await page.getByText(/Something went wrong|Access denied/).count(), `${who} ${path}`).toBe(0);
        await shot(`${who}${path.replace(/\//g, '-').replace(/-[0-9a-f-]{36}/, '-id')}`);
      }
      return api;
    };
    const adminApi = await open(c.admin);
    await visit('admin');
    expect(adminApi.failures.map((f) => f.text)).toEqual([]);

    // Support reads providers, credits, templates and messages but may change none of them: no action button.
    const support = await c.t.signIn({ role: 'support' });
    const supportApi = await open(support);
    await page.goto(`${c.url}/messaging/credits/${c.acme.id}/show`);
    await ui(page.getByTestId('credit-ledger')).toBeVisible();
    await supportApi.settled();
    expect(await page.getByRole('button', { name: 'Top up' }).count()).toBe(0);
    await page.goto(`${c.url}/messaging/providers`);
    await ui(page.getByRole('cell', { name: 'Primary SMS' })).toBeVisible();
    await supportApi.settled();
    expect(await page.getByRole('button', { name: 'Test connection' }).count()).toBe(0);
    await page.goto(`${c.url}/messaging/templates/${templates[0].id}`);
    await ui(page.getByTestId('template-preview')).toBeVisible();
    await supportApi.settled();
    expect(await page.getByRole('button', { name: /Save new version/ }).count()).toBe(0);
    await shot('support-template-read-only');
    expect(supportApi.failures.map((f) => f.text)).toEqual([]);
  }, 180_000);
});
