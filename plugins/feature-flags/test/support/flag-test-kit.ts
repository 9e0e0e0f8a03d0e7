import { definePlugin } from '@platform/sdk';
import { ENTITLEMENTS_SERVICE, type EntitlementChecker } from '@platform/sdk/entitlements';
import { FLAG_CLIENT, type FlagClient } from '@platform/sdk/feature-flags';
import type { TestKernel } from '@platform/sdk/testing';

export const json = (payload: unknown) => ({ payload, headers: { 'content-type': 'application/json' } });

/** Creates a flag as the super admin and returns it (fails the test on a non-201). */
export async function createFlag(t: TestKernel, body: Record<string, unknown>): Promise<any> {
  const res = await t.inject({ method: 'POST', url: '/api/feature-flags/flags', ...json({ name: String(body.key), type: 'boolean', reason: 'test setup', ...body }) });
  if (res.statusCode !== 201) throw new Error(`create flag ${String(body.key)}: ${res.statusCode} ${res.body}`);
  return res.json();
}

/** Raw request with a bearer token (an API key, say), bypassing the test client's identity. */
export function injectAs(t: TestKernel, token: string, opts: { method?: string; url: string; payload?: unknown; headers?: Record<string, string> }) {
  return t.kernel.app.inject({
    method: (opts.method ?? 'GET') as any,
    url: opts.url,
    payload: opts.payload as any,
    headers: { authorization: `Bearer ${token}`, ...(opts.payload ? { 'content-type': 'application/json' } : {}), ...(opts.headers ?? {}) },
  });
}

/** An API key created by the super admin. */
export async function createApiKey(t: TestKernel, body: { name: string; permissions: string[]; actOnBehalf?: boolean; tenantId?: string }): Promise<string> {
  const res = await t.inject({ method: 'POST', url: '/api/api-keys', ...json(body) });
  if (res.statusCode !== 201) throw new Error(`create api key: ${res.statusCode} ${res.body}`);
  return res.json().key;
}

/** A stand-in for the plans plugin: provides the `entitlements` service answering with the plan set per tenant. */
export function fakePlansPlugin(plans: Map<string, string>) {
  const checker: EntitlementChecker = {
    async check(tenantId, key) {
      const planKey = plans.get(tenantId);
      return {
        allowed: true, key, kind: 'feature', reason: 'entitled', limit: null, used: 0, requested: 0, remaining: null, limitType: null,
        plan: planKey ? { id: planKey, key: planKey, name: planKey } : null, period: null, upgrade: null,
      };
    },
  };
  return definePlugin({
    name: 'fake-plans',
    version: '0.0.0',
    kernel: '^0.1.0',
    register(ctx) {
      ctx.provide(ENTITLEMENTS_SERVICE, checker);
    },
  });
}

/** A plugin that hands the test the in-process `FlagClient` (the engine behind every provider). */
export function flagClientProbe(holder: { client: FlagClient | null }) {
  return definePlugin({
    name: 'flag-client-probe',
    version: '0.0.0',
    kernel: '^0.1.0',
    dependsOn: ['feature-flags'],
    boot(ctx) {
      holder.client = ctx.resolve<FlagClient>(FLAG_CLIENT);
    },
  });
}

/** PATCHes a flag by key as the super admin (fails the test on a non-200). */
export async function patchFlag(t: TestKernel, key: string, body: Record<string, unknown>): Promise<any> {
  const flag = (await t.inject(`/api/feature-flags/flags/${key}`)).json();
  const res = await t.inject({ method: 'PATCH', url: `/api/feature-flags/flags/${flag.id}`, ...json({ reason: 'test change', ...body }) });
  if (res.statusCode !== 200) throw new Error(`patch flag ${key}: ${res.statusCode} ${res.body}`);
  return res.json();
}
