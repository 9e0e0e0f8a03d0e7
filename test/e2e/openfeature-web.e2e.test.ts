import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { createTestKernel, type TestClient, type TestKernel } from '@platform/sdk/testing';
import featureFlags from '@platform/plugin-feature-flags';
import { ROOT } from './platform-process.ts';
import { assertBrowserTestPrerequisites, launchChromium, SHOTS, ui, openPage, screenshotIfFailed } from './browser.ts';

const FLAG = 'ofweb.banner';
const OTHER = 'ofweb.other';

/** The part of esbuild's API used here (esbuild is vite's dependency, not the workspace's: no types at the root). */
interface EsbuildLike {
  build(options: Record<string, unknown>): Promise<{ outputFiles: { text: string }[] }>;
}

/** esbuild, found the way vitest finds it (vitest → vite → esbuild). */
async function loadEsbuild(): Promise<EsbuildLike> {
  const fromVitest = createRequire(createRequire(import.meta.url).resolve('vitest/package.json'));
  const fromVite = createRequire(fromVitest.resolve('vite/package.json'));
  const mod = (await import(pathToFileURL(fromVite.resolve('esbuild')).href)) as EsbuildLike & { default?: EsbuildLike };
  return mod.default ?? mod;
}

/**
 * The page's script: the real web SDK with the real `PlatformWebFlagProvider`, subscribed to the kernel's
 * flag stream with a bearer token the test hands over (`window.__token`). What it sees lands in
 * `window.__of` and in `<output id="banner">`.
 */
const ENTRY = `
import { OpenFeature, ProviderEvents } from '@openfeature/web-sdk';
import { PlatformWebFlagProvider } from './index.ts';
const state = (window.__of = { ready: false, initial: null, changes: [], error: null });
const out = document.getElementById('banner');
const client = OpenFeature.getClient();
const render = () => (out.textContent = String(client.getBooleanValue(${JSON.stringify(FLAG)}, false)));
client.addHandler(ProviderEvents.ConfigurationChanged, (details) => {
  state.changes.push({ flagsChanged: details.flagsChanged ?? [], value: client.getBooleanValue(${JSON.stringify(FLAG)}, false) });
  render();
});
const provider = new PlatformWebFlagProvider({ headers: { authorization: 'Bearer ' + window.__token }, flags: [${JSON.stringify(FLAG)}, ${JSON.stringify(OTHER)}] });
OpenFeature.setProviderAndWait(provider).then(
  () => {
    state.initial = client.getBooleanDetails(${JSON.stringify(FLAG)}, true);
    state.ready = true;
    render();
  },
  (err) => (state.error = String(err)),
);
`;

interface PageState {
  ready: boolean;
  initial: { value: boolean; reason: string } | null;
  changes: { flagsChanged: string[]; value: boolean }[];
  error: string | null;
}

/**
 * The OpenFeature web provider (`@platform/plugin-feature-flags/openfeature/web`) inside Chromium, bundled
 * with esbuild and served (through Playwright's request interception) at the kernel's own origin, against
 * the real `GET /api/feature-flags/stream`: a flag change made through the API reaches the page as
 * `ConfigurationChanged` over the open stream.
 */
