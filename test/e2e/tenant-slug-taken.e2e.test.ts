import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { createTestKernel, type TestKernel } from '@platform/sdk/testing';
import { assertBrowserTestPrerequisites, launchChromium, SHOTS, ui, openPage, screenshotIfFailed } from './browser.ts';

/**
 * Creating a tenant with a slug another tenant has (issue 14, item 6): the API answers 409 `slug_taken`, so the
 * console shows no "Element created", stays on the form, says the slug is taken and links to the tenant that has it.
 */
describe('tenant create with a taken slug (browser)', () => {
  let t: TestKernel;
  let url: string;
  let browser: Browser;
  let page: Page;
  let acmeId: string;
  let step = 0;
  const shot = async (name: string) => {
    step++;
    await page.screenshot({ path: join(SHOTS, `tenant-slug-taken-${String(step).padStart(2, '0')}-${name}.png`), fullPage: true });
  };
  const notification = (text: string | RegExp) => page.locator('.MuiSnackbarContent-message, .MuiAlert-message').filter({ hasText: text });

  beforeAll(async () => {
    assertBrowserTestPrerequisites();
    mkdirSync(SHOTS, { recursive: true });
    t = await createTestKernel({ serveConsole: true, config: { logLevel: process.env.TEST_LOG_LEVEL ?? 'silent' } });
    url = await t.kernel.app.listen({ port: 0, host: '127.0.0.1' });
    const res = await t.inject({ method: 'POST', url: '/api/tenants', payload: { slug: 'acme', name: 'Acme Ltd' } });
    expect(res.statusCode, res.body).toBe(201);
    acmeId = res.json().id;
    browser = await launchChromium();
    page = await openPage(browser);
  }, 120_000);

  afterEach(async (ctx) => {
    await screenshotIfFailed(page, ctx, 'tenant-slug-taken-');
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('says the slug is taken, links to that tenant, and creates nothing', async () => {
    await page.goto(url + '/tenants/create');
    await page.getByLabel('Email').fill('admin@platform.local');
    await page.getByLabel('Password').fill('test-admin-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await ui(page.getByLabel('Slug')).toBeVisible();
    await page.getByRole('textbox', { name: /^Name/ }).fill('Acme Again');
    await page.getByLabel('Slug').fill('acme');
    await page.getByRole('button', { name: 'Save' }).click();

    const notice = page.getByRole('alert').filter({ hasText: 'is taken by the tenant' });
    await ui(notice).toBeVisible();
    await ui(page.getByText('The slug "acme" is taken by the tenant "Acme Ltd"').first()).toBeVisible();
    await shot('slug-taken');
    expect(await notification(/created/i).count()).toBe(0);
    expect(new URL(page.url()).pathname).toBe('/tenants/create');
    const tenants = await t.sql<{ name: string }>(`SELECT name FROM tenants WHERE slug LIKE 'acme%' ORDER BY name`);
    expect(tenants.map((r) => r.name)).toEqual(['Acme Ltd']);

    await notice.getByRole('link', { name: 'Acme Ltd' }).click();
    await expect.poll(() => new URL(page.url()).pathname).toBe(`/tenants/${acmeId}`);
    await ui(page.getByRole('textbox', { name: /^Name/ })).toBeVisible();
    await expect.poll(() => page.getByRole('textbox', { name: /^Name/ }).inputValue()).toBe('Acme Ltd');
    await shot('linked-tenant');
  });

  it('still creates a tenant with a free slug', async () => {
    await page.goto(url + '/tenants/create');
    await page.getByRole('textbox', { name: /^Name/ }).fill('Globex');
    await expect.poll(() => page.getByLabel('Slug').inputValue()).toBe('globex');
    await page.getByRole('button', { name: 'Save' }).click();
    await ui(page.getByRole('row', { name: /Globex/ })).toBeVisible();
    expect(await t.sql(`SELECT id FROM tenants WHERE slug = 'globex'`)).toHaveLength(1);
  });
});
