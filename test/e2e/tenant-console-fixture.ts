import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { TenantInfo } from '@platform/sdk';
import { createTestKernel, type TestClient, type TestKernel } from '@platform/sdk/testing';
import { DEFAULT_LOAD_SHEDDING } from '../../core/src/http/load-shedder.ts';
import alerts from '@platform/plugin-alerts';
import featureFlags from '@platform/plugin-feature-flags';
import health from '@platform/plugin-health';
import incidents from '@platform/plugin-incidents';
import logging from '@platform/plugin-logging';
import messaging from '@platform/plugin-messaging';
import metrics from '@platform/plugin-metrics';
import plans from '@platform/plugin-plans';
import status from '@platform/plugin-status';
import { importPlugins, readPluginList } from '../../core/src/plugins/plugin-list.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));

/**
 * A console with the capability plugins a tenant meets (plans, flags, health, status, metrics, alerts,
 * incidents, logging, messaging), two tenants with data of their own, and a tenant admin and a tenant member of
 * "Acme Corp". Browser tests sign in through the session cookie.
 */
export interface TenantConsole {
  t: TestKernel;
  url: string;
  acme: TenantInfo;
  globex: TenantInfo;
  tenantAdmin: TestClient;
  tenantMember: TestClient;
  planName: string;
  close(): Promise<void>;
}

export const FLAG_KEY = 'e2e.tenant_banner';

/**
 * `everyPlugin`: every plugin of `platform.config.json` (billing, marketplace, support, privacy, onboarding,
 * customer success... as a deployment has them), for walks over everything a tenant user can open.
 */
export async function startTenantConsole(opts: { everyPlugin?: boolean } = {}): Promise<TenantConsole> {
  const t = await createTestKernel({
    plugins: opts.everyPlugin
      ? await importPlugins(readPluginList(join(root, 'platform.config.json')), root)
      : [plans, featureFlags, health, status, metrics, alerts, incidents, logging, messaging],
    serveConsole: true,
    // A browser test shares a loaded 2-core machine: only the in-flight limit may refuse a request (long
    // event-loop turns there say nothing about this kernel, and a refused page load is a false failure).
    config: { logLevel: process.env.TEST_LOG_LEVEL ?? 'silent', loadShedding: { ...DEFAULT_LOAD_SHEDDING, maxEventLoopDelayMs: 0, maxTurnMs: 0 } },
  });
  const url = await t.kernel.app.listen({ port: 0, host: '127.0.0.1' });
  const acme = await t.tenant('acme-corp');
  const globex = await t.tenant('globex');
  const ok = async (res: Promise<{ statusCode: number; body: string; json(): any }>) => {
    const r = await res;
    expect([200, 201], r.body).toContain(r.statusCode);
    return r.json();
  };
  await ok(t.inject({ method: 'PATCH', url: `/api/tenants/${acme.id}`, payload: { name: 'Acme Corp' } }));
  const planName = 'Growth e2e';
  const plan = await ok(t.inject({ method: 'POST', url: '/api/plans/plans', payload: { key: 'growth-e2e', name: planName, priceAmount: 4900, currency: 'USD', interval: 'monthly' } }));
  await ok(t.inject({ method: 'POST', url: '/api/plans/change', headers: { 'x-tenant-id': acme.id }, payload: { planId: plan.id, reason: 'e2e setup' } }));
  await ok(t.inject({ method: 'POST', url: '/api/feature-flags/flags', payload: { key: FLAG_KEY, name: 'Tenant banner', type: 'boolean', enabled: true, reason: 'e2e setup' } }));
  await ok(t.inject({ method: 'POST', url: '/api/feature-flags/overrides', payload: { flagKey: FLAG_KEY, scope: 'tenant', tenantId: acme.id, value: false, reason: 'e2e: off for acme' } }));
  await ok(t.inject({ method: 'POST', url: '/api/incidents/incidents', payload: { title: 'Checkout slow for Acme', severity: 3, publishToStatusPage: true, statusPageMessage: 'Payments take longer than usual', affectedTenantIds: [acme.id] } }));
  await ok(t.inject({ method: 'POST', url: '/api/incidents/incidents', payload: { title: 'Globex only outage', severity: 2, publishToStatusPage: true, statusPageMessage: 'Globex is down', affectedTenantIds: [globex.id] } }));
  const tenantAdmin = await t.signIn({ role: 'tenant_admin', tenant: 'acme-corp' });
  const tenantMember = await t.signIn({ role: 'tenant_member', tenant: 'acme-corp' });
  return {
    t,
    url,
    acme: (await t.kernel.services.directory.get(acme.id))!,
    globex,
    tenantAdmin,
    tenantMember,
    planName,
    close: () => t.close(),
  };
}

/** A browser context signed in with this client's session token (the console's `sid` cookie). */
export async function signedInPage(browser: Browser, url: string, client: TestClient): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  await context.addCookies([{ name: 'sid', value: client.token, url }]);
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  return { context, page };
}
