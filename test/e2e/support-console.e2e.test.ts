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
import { createTestKernel, type TestClient, type TestKernel } from '@platform/sdk/testing';
import { assertBrowserTestPrerequisites, launchChromium, screenshotIfFailed, SHOTS, ui } from './browser.ts';
import { signedInPage } from './tenant-console-fixture.ts';
import { watchApi } from './menu-walk.ts';
import { consoleKernelConfig } from './console-kernel-config.ts';

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('fake screenshot bytes')]);

/**
 * Support in the console (issue 19, items 5 and 6), in Chromium: a tenant member opens a ticket from their
 * "Support" page and attaches a screenshot; staff find it in the queue with its SLA badges, reply and take a
 * debug snapshot that renders as readable sections; the member sees the reply. Tenant pages call tenant routes
 * only, and no page gets a 4xx/5xx answer.
 */
describe('support console (browser)', () => {
  let t: TestKernel;
  let url: string;
  let member: TestClient;
  let agent: TestClient;
  let browser: Browser;
  let page: Page;
  const contexts: BrowserContext[] = [];
  let step = 0;
  const shot = async (name: string) => {
    step++;
    await page.screenshot({ path: join(SHOTS, `support-${String(step).padStart(2, '0')}-${name}.png`), fullPage: true });
  };
  const open = async (client: TestClient) => {
    const s = await signedInPage(browser, url, client);
    contexts.push(s.context);
    page = s.page;
    const calls: string[] = [];
    page.on('request', (req) => req.url().includes('/api/') && calls.push(`${req.method()} ${new URL(req.url()).pathname}`));
    return { api: watchApi(page), calls };
  };

  beforeAll(async () => {
    assertBrowserTestPrerequisites();
    mkdirSync(SHOTS, { recursive: true });
    t = await createTestKernel({ plugins: [storage, health, logging, plans, featureFlags, support], serveConsole: true, config: consoleKernelConfig() });
    url = await t.kernel.app.listen({ port: 0, host: '127.0.0.1' });
    await t.tenant('acme-corp');
    member = await t.signIn({ role: 'tenant_member', tenant: 'acme-corp' });
    agent = await t.signIn({ role: 'support' });
    browser = await launchChromium();
  }, 180_000);

  afterEach(async (ctx) => {
    await screenshotIfFailed(page, ctx, 'support-');
  });

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await t?.close();
  }, 120_000);

  it('a tenant member opens a ticket with an attachment from the Support page', async () => {
    const { api, calls } = await open(member);
    await page.goto(`${url}/support/tickets`);
    await ui(page.getByText('No support tickets yet')).toBeVisible();
    await shot('tenant-empty');
    await page.goto(`${url}/support/tickets/create`);
    await page.getByLabel('Subject').fill('CSV export times out');
    await page.getByLabel('What happened?').fill('Exporting 10,000 rows spins and then fails.');
    await shot('tenant-new-ticket');
    await page.getByRole('button', { name: 'Save' }).click();
    await ui(page.getByTestId('ticket-subject').getByText('CSV export times out')).toBeVisible();
    await page.getByTestId('attachment-input').setInputFiles({ name: 'screenshot.png', mimeType: 'image/png', buffer: PNG });
    await ui(page.getByTestId('attachments').getByText('screenshot.png')).toBeVisible();
    await ui(page.getByTestId('attachments').getByText(/image\/png/)).toBeVisible();
    await api.settled();
    await shot('tenant-ticket');
    expect(api.failures).toEqual([]);
    expect(calls.filter((c) => c.includes('/api/support/') && !c.includes('/api/support/tickets'))).toEqual([]);
  });

  it('staff find it in the queue, reply and take a snapshot that reads as sections', async () => {
    const [ticket] = (await member.inject('/api/support/tickets')).json();
    const { api } = await open(agent);
    await page.goto(`${url}/support/queue`);
    const row = page.getByRole('row').filter({ hasText: 'CSV export times out' });
    await ui(row).toBeVisible();
    await ui(row.getByTestId('sla-Response')).toBeVisible();
    await shot('queue');
    await row.getByText('CSV export times out').click();
    await ui(page.getByTestId('ticket-thread').getByText('Exporting 10,000 rows spins and then fails.')).toBeVisible();
    await page.getByTestId('reply-body').fill('Thanks, we are looking at the exporter. Does a smaller export work?');
    await page.getByTestId('reply-send').click();
    await ui(page.getByTestId('ticket-thread').getByText('Does a smaller export work?')).toBeVisible();
    await ui(page.getByText('Response: met')).toBeVisible();
    await page.getByTestId('take-snapshot').click();
    await ui(page.getByTestId('snapshot-view')).toBeVisible();
    for (const section of ['snapshot-health', 'snapshot-recent-errors', 'snapshot-feature-flags-for-the-reporter', 'snapshot-plan-and-usage', 'snapshot-recent-audit-entries']) await ui(page.getByTestId(section)).toBeVisible();
    await ui(page.getByTestId('snapshot-recent-audit-entries').getByText('support.ticket.created')).toBeVisible();
    await api.settled();
    await shot('staff-ticket-with-snapshot');
    expect(api.failures).toEqual([]);
    const stored = (await agent.inject(`/api/support/queue/${ticket.id}`)).json();
    expect(stored.status).toBe('pending');
    expect(stored.snapshots).toHaveLength(1);
  });

  it('the member sees the reply (and no snapshot)', async () => {
    const [ticket] = (await member.inject('/api/support/tickets')).json();
    const { api } = await open(member);
    await page.goto(`${url}/support/tickets/${ticket.id}/show`);
    await ui(page.getByTestId('ticket-thread').getByText('Does a smaller export work?')).toBeVisible();
    expect(await page.getByTestId('take-snapshot').count()).toBe(0);
    await api.settled();
    await shot('tenant-sees-reply');
    expect(api.failures).toEqual([]);
  });
});
