import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import type { TenantInfo } from '@platform/sdk';
import { createTestKernel, type TestKernel } from '@platform/sdk/testing';
import featureFlags from '@platform/plugin-feature-flags';
import { assertBrowserTestPrerequisites, launchChromium, SHOTS, ui, openPage, screenshotIfFailed } from './browser.ts';
import { signInToConsole } from './console-sign-in.ts';

const TOGGLE = 'e2e.checkout_banner';
const PERCENT = 'e2e.search_ranking';
const VARIANTS = 'e2e.pricing_test';
const KILL = 'e2e.payments_v2';
const EVAL_TENANT = 'e2e.eval_tenant';
const EVAL_USER = 'e2e.eval_user';
const ROLLOUT = 'e2e.new_onboarding';
const GRADUAL = 'e2e.new_search_ui';

/**
 * The feature-flags console pages in Chromium, against an in-process kernel serving the built console,
 * signed in as the super admin: the list and its quick toggle, the editor (75% preset, variant weights that
 * must sum to 100), the kill-switch panel, "evaluate as", and starting a staged rollout from the editor.
 * Every change made in the browser is checked through the API.
 */
describe('feature flags console (browser)', () => {
  let t: TestKernel;
  let url: string;
  let browser: Browser;
  let page: Page;
  let acme: TenantInfo;
  let step = 0;
  const shot = async (name: string) => {
    step++;
    await page.screenshot({ path: join(SHOTS, `flags-console-${String(step).padStart(2, '0')}-${name}.png`), fullPage: true });
  };
  const menuItem = (name: string) => page.getByRole('menuitem', { name, exact: true }).or(page.getByRole('link', { name, exact: true }));

  const api = async (method: 'GET' | 'POST' | 'PATCH', path: string, payload?: Record<string, unknown>) => {
    const res = await t.inject({ method, url: `/api/feature-flags${path}`, ...(payload ? { payload, headers: { 'content-type': 'application/json' } } : {}) });
    expect([200, 201], `${method} ${path}: ${res.body}`).toContain(res.statusCode);
    return res.json();
  };
  const flag = (key: string) => api('GET', `/flags/${key}`);
  const createFlag = (body: Record<string, unknown>) => api('POST', '/flags', { name: String(body.key), type: 'boolean', reason: 'e2e setup', ...body });

  /** A Material UI snackbar (react-admin's notification) with this text. */
  const notification = (text: string | RegExp) => page.locator('.MuiSnackbarContent-message, .MuiAlert-message').filter({ hasText: text });

  const openFlagsList = async () => {
    await menuItem('Feature flags').click();
    await ui(page.getByRole('columnheader', { name: 'Flag' })).toBeVisible();
  };
  /** From the list, searched by key, into the flag's editor. */
  const openFlag = async (key: string) => {
    await openFlagsList();
    await page.getByLabel('Search').fill(key);
    const row = page.getByRole('row').filter({ hasText: key });
    // Wait for the (debounced) search to land in the URL first, or it navigates back to the list after the click.
    await ui(page.getByText('1-1 of 1', { exact: true })).toBeVisible();
    await ui(row).toHaveCount(1);
    await row.getByText(key, { exact: true }).first().click();
    await ui(page.getByRole('tab', { name: 'General' })).toBeVisible();
    await ui(page.getByLabel('Key', { exact: true })).toBeVisible();
    expect(await page.getByLabel('Key', { exact: true }).inputValue()).toBe(key);
  };
  const saveWithReason = async (reason: string) => {
    await page.getByLabel('Reason for this change').fill(reason);
    await page.getByRole('button', { name: 'Save' }).click();
  };
  const dialog = () => page.getByRole('dialog');
  const confirmWithReason = async (reason: string, button: string) => {
    await dialog().getByLabel(/^Reason/).fill(reason);
    await dialog().getByRole('button', { name: button, exact: true }).click();
    await ui(dialog()).toHaveCount(0);
  };
  const waitFor = async (check: () => Promise<boolean>, what: string) => {
    const deadline = Date.now() + 10_000;
    while (!(await check())) {
      if (Date.now() > deadline) throw new Error(`timed out: ${what}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  };
  const textOf = async (locator: Locator) => (await locator.first().innerText()).replace(/\s+/g, ' ');

  beforeAll(async () => {
    assertBrowserTestPrerequisites();
    mkdirSync(SHOTS, { recursive: true });
    t = await createTestKernel({ plugins: [featureFlags], serveConsole: true, config: { logLevel: process.env.TEST_LOG_LEVEL ?? 'silent' } });
    url = await t.kernel.app.listen({ port: 0, host: '127.0.0.1' });
    acme = await t.tenant('flags-e2e-acme');

    await createFlag({ key: TOGGLE, enabled: false });
    await createFlag({ key: PERCENT, type: 'percentage', enabled: true, targeting: { rollouts: [{ percentage: 10, stickiness: 'userId' }] } });
    await createFlag({
      key: VARIANTS,
      type: 'variant',
      valueType: 'string',
      defaultValue: 'control',
      enabled: true,
      targeting: { variants: { variants: [{ name: 'control', weight: 50, value: 'control' }, { name: 'discount', weight: 50, value: 'discount' }] } },
    });
    await createFlag({ key: KILL, enabled: true, killSwitch: true });
    await createFlag({ key: EVAL_TENANT, enabled: true });
    await api('POST', '/overrides', { flagKey: EVAL_TENANT, scope: 'tenant', tenantId: acme.id, value: false, reason: 'e2e: off for acme' });
    await createFlag({ key: EVAL_USER, type: 'user_list', enabled: true, targeting: { enabledUsers: ['user-42'], rollouts: [{ percentage: 0 }] } });
    await createFlag({ key: ROLLOUT, type: 'percentage', enabled: false });
    await createFlag({ key: GRADUAL, type: 'percentage', enabled: false });

    browser = await launchChromium();
    page = await openPage(browser, { width: 1400, height: 900 });
  }, 120_000);

  afterEach(async (ctx) => {
    await screenshotIfFailed(page, ctx, 'flags-console-');
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('signs in as the super admin and lists the flags', async () => {
    await signInToConsole(page, url);
    await openFlagsList();
    await page.getByLabel('Search').fill('e2e.');
    for (const key of [TOGGLE, PERCENT, VARIANTS, KILL, ROLLOUT]) await ui(page.getByRole('row').filter({ hasText: key })).toBeVisible();
    await ui(page.getByRole('row').filter({ hasText: PERCENT }).getByText('10%', { exact: true })).toBeVisible();
    await shot('list');
  });

  it('toggles a flag on from the list, with a reason', async () => {
    const row = page.getByRole('row').filter({ hasText: TOGGLE });
    // MUI's Switch: an input of role "switch" whose label is `Toggle <key>`.
    await row.locator('input[type="checkbox"]').click();
    await ui(dialog().getByText(`Turn on ${TOGGLE}?`)).toBeVisible();
    // No reason, no change.
    expect(await dialog().getByRole('button', { name: 'Turn on', exact: true }).isDisabled()).toBe(true);
    await shot('toggle-reason');
    await confirmWithReason('e2e: launch the banner', 'Turn on');
    await ui(notification(`${TOGGLE} is on`)).toBeVisible();
    expect(await flag(TOGGLE)).toMatchObject({ enabled: true });
    // Still on the list: confirming in the dialog does not count as a click on the row (which opens the editor).
    await ui(row.getByText('On', { exact: true })).toBeVisible();
    expect(new URL(page.url()).pathname).toBe('/feature-flags/flags');
    const audit = await api('GET', `/flags/${TOGGLE}/audit`);
    expect(audit[0]).toMatchObject({ reason: 'e2e: launch the banner' });
    await shot('toggled-on');
  });

  it('opens a flag and applies the 75% rollout preset', async () => {
    await openFlag(PERCENT);
    await shot('editor');
    await page.getByRole('tab', { name: 'Targeting' }).click();
    const presets = page.getByRole('group', { name: 'Rollout presets' });
    await ui(presets).toBeVisible();
    await presets.getByRole('button', { name: '75%', exact: true }).click();
    await ui(page.getByText('75%', { exact: true }).and(page.locator('strong'))).toBeVisible();
    await shot('preset-75');
    await saveWithReason('e2e: widen to 75%');
    await waitFor(async () => (await flag(PERCENT)).targeting.rollouts?.[0]?.percentage === 75, 'rollout at 75%');
    expect((await flag(PERCENT)).rolloutPercentage).toBe(75);
  });

  it('refuses variant weights of 60/30 (they must sum to 100)', async () => {
    await openFlag(VARIANTS);
    await page.getByRole('tab', { name: 'Variants' }).click();
    const weights = page.getByLabel('Weight %');
    await ui(weights).toHaveCount(2);
    await weights.nth(0).fill('60');
    await weights.nth(1).fill('30');
    await ui(page.getByText('Weights total 90% — they must sum to 100%')).toBeVisible();
    await saveWithReason('e2e: unbalanced split');
    await ui(page.getByText('Variant weights must sum to 100% (now 90%)')).toBeVisible();
    await shot('weights-refused');
    // Nothing reached the API.
    await new Promise((r) => setTimeout(r, 300));
    expect((await flag(VARIANTS)).targeting.variants.variants.map((v: { weight: number }) => v.weight)).toEqual([50, 50]);

    await weights.nth(1).fill('40');
    await ui(page.getByText('Weights total 100%')).toBeVisible();
    await saveWithReason('e2e: 60/40 split');
    await waitFor(async () => (await flag(VARIANTS)).targeting.variants.variants[0].weight === 60, 'weights saved');
    expect((await flag(VARIANTS)).targeting.variants.variants.map((v: { weight: number }) => v.weight)).toEqual([60, 40]);
  });

  it('kills a flag from the kill-switch panel', async () => {
    await menuItem('Kill switches').click();
    const card = page.locator('.MuiCard-root').filter({ hasText: KILL });
    await ui(card).toBeVisible();
    await shot('kill-switches');
    await card.getByRole('button', { name: 'Kill', exact: true }).click();
    await ui(dialog().getByText(`Kill ${KILL} everywhere?`)).toBeVisible();
    await confirmWithReason('e2e: payments are failing', 'Kill now');
    await ui(notification(`${KILL} is off everywhere`)).toBeVisible();
    await ui(card.getByText(/Killed .*e2e: payments are failing/)).toBeVisible();
    await ui(card.getByRole('button', { name: 'Restore' })).toBeVisible();
    const killed = await flag(KILL);
    expect(killed.killedAt).toBeTruthy();
    expect(killed.killedReason).toBe('e2e: payments are failing');
    await shot('killed');
  });

  it('evaluates as a tenant and a user', async () => {
    await menuItem('Evaluate as').click();
    const tenantInput = page.locator('input.MuiAutocomplete-input').first();
    await tenantInput.fill(acme.name);
    await page.getByRole('option', { name: `${acme.name} (${acme.slug})` }).click();
    await page.getByLabel('User id').fill('user-42');
    const flagsInput = page.getByLabel('Flags (default: all)');
    for (const key of [EVAL_TENANT, EVAL_USER]) {
      await flagsInput.fill(key);
      await page.getByRole('option', { name: key, exact: true }).click();
    }
    await page.getByRole('button', { name: 'Evaluate', exact: true }).click();

    const expected = (await api('POST', '/evaluate-as', { tenantId: acme.id, userId: 'user-42', flags: [EVAL_TENANT, EVAL_USER] })).results;
    expect(expected[EVAL_TENANT]).toMatchObject({ value: false });
    expect(expected[EVAL_USER]).toMatchObject({ value: true, reason: 'TARGETING_MATCH' });
    const tenantRow = page.getByRole('row').filter({ hasText: EVAL_TENANT });
    const userRow = page.getByRole('row').filter({ hasText: EVAL_USER });
    await ui(tenantRow).toBeVisible();
    await ui(userRow).toBeVisible();
    expect(await textOf(tenantRow)).toContain(`false ${expected[EVAL_TENANT].variant ?? '—'} ${expected[EVAL_TENANT].reason} ${expected[EVAL_TENANT].rule}`);
    expect(await textOf(userRow)).toContain(`true ${expected[EVAL_USER].variant ?? '—'} TARGETING_MATCH ${expected[EVAL_USER].rule}`);
    await ui(page.getByText(new RegExp(`Context .*"tenantId":"${acme.id}".*"userId":"user-42"`))).toBeVisible();
    await shot('evaluate-as');
  });

  it('starts a staged rollout from the editor, validating each field, and lists it on Active rollouts', async () => {
    await openFlag(ROLLOUT);
    await page.getByRole('button', { name: 'Start rollout' }).click();
    const d = dialog();
    await ui(d.getByText(`Start a rollout of ${ROLLOUT}`)).toBeVisible();
    // The defaults: 10 → 25 → 50 → 100 every 24 h.
    expect(await d.getByLabel('Steps (%)').inputValue()).toBe('10, 25, 50, 100');
    expect(await d.getByLabel('Interval (hours)').inputValue()).toBe('24');
    await ui(d.getByText('Steps: 10 → 25 → 50 → 100%')).toBeVisible();

    // Invalid: steps going down, no interval, alerts on without a rule, no reason — each message names its field.
    await d.getByLabel('Steps (%)').fill('10, 50, 25');
    await d.getByLabel('Interval (hours)').fill('');
    await d.getByLabel('Pause when an alert fires').check();
    await d.getByRole('button', { name: 'Start rollout' }).click();
    await ui(d.getByText('Steps never go down: 50 then 25')).toBeVisible();
    await ui(d.getByText('Interval is required (hours)')).toBeVisible();
    await ui(d.getByText(/^Alert rules: name at least one rule/)).toBeVisible();
    await ui(d.getByText('Reason is required (kept in the audit trail)')).toBeVisible();
    await shot('rollout-invalid');
    expect(await api('GET', `/rollouts?filter=${encodeURIComponent(JSON.stringify({ flagKey: ROLLOUT }))}`)).toEqual([]);

    await d.getByLabel('Steps (%)').fill('10, 25, 50, 100');
    await d.getByLabel('Interval (hours)').fill('24');
    await d.getByLabel('Alert rules').fill('checkout.error_rate');
    await d.getByLabel('Reason (kept in the audit trail)').fill('e2e: onboarding ramp');
    await shot('rollout-filled');
    await d.getByRole('button', { name: 'Start rollout' }).click();
    await ui(notification(`Rollout of ${ROLLOUT} started: 10 → 25 → 50 → 100%`)).toBeVisible();
    await ui(dialog()).toHaveCount(0);

    const [rollout] = await api('GET', `/rollouts?filter=${encodeURIComponent(JSON.stringify({ flagKey: ROLLOUT }))}`);
    expect(rollout).toMatchObject({ status: 'active', steps: [10, 25, 50, 100], intervalHours: 24, currentPercentage: 10, pauseOnAlerts: ['checkout.error_rate'] });
    expect(await flag(ROLLOUT)).toMatchObject({ enabled: true, rolloutPercentage: 10 });
    await shot('rollout-started');

    await menuItem('Active rollouts').click();
    const row = page.getByRole('row').filter({ hasText: ROLLOUT });
    await ui(row).toBeVisible();
    await ui(row.getByText('active', { exact: true })).toBeVisible();
    await ui(row.getByText(/10% · step 1\/4 \(10 → 25 → 50 → 100%, every 24 h\)/)).toBeVisible();
    await ui(row.getByText('pauses on checkout.error_rate')).toBeVisible();
    await ui(row.getByRole('button', { name: 'pause' })).toBeVisible();
    await shot('rollouts-page');
  });

  it('starts a gradual rollout (start and end percentage over a duration) from the editor', async () => {
    await openFlag(GRADUAL);
    await page.getByRole('button', { name: 'Start rollout' }).click();
    const d = dialog();
    await d.getByRole('button', { name: 'Gradual' }).click();
    await d.getByLabel('Start percentage').fill('0');
    await d.getByLabel('End percentage').fill('100');
    await d.getByLabel('Duration (hours)').fill('72');
    await d.getByLabel('Interval (hours)').fill('96');
    await d.getByLabel('Reason (kept in the audit trail)').fill('e2e: three-day ramp');
    await d.getByRole('button', { name: 'Start rollout' }).click();
    await ui(d.getByText('Interval is longer than the duration')).toBeVisible();
    await d.getByLabel('Interval (hours)').fill('24');
    await ui(d.getByText('Steps: 0 → 33 → 67 → 100%')).toBeVisible();
    await shot('gradual-filled');
    await d.getByRole('button', { name: 'Start rollout' }).click();
    await ui(notification(`Rollout of ${GRADUAL} started: 0 → 33 → 67 → 100%`)).toBeVisible();
    const [rollout] = await api('GET', `/rollouts?filter=${encodeURIComponent(JSON.stringify({ flagKey: GRADUAL }))}`);
    expect(rollout).toMatchObject({ status: 'active', steps: [0, 33, 67, 100], intervalHours: 24, currentPercentage: 0, pauseOnAlerts: [] });

    await menuItem('Active rollouts').click();
    await ui(page.getByRole('row').filter({ hasText: GRADUAL }).getByText(/0% · step 1\/4 \(0 → 33 → 67 → 100%, every 24 h\)/)).toBeVisible();
    await shot('rollouts-page-gradual');
  });
});
