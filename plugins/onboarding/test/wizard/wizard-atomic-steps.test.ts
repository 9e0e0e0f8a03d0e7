import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestClient } from '@platform/testing';
import { BASIC_INFO, connectShopify, giveLoyaltyPlan, ok, startWizardKernel, type WizardKernel } from './support/wizard-kernel.ts';

const S = '/api/onboarding/wizard';

/**
 * A step's effect and the session row commit together: the session row is made unwritable (a trigger raising on
 * UPDATE, a real database fault) while a step is saved, then writable again.
 */
describe('onboarding wizard: step effects and the session row in one transaction', () => {
  let w: WizardKernel;
  let admin: TestClient;
  beforeAll(async () => {
    w = await startWizardKernel();
    admin = await w.t.signIn({ role: 'tenant_admin', tenant: 'atomic' });
    await giveLoyaltyPlan(w.t, admin.tenant!.id);
    await ok(admin.inject({ method: 'PUT', url: `${S}/steps/basic-info`, payload: { answers: { ...BASIC_INFO, slug: 'atomic-brand', domain: null } } }));
    expect((await connectShopify(w, admin)).statusCode).toBe(302);
    await ok(admin.inject({ method: 'PUT', url: `${S}/steps/shopify`, payload: { answers: { shop: w.shopify.shop, scopes: ['read_orders', 'read_products'] } } }));
    await ok(admin.inject({ method: 'POST', url: `${S}/steps/payments/skip` }));
    await w.t.sql(`CREATE OR REPLACE FUNCTION test_refuse_session_write() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'injected fault: the session row cannot be written'; END $$`);
  });
  afterAll(() => w?.close());

  const breakSessionWrites = () => w.t.sql('CREATE TRIGGER test_refuse_session_write BEFORE UPDATE ON onboarding_sessions FOR EACH ROW EXECUTE FUNCTION test_refuse_session_write()');
  const mendSessionWrites = () => w.t.sql('DROP TRIGGER IF EXISTS test_refuse_session_write ON onboarding_sessions');
  const loyaltyEnabled = async () => ((await ok(admin.inject(`${S}/steps/features/status`))).plugins as { name: string; enabled: boolean }[]).find((p) => p.name === 'loyalty')!.enabled;
  const session = () => ok(admin.inject(`${S}/session`));
  const stepAudits = async (step: string) =>
    (await w.t.sql<{ n: number }>(`SELECT count(*)::int AS n FROM audit WHERE action = 'onboarding.step_saved' AND target_id = $1 AND tenant_id = $2`, [step, admin.tenant!.id]))[0].n;

  it('features: a failed session write leaves the modules as they were; saving again enables them with the session', async () => {
    expect(await loyaltyEnabled()).toBe(false);
    await breakSessionWrites();
    const failed = await admin.inject({ method: 'PUT', url: `${S}/steps/features`, payload: { answers: { enabled: ['loyalty'] } } });
    await mendSessionWrites();
    expect(failed.statusCode).toBeGreaterThanOrEqual(500);
    expect(await loyaltyEnabled()).toBe(false);
    expect(await stepAudits('features')).toBe(0);
    expect((await session()).currentStep).toBe('features');

    const saved = await ok(admin.inject({ method: 'PUT', url: `${S}/steps/features`, payload: { answers: { enabled: ['loyalty'] } } }));
    expect(saved.currentStep).toBe('team');
    expect(await loyaltyEnabled()).toBe(true);
    expect(await stepAudits('features')).toBe(1);
  });

  it('team: invitations sent before a failed session write are adopted when the step is saved again, not sent twice', async () => {
    const emails = () => w.smtp.requests.filter((m) => m.raw.includes('ops@atomic.test')).length;
    const before = emails();
    await breakSessionWrites();
    const failed = await admin.inject({ method: 'PUT', url: `${S}/steps/team`, payload: { answers: { invitations: [{ email: 'ops@atomic.test', role: 'tenant_member' }] } } });
    await mendSessionWrites();
    expect(failed.statusCode).toBeGreaterThanOrEqual(500);
    const pending = await w.t.sql<{ id: string }>(`SELECT id FROM onboarding_invitations WHERE tenant_id = $1 AND email = 'ops@atomic.test' AND status = 'pending'`, [admin.tenant!.id]);
    expect(pending).toHaveLength(1);
    expect((await session()).answers.team).toBeUndefined();

    const saved = await ok(admin.inject({ method: 'PUT', url: `${S}/steps/team`, payload: { answers: { invitations: [{ email: 'ops@atomic.test', role: 'tenant_member' }] } } }));
    expect(saved.answers.team.invitations).toEqual([{ email: 'ops@atomic.test', role: 'tenant_member', invitationId: pending[0].id }]);
    expect(await w.t.sql(`SELECT id FROM onboarding_invitations WHERE tenant_id = $1 AND email = 'ops@atomic.test'`, [admin.tenant!.id])).toHaveLength(1);
    // One invitation email, sent by the failed attempt; the second save sends none.
    expect(before).toBe(0);
    expect(emails()).toBe(1);
  });

  it('import: a failed session write starts no import; saving again starts it', async () => {
    const imports = () => w.t.sql<{ status: string }>('SELECT status FROM onboarding_imports WHERE tenant_id = $1', [admin.tenant!.id]);
    await breakSessionWrites();
    const failed = await admin.inject({ method: 'PUT', url: `${S}/steps/import`, payload: { answers: { source: 'shopify', sinceDays: 3650 } } });
    await mendSessionWrites();
    expect(failed.statusCode).toBeGreaterThanOrEqual(500);
    expect(await imports()).toEqual([]);
    await ok(admin.inject({ method: 'PUT', url: `${S}/steps/import`, payload: { answers: { source: 'shopify', sinceDays: 3650 } } }));
    expect(await imports()).toEqual([{ status: 'running' }]);
  });
});
