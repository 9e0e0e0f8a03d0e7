import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { ROOT } from './platform-process.ts';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** Screenshots of each step (git-ignored). */
export const SHOTS = join(ROOT, 'test/.artifacts/e2e');

/** Fails early, with what to do, when the console is not built or Chromium is missing. */
export function assertBrowserTestPrerequisites(): void {
  if (!existsSync(join(ROOT, 'admin-ui/dist/index.html'))) throw new Error('admin-ui is not built: run `pnpm --filter @platform/admin-ui build` (pnpm test does it)');
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: install Debian's chromium (pnpm test does it as root)`);
}

/** Debian's Chromium, headless. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** A page with the tests' default timeout (15 s). */
export async function openPage(browser: Browser, viewport = { width: 1280, height: 800 }): Promise<Page> {
  const page = await browser.newPage({ viewport });
  page.setDefaultTimeout(15_000);
  return page;
}

/** For `afterEach`: a full-page screenshot of a failed test, named after the test (`failed-<prefix><name>.png`). */
export async function screenshotIfFailed(page: Page | undefined, ctx: { task: { name: string; result?: { state?: string } } }, prefix = ''): Promise<void> {
  if (ctx.task.result?.state === 'fail' && page) await page.screenshot({ path: join(SHOTS, `failed-${prefix}${ctx.task.name.replace(/\W+/g, '-')}.png`), fullPage: true });
}

/** Minimal async expect for Playwright locators (playwright-core ships no test runner). */
export function ui(locator: Locator) {
  return {
    toBeVisible: () => locator.first().waitFor({ state: 'visible' }),
    toHaveCount: async (n: number) => {
      const deadline = Date.now() + 10_000;
      while (Date.now() < deadline) {
        if ((await locator.count()) === n) return;
        await new Promise((r) => setTimeout(r, 200));
      }
      throw new Error(`expected ${n} elements, found ${await locator.count()}`);
    },
  };
}
