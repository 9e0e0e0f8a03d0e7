import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestKernel, type TestKernel } from '@platform/sdk/testing';
import featureFlags from '../src/index.ts';

const json = (payload: unknown) => ({ payload, headers: { 'content-type': 'application/json' } });

describe('feature-flags plugin: dependent flags and REGEX constraints through the API', () => {
  let t: TestKernel;
  const create = (body: Record<string, unknown>) => t.inject({ method: 'POST', url: '/api/feature-flags/flags', ...json({ type: 'boolean', reason: 'test', ...body }) });
  const patch = (key: string, body: Record<string, unknown>) => t.inject({ method: 'PATCH', url: `/api/feature-flags/flags/${key}`, ...json({ reason: 'test', ...body }) });
  const evaluate = async (flag: string, context: Record<string, unknown> = {}) =>
    (await t.inject({ method: 'POST', url: '/api/feature-flags/evaluate', ...json({ flag, context }) })).json();

  beforeAll(async () => {
    t = await createTestKernel({ plugins: [featureFlags] });
  });
  afterAll(async () => t?.close());

  it('stores parents, audits the change, and evaluates the child only while its parent is on', async () => {
    expect((await create({ key: 'dep.parent', name: 'Parent', enabled: true })).statusCode).toBe(201);
    const child = await create({ key: 'dep.child', name: 'Child', enabled: true, dependencies: [{ flag: 'dep.parent' }] });
    expect(child.statusCode, child.body).toBe(201);
    expect(child.json().dependencies).toEqual([{ flag: 'dep.parent' }]);
    expect(await evaluate('dep.child')).toMatchObject({ value: true, enabled: true });

    expect((await patch('dep.parent', { enabled: false })).statusCode).toBe(200);
    expect(await evaluate('dep.child')).toMatchObject({ value: false, enabled: false, rule: 'dependency', reason: 'DISABLED' });

    const requiresOff = await patch('dep.child', { dependencies: [{ flag: 'dep.parent', enabled: false }] });
    expect(requiresOff.statusCode, requiresOff.body).toBe(200);
    expect(await evaluate('dep.child')).toMatchObject({ value: true });
    const audit = (await t.inject('/api/feature-flags/flags/dep.child/audit')).json();
    expect(audit[0]).toMatchObject({ action: 'flag.dependencies_changed' });
    expect(audit[0].oldValue.dependencies).toEqual([{ flag: 'dep.parent' }]);
    expect(audit[0].newValue.dependencies).toEqual([{ flag: 'dep.parent', enabled: false }]);
  });

  it('refuses cycles, self-dependencies, missing parents and chains with 400 naming the field', async () => {
    const self = await create({ key: 'dep.self', name: 'Self', dependencies: [{ flag: 'dep.self' }] });
    expect(self.statusCode).toBe(400);
    expect(self.json().field).toBe('dependencies.0.flag');

    const missing = await create({ key: 'dep.orphan', name: 'Orphan', dependencies: [{ flag: 'dep.nowhere' }] });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().field).toBe('dependencies.0.flag');

    // dep.child depends on dep.parent: dep.parent depending on dep.child would be a cycle.
    const cycle = await patch('dep.parent', { dependencies: [{ flag: 'dep.child' }] });
    expect(cycle.statusCode).toBe(400);
    expect(cycle.json().detail).toContain('cycle');

    const chain = await create({ key: 'dep.grandchild', name: 'Grandchild', dependencies: [{ flag: 'dep.child' }] });
    expect(chain.statusCode).toBe(400);
    expect(chain.json().field).toBe('dependencies.0.flag');

    const deleteParent = await t.inject({ method: 'DELETE', url: '/api/feature-flags/flags/dep.parent?reason=cleanup' });
    expect(deleteParent.statusCode).toBe(409);
    expect(deleteParent.json().detail).toContain('dep.child');
  });

  it('accepts a REGEX constraint and evaluates it; refuses a pattern RE2 cannot compile with 400', async () => {
    const rule = (value: string) => ({ rollouts: [{ constraints: [{ contextName: 'email', operator: 'REGEX', value }] }] });
    const ok = await create({ key: 'dep.regex', name: 'Regex', enabled: true, targeting: rule('@example\\.(com|org)$') });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(await evaluate('dep.regex', { properties: { email: 'a@example.org' } })).toMatchObject({ value: true });
    expect(await evaluate('dep.regex', { properties: { email: 'a@example.net' } })).toMatchObject({ value: false });

    for (const pattern of ['(a)\\1', '(?<=x)y', '([a-z]']) {
      const refused = await create({ key: 'dep.bad_regex', name: 'Bad', targeting: rule(pattern) });
      expect(refused.statusCode, pattern).toBe(400);
      expect(refused.json().field).toBe('targeting.rollouts.0.constraints.0.value');
    }
  });
});
