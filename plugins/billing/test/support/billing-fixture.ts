import { definePlugin } from '@platform/sdk';
import { BILLING_CHARGES, type BillingCharges } from '@platform/sdk/billing';
import { USAGE_SERVICE, type UsageRecorder } from '@platform/sdk/entitlements';
import type { TestClient, TestKernel } from '@platform/sdk/testing';
import { expect } from 'vitest';

/** What the fixture resolved from DI, as any other plugin would (never by importing billing). */
export const resolved: { charges?: BillingCharges; usage?: UsageRecorder } = {};

export const billingClientFixture = definePlugin({
  name: 'billing-client-fixture',
  version: '1.0.0',
  kernel: '^0.1.0',
  dependsOn: ['billing', 'plans'],
  boot(ctx) {
    resolved.charges = ctx.resolve<BillingCharges>(BILLING_CHARGES);
    resolved.usage = ctx.resolve<UsageRecorder>(USAGE_SERVICE);
  },
});

/** A clock tests move. */
export function movableClock(start: string) {
  let at = new Date(start).getTime();
  return {
    now: () => new Date(at),
    set(iso: string) {
      at = new Date(iso).getTime();
    },
  };
}

export function asTenant(client: TestClient | TestKernel, tenantId: string, opts: { method?: string; url: string; payload?: unknown }) {
  return client.inject({ method: (opts.method ?? 'GET') as any, url: opts.url, payload: opts.payload as any, headers: { 'x-tenant-id': tenantId } });
}

export async function createPlan(t: TestKernel, fields: Record<string, unknown>): Promise<any> {
  const res = await t.inject({ method: 'POST', url: '/api/plans/plans', payload: { name: fields.key, priceAmount: 0, currency: 'USD', interval: 'monthly', ...fields } });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

export async function putAccount(t: TestKernel, tenantId: string, fields: Record<string, unknown> = {}): Promise<any> {
  const res = await asTenant(t, tenantId, { method: 'PUT', url: '/api/billing/account', payload: { cycle: 'monthly', anchorDay: 1, currency: 'USD', contactEmail: 'billing@example.test', country: 'GB', ...fields } });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

export async function changePlan(t: TestKernel, tenantId: string, planId: string, effectiveFrom?: string): Promise<any> {
  const res = await asTenant(t, tenantId, { method: 'POST', url: '/api/plans/change', payload: { planId, reason: 'test', ...(effectiveFrom ? { effectiveFrom } : {}) } });
  expect(res.statusCode, res.body).toBeLessThan(300);
  return res.json();
}
