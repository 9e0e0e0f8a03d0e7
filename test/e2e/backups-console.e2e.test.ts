import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { TenantInfo } from '@platform/sdk';
import { createTestKernel, type TestClient, type TestKernel } from '@platform/sdk/testing';
import storagePlugin from '@platform/plugin-storage';
import backupsPlugin from '@platform/plugin-backups';
import { notesPlugin } from '../../plugins/backups/test/support/notes-plugin.ts';
import { assertBrowserTestPrerequisites, launchChromium, screenshotIfFailed, SHOTS, ui } from './browser.ts';
import { signedInPage } from './tenant-console-fixture.ts';
import { watchApi } from './menu-walk.ts';
import { consoleKernelConfig } from './console-kernel-config.ts';

/**
 * Backups in the console (issue 19, item 6), in Chromium: a platform admin takes a backup of a tenant and watches it
 * complete, then walks the restore wizard (dry run with per-table counts, the slug typed, the restore with its
 * progress) and the tenant's rows are back; read-only staff see the list without New backup or Restore.
 */
describe('backups console (browser)', () => {
  let t: TestKernel;
  let url: string;
  let acme: TenantInfo;
  let admin: TestClient;
  let browser: Browser;
  let page: Page;
  const contexts: BrowserContext[] = [];
  let step = 0;
  const shot = async (name: string) => {
    step++;
    await page.screenshot({ path: join(SHOTS, `backups-${String(step).padStart(2, '0')}-${name}.png`), fullPage: true });
  };
  const open = async (client: TestClient) => {
    const s = await signedInPage(browser, url, client);
    contexts.push(s.context);
    page = s.page;
    return watchApi(page);
  };
  const notes = async () => Number((await t.sql<{ n: string }>(`SELECT count(*)::text AS n FROM bnotes_notes WHERE tenant_id = $1`, [acme.id]))[0]!.n);

  beforeAll(async () => {
    assertBrowserTestPrerequisites();
    mkdirSync(SHOTS, { recursive: true });
    t = await createTestKernel({ plugins: [storagePlugin, backupsPlugin, notesPlugin], serveConsole: true, config: consoleKernelConfig() });
    url = await t.kernel.app.listen({ port: 0, host: '127.0.0.1' });
    acme = await t.tenant('acme');
    const notebook = '11111111-1111-4111-8111-111111111111';
    await t.sql(`INSERT INTO bnotes_notebooks (id, tenant_id, title) VALUES ($1, $2, 'Acme notebook')`, [notebook, acme.id]);
    await t.sql(`INSERT INTO bnotes_notes (id, tenant_id, notebook_id, body) SELECT gen_random_uuid(), $1, $2, 'note ' || i FROM generate_series(1, 25) i`, [acme.id, notebook]);
    admin = await t.signIn({ role: 'admin' });
    browser = await launchChromium();
  }, 180_000);

  afterEach(async (ctx) => {
    await screenshotIfFailed(page, ctx, 'backups-');
  });

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await t?.close();
  }, 120_000);

  it('a platform admin takes a backup and restores it through the wizard', async () => {
    const api = await open(admin);
    await page.goto(`${url}/backups`);
    await ui(page.getByRole('button', { name: 'New backup' })).toBeVisible();
    await page.getByRole('button', { name: 'New backup' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('combobox').click();
    await page.getByRole('option', { name: /acme/ }).click();
    await shot('new-backup');
    await dialog.getByRole('button', { name: 'Start backup' }).click();
    await ui(page.getByTestId('backups-table').getByText('completed')).toBeVisible();
    await shot('backup-completed');

    await t.sql(`DELETE FROM bnotes_notes WHERE tenant_id = $1`, [acme.id]);
    expect(await notes()).toBe(0);

    await page.getByRole('button', { name: 'Restore…' }).click();
    const wizard = page.getByRole('dialog');
    await wizard.getByRole('button', { name: 'Run dry run' }).click();
    await ui(wizard.getByRole('cell', { name: 'bnotes_notes' })).toBeVisible();
    await ui(wizard.getByText(/0 conflicts/)).toBeVisible();
    await shot('dry-run');
    const restoreButton = wizard.getByRole('button', { name: 'Restore', exact: true });
    expect(await restoreButton.isDisabled()).toBe(true);
    await wizard.getByTestId('restore-confirm').fill('ACME');
    expect(await restoreButton.isDisabled()).toBe(true);
    await wizard.getByTestId('restore-confirm').fill('acme');
    expect(await restoreButton.isEnabled()).toBe(true);
    await restoreButton.click();
    await ui(wizard.getByText(/^Restored:/)).toBeVisible();
    await shot('restored');
    expect(await notes()).toBe(25);
    expect(api.failures.map((f) => f.text), 'no 4xx/5xx answers').toEqual([]);
  });

  it('read-only staff see backups without New backup, Restore or Delete', async () => {
    const readOnly = await t.signIn({ role: 'read_only' });
    await open(readOnly);
    await page.goto(`${url}/backups`);
    await ui(page.getByTestId('backups-table').getByText('completed')).toBeVisible();
    await ui(page.getByRole('button', { name: 'Verify' })).toBeVisible();
    expect(await page.getByRole('button', { name: 'New backup' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Restore…' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Delete' }).count()).toBe(0);
    await shot('read-only');
  });
});