describe('OpenFeature web provider in the browser (real SSE stream)', () => {
  let t: TestKernel;
  let url: string;
  let member: TestClient;
  let browser: Browser;
  let page: Page;
  let bundle: string;
  const streamRequests: string[] = [];
  let step = 0;
  const shot = async (name: string) => {
    step++;
    await page.screenshot({ path: join(SHOTS, `openfeature-web-${String(step).padStart(2, '0')}-${name}.png`), fullPage: true });
  };
  const state = () => page.evaluate(() => (window as unknown as { __of: PageState }).__of);

  const patchFlag = async (key: string, patch: Record<string, unknown>) => {
    const res = await t.inject({ method: 'PATCH', url: `/api/feature-flags/flags/${key}`, payload: { ...patch, reason: 'e2e: web provider' }, headers: { 'content-type': 'application/json' } });
    expect(res.statusCode, res.body).toBe(200);
  };

  beforeAll(async () => {
    assertBrowserTestPrerequisites();
    mkdirSync(SHOTS, { recursive: true });
    const esbuild = await loadEsbuild();
    const built = await esbuild.build({
      stdin: { contents: ENTRY, resolveDir: join(ROOT, 'plugins/feature-flags/src/openfeature/web'), sourcefile: 'of-web-entry.ts', loader: 'ts' },
      bundle: true,
      write: false,
      format: 'esm',
      platform: 'browser',
      target: 'es2022',
      logLevel: 'silent',
    });
    bundle = built.outputFiles[0]!.text;

    t = await createTestKernel({ plugins: [featureFlags], config: { logLevel: process.env.TEST_LOG_LEVEL ?? 'silent' } });
    url = await t.kernel.app.listen({ port: 0, host: '127.0.0.1' });
    member = await t.signIn({ role: 'tenant_member', tenant: 'of-web-e2e' });
    for (const key of [FLAG, OTHER]) {
      const res = await t.inject({ method: 'POST', url: '/api/feature-flags/flags', payload: { key, name: key, type: 'boolean', enabled: false, reason: 'e2e setup' }, headers: { 'content-type': 'application/json' } });
      expect(res.statusCode, res.body).toBe(201);
    }

    browser = await launchChromium();
    page = await openPage(browser, { width: 800, height: 400 });
    // The test page and its script, at the kernel's origin (so the stream is same-origin); everything else is the real server.
    await page.route(`${url}/__of-web/**`, (route) => {
      const path = new URL(route.request().url()).pathname;
      if (path.endsWith('.js')) return route.fulfill({ status: 200, contentType: 'text/javascript', body: bundle });
      return route.fulfill({
        status: 200,
        contentType: 'text/html',
        body: '<!doctype html><title>OpenFeature web</title><p>banner flag: <output id="banner">…</output></p><script type="module" src="/__of-web/entry.js"></script>',
      });
    });
    page.on('request', (r) => {
      if (r.url().includes('/api/feature-flags/stream')) streamRequests.push(r.url());
    });
    await page.addInitScript((token) => {
      (window as unknown as { __token: string }).__token = token;
    }, member.token);
  }, 120_000);

  afterEach(async (ctx) => {
    await screenshotIfFailed(page, ctx, 'openfeature-web-');
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('loads the flag set from the stream', async () => {
    await page.goto(`${url}/__of-web/index.html`);
    await page.waitForFunction(() => {
      const s = (window as unknown as { __of?: PageState }).__of;
      return !!s && (s.ready || !!s.error);
    });
    const s = await state();
    expect(s.error).toBeNull();
    expect(s.initial).toMatchObject({ value: false, reason: 'DISABLED' });
    await ui(page.locator('#banner', { hasText: 'false' })).toBeVisible();
    expect(streamRequests.length).toBe(1);
    expect(decodeURIComponent(streamRequests[0]!)).toContain(FLAG);
    await shot('ready');
  });

  it('receives ConfigurationChanged over the open stream when a flag changes through the API', async () => {
    await patchFlag(FLAG, { enabled: true });
    await page.waitForFunction(() => (window as unknown as { __of: PageState }).__of.changes.length >= 1);
    expect((await state()).changes).toEqual([{ flagsChanged: [FLAG], value: true }]);
    await ui(page.locator('#banner', { hasText: 'true' })).toBeVisible();
    await shot('changed-on');

    // The kill switch too, and a change to another watched flag names only that flag.
    const kill = await t.inject({ method: 'POST', url: `/api/feature-flags/flags/${FLAG}/kill`, payload: { reason: 'e2e: kill' }, headers: { 'content-type': 'application/json' } });
    expect(kill.statusCode, kill.body).toBe(200);
    await page.waitForFunction(() => (window as unknown as { __of: PageState }).__of.changes.length >= 2);
    await patchFlag(OTHER, { enabled: true });
    await page.waitForFunction(() => (window as unknown as { __of: PageState }).__of.changes.length >= 3);
    expect((await state()).changes.slice(1)).toEqual([
      { flagsChanged: [FLAG], value: false },
      { flagsChanged: [OTHER], value: false },
    ]);
    await ui(page.locator('#banner', { hasText: 'false' })).toBeVisible();
    await shot('killed');

    // All of it over the one stream opened at load: no polling, no reconnect.
    expect(streamRequests.length).toBe(1);
  });
});
