import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestKernel, type TestKernel } from '@platform/sdk/testing';
import featureFlags from '../src/index.ts';
import { createFlag, json } from './support/flag-test-kit.ts';

/** The embedded database is one session: every write path must run without a second connection. */
describe('feature-flags plugin on the embedded database', () => {
  let t: TestKernel;
  beforeAll(async () => {
    t = await createTestKernel({ plugins: [featureFlags], database: 'embedded' });
  });
  afterAll(async () => t?.close());

  it('creates, edits, overrides, rolls out, kills and evaluates', async () => {
    const tenant = await t.tenant('embedded-tenant');
    const flag = await createFlag(t, { key: 'embedded.flag', type: 'tenant_list', enabled: true, targeting: { enabledTenants: ['embedded-tenant'] } });
    const edited = await t.inject({ method: 'PATCH', url: `/api/feature-flags/flags/${flag.id}`, ...json({ targeting: { enabledTenants: [tenant.id], disabledTenants: ['embedded-tenant'] }, reason: 'edit' }) });
    expect(edited.statusCode, edited.body).toBe(200);
    const override = await t.inject({ method: 'POST', url: '/api/feature-flags/overrides', ...json({ flagKey: 'embedded.flag', scope: 'tenant', tenantId: tenant.id, value: true, reason: 'pin' }) });
    expect(override.statusCode, override.body).toBe(201);
    const rollout = await t.inject({ method: 'POST', url: '/api/feature-flags/flags/embedded.flag/rollouts', ...json({ steps: [10, 100], intervalHours: 1, reason: 'ramp' }) });
    expect(rollout.statusCode, rollout.body).toBe(201);
    const member = await t.signIn({ role: 'tenant_member', tenant: 'embedded-tenant' });
    const evaluated = await member.inject({ method: 'POST', url: '/api/feature-flags/evaluate', ...json({ flag: 'embedded.flag' }) });
    expect(evaluated.json()).toMatchObject({ value: true, rule: 'tenant_override' });
    const killed = await t.inject({ method: 'POST', url: '/api/feature-flags/flags/embedded.flag/kill', ...json({ reason: 'stop' }) });
    expect(killed.statusCode, killed.body).toBe(200);
    expect((await member.inject({ method: 'POST', url: '/api/feature-flags/evaluate', ...json({ flag: 'embedded.flag' }) })).json().rule).toBe('kill_switch');
  });
});
