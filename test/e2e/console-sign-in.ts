import type { Page } from 'playwright-core';
import { join } from 'node:path';
import { SHOTS, ui } from './browser.ts';

/** The seeded super admin of `createTestKernel` (its password is the test kit's). */
export const TEST_ADMIN = { email: 'admin@platform.local', password: 'test-admin-password' };

/** A console menu entry (MUI renders them as menuitem links). */
export const menuItem = (page: Page, name: string) => page.getByRole('menuitem', { name, exact: true }).or(page.getByRole('link', { name, exact: true }));

/** Signs in on the console's login form at `url` and waits for the menu. */
export async function signInToConsole(page: Page, url: string, credentials = TEST_ADMIN): Promise<void> {
  await page.goto(url + '/');
  await page.getByLabel('Email').fill(credentials.email);
  await page.getByLabel('Password').fill(credentials.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  try {
    await ui(menuItem(page, 'Tenants')).toBeVisible();
  } catch (err) {
    await page.screenshot({ path: join(SHOTS, 'failed-sign-in.png'), fullPage: true });
    throw err;
  }
}
