import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestKernel, type TestKernel } from '@platform/sdk/testing';
import featureFlags from '../src/index.ts';
import { PLATFORM_FLAGS } from '../src/seed/platform-flags.ts';

const json = (payload: unknown) => ({ payload, headers: { 'content-type': 'application/json' } });

describe('feature-flags plugin: flag definitions', () => {
  let t: TestKernel;
  beforeAll(async () => {
    t = await createTestKernel({ plugins: [featureFlags] });
  });
  afterAll(async () => t?.close());

  it('seeds the 14 platform flags once, audited', async () => {
    const list = await t.inject('/api/feature-flags/flags?range=[0,99]');
    expect(list.statusCode, list.body).toBe(200);
    const keys = list.json().map((f: any) => f.key);
    expect(PLATFORM_FLAGS).toHaveLength(14);
    for (const flag of PLATFORM_FLAGS) expect(keys).toContain(flag.key);
    const seeded = await t.sql<{ n: string }>(`SELECT count(*) AS n FROM feature_flag_audit WHERE action = 'flag.seeded'`);
    expect(Number(seeded[0].n)).toBe(14);
  });

  it('creates, reads, updates and deletes a flag, each change audited with old value, new value, who and why', async () => {
    const created = await t.inject({ method: 'POST', url: '/api/feature-flags/flags', ...json({ key: 'test.crud', name: 'CRUD', type: 'percentage', targeting: { rollouts: [{ percentage: 10 }] }, reason: 'testing create' }) });
    expect(created.statusCode, created.body).toBe(201);
    const flag = created.json();
    expect(flag).toMatchObject({ key: 'test.crud', valueType: 'boolean', defaultValue: false, enabled: false, rolloutPercentage: 10 });

    const got = await t.inject(`/api/feature-flags/flags/${flag.id}`);
    expect(got.json().key).toBe('test.crud');
    expect((await t.inject('/api/feature-flags/flags/test.crud')).json().id).toBe(flag.id);

    const updated = await t.inject({ method: 'PUT', url: `/api/feature-flags/flags/${flag.id}`, ...json({ ...got.json(), enabled: true, reason: 'ship it' }) });
    expect(updated.statusCode, updated.body).toBe(200);
    expect(updated.json().enabled).toBe(true);

    const noReason = await t.inject({ method: 'PATCH', url: `/api/feature-flags/flags/${flag.id}`, ...json({ enabled: false }) });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().field).toBe('reason');

    const audit = await t.inject(`/api/feature-flags/flags/test.crud/audit`);
    const entries = audit.json();
    expect(entries.map((e: any) => e.action)).toEqual(['flag.enabled', 'flag.created']);
    expect(entries[0]).toMatchObject({ reason: 'ship it', actorType: 'user', actorId: t.client.userId });
    expect(entries[0].oldValue.enabled).toBe(false);
    expect(entries[0].newValue.enabled).toBe(true);

    const delNoReason = await t.inject({ method: 'DELETE', url: `/api/feature-flags/flags/${flag.id}` });
    expect(delNoReason.statusCode).toBe(400);
    const del = await t.inject({ method: 'DELETE', url: `/api/feature-flags/flags/${flag.id}?reason=${encodeURIComponent('cleanup')}` });
    expect(del.statusCode, del.body).toBe(200);
    expect((await t.inject(`/api/feature-flags/flags/${flag.id}`)).statusCode).toBe(404);
    // The trail outlives the flag, and also reached the kernel's audit.
    expect((await t.inject(`/api/feature-flags/flags/test.crud/audit`)).json()[0]).toMatchObject({ action: 'flag.deleted', reason: 'cleanup' });
    const kernelAudit = await t.inject(`/api/audit?filter=${encodeURIComponent(JSON.stringify({ targetId: 'test.crud' }))}`);
    expect(kernelAudit.json().map((a: any) => a.action)).toContain('feature-flags.flag.deleted');
  });

  it('keeps feature_flag_audit append-only', async () => {
    await expect(t.sql('UPDATE feature_flag_audit SET reason = $1', ['x'])).rejects.toThrow(/append-only/);
    await expect(t.sql('DELETE FROM feature_flag_audit')).rejects.toThrow(/append-only/);
  });

  it('lists with react-admin conventions', async () => {
    const res = await t.inject(`/api/feature-flags/flags?sort=${encodeURIComponent('["key","DESC"]')}&range=[0,2]&filter=${encodeURIComponent('{"killSwitch":true}')}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-range']).toMatch(/^flags 0-2\/5$/);
    const keys = res.json().map((f: any) => f.key);
    expect(keys).toEqual([...keys].sort().reverse());
  });

  describe('bad input: 400 naming the field', () => {
    const create = (body: Record<string, unknown>) =>
      t.inject({ method: 'POST', url: '/api/feature-flags/flags', ...json({ name: 'Bad', type: 'boolean', reason: 'bad input test', ...body }) });

    it('a malformed key', async () => {
      const res = await create({ key: 'Not A Key' });
      expect(res.statusCode).toBe(400);
      expect(res.json().field).toBe('key');
      expect((await create({ key: 'nodots' })).json().field).toBe('key');
    });

    it('variant weights that do not sum to 100', async () => {
      const res = await create({
        key: 'bad.weights',
        type: 'variant',
        valueType: 'string',
        defaultValue: 'a',
        targeting: { variants: { variants: [{ name: 'a', weight: 50, value: 'a' }, { name: 'b', weight: 30, value: 'b' }] } },
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().field).toBe('targeting.variants.variants');
      expect(res.json().detail).toMatch(/sum to 100/);
    });

    it('a percentage outside 0-100', async () => {
      const res = await create({ key: 'bad.percentage', targeting: { rollouts: [{ percentage: 120 }] } });
      expect(res.statusCode).toBe(400);
      expect(res.json().field).toBe('targeting.rollouts.0.percentage');
      const negative = await create({ key: 'bad.percentage', targeting: { rollouts: [{ percentage: -1 }] } });
      expect(negative.json().field).toBe('targeting.rollouts.0.percentage');
    });

    it('a schedule that ends before it starts', async () => {
      const res = await create({ key: 'bad.schedule', type: 'schedule', targeting: { schedule: { start: '2030-01-02T00:00:00Z', end: '2030-01-01T00:00:00Z' } } });
      expect(res.statusCode).toBe(400);
      expect(res.json().field).toBe('targeting.schedule.end');
    });

    it('an unknown tenant in a list', async () => {
      const res = await create({ key: 'bad.tenant', type: 'tenant_list', targeting: { enabledTenants: ['no-such-tenant'] } });
      expect(res.statusCode).toBe(400);
      expect(res.json().field).toBe('targeting.enabledTenants');
      expect(res.json().detail).toContain('no-such-tenant');
    });

    it('resolves tenant slugs in lists to ids', async () => {
      const acme = await t.tenant('slug-list');
      const res = await create({ key: 'good.tenant_list', type: 'tenant_list', targeting: { disabledTenants: ['slug-list'] } });
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json().targeting.disabledTenants).toEqual([acme.id]);
    });

    it('a duplicate key is a 409 naming the key', async () => {
      const res = await create({ key: 'platform.maintenance_mode' });
      expect(res.statusCode).toBe(409);
      expect(res.json().field).toBe('key');
    });
  });

  it('lets only platform staff change definitions; tenant users see a redacted view', async () => {
    const admin = await t.signIn({ role: 'tenant_admin', tenant: 'redacted' });
    const list = await admin.inject('/api/feature-flags/flags?range=[0,99]');
    expect(list.statusCode, list.body).toBe(200);
    expect(list.json()[0].targeting).toBeUndefined();
    const res = await admin.inject({ method: 'POST', url: '/api/feature-flags/flags', ...json({ key: 'tenant.try', name: 'x', type: 'boolean', reason: 'try' }) });
    expect(res.statusCode).toBe(403);
    const member = await t.signIn({ role: 'tenant_member', tenant: 'redacted' });
    expect((await member.inject('/api/feature-flags/flags')).statusCode).toBe(403);
  });
});
