import { describe, expect, it } from 'vitest';
import type { FlagDefinition, FlagOverride } from '../src/engine/index.ts';
import { EvaluationAnswers } from '../src/service/evaluation-answers.ts';
import { evaluationEtag } from '../src/service/evaluation-etag.ts';
import { evaluateInSnapshot, evaluateManyInSnapshot } from '../src/service/flag-evaluator.ts';
import type { FlagSnapshot } from '../src/store/flag-snapshot.ts';

const T = Date.parse('2030-01-01T00:00:00Z');

function snapshotOf(version: number, flags: FlagDefinition[], overrides: FlagOverride[] = []): FlagSnapshot {
  const byFlag = new Map<string, Map<string, FlagOverride[]>>();
  for (const o of overrides) {
    const byTenant = byFlag.get(o.flagKey) ?? new Map<string, FlagOverride[]>();
    byFlag.set(o.flagKey, byTenant);
    byTenant.set(o.tenantId, [...(byTenant.get(o.tenantId) ?? []), o]);
  }
  return { version, records: new Map(), definitions: new Map(flags.map((f) => [f.key, f])), overrides: byFlag, liveKeys: flags.map((f) => f.key).sort(), usesPlans: false };
}

const flag = (key: string, targeting: FlagDefinition['targeting'] = {}): FlagDefinition => ({ key, name: key, type: 'boolean', valueType: 'boolean', defaultValue: false, enabled: true, targeting });

const setup = (snapshot: FlagSnapshot) => {
  const cache = { snapshot };
  const marked: string[] = [];
  return { cache, marked, answers: new EvaluationAnswers(cache, { mark: (key) => void marked.push(key) }) };
};

/** What the endpoint answered before answers were assembled from shared parts: JSON.stringify and SHA-1 of the whole. */
const expectedMany = (snapshot: FlagSnapshot, keys: readonly string[] | undefined, context: object, now = T) => {
  const body = JSON.stringify({ flags: evaluateManyInSnapshot(snapshot, keys, context, now) });
  return { body, etag: evaluationEtag(body) };
};

describe('EvaluationAnswers', () => {
  const json = { ...flag('a.json'), type: 'json', valueType: 'json', defaultValue: { tier: 'none' }, enabledValue: { tier: 'gold', limits: [1, 2] } } as FlagDefinition;
  const variants = {
    ...flag('a.variant'),
    type: 'variant',
    valueType: 'string',
    defaultValue: 'off',
    targeting: { variants: { variants: [{ name: 'v1', weight: 500, value: 'one', payload: { type: 'json', value: '{"x":"\\"quoted\\""}' } }, { name: 'v2', weight: 500, value: 'two' }] } },
  } as FlagDefinition;
  const flags = [
    flag('a.static'),
    { ...flag('a.disabled'), enabled: false },
    flag('a.rollout', { rollouts: [{ percentage: 50, stickiness: 'userId' }] }),
    flag('a.tenants', { enabledTenants: ['t1'] }),
    flag('a.schedule', { schedule: { start: '2030-01-01T00:00:00Z' } }),
    json,
    variants,
    { ...flag('a.broken'), targeting: { schedule: { start: '2030-01-01T00:00:00', timeZone: 'Not/AZone' } } },
  ];
  const overrides: FlagOverride[] = [
    { flagKey: 'a.static', scope: 'tenant', tenantId: 't2', value: false, expiresAt: null },
    { flagKey: 'a.json', scope: 'tenant', tenantId: 't3', value: { tier: 'custom "t3"' }, expiresAt: null },
  ];

  it('answers byte for byte what JSON.stringify of the evaluations would, with the SHA-1 ETag of that body', () => {
    const snapshot = snapshotOf(1, flags, overrides);
    const { answers } = setup(snapshot);
    for (let i = 0; i < 200; i++) {
      const context = { tenantId: `t${i % 5}`, userId: `user-${i}`, sessionId: `s-${i}` };
      const now = T - 5 + (i % 10);
      expect(answers.answer({}, context, now)).toEqual(expectedMany(snapshot, undefined, context, now));
      const keys = ['a.variant', 'a.missing', 'a.json', 'a.rollout'];
      expect(answers.answer({ flags: keys }, context, now)).toEqual(expectedMany(snapshot, keys, context, now));
      const one = JSON.stringify(evaluateInSnapshot(snapshot, 'a.json', context, now));
      expect(answers.answer({ flag: 'a.json' }, context, now)).toEqual({ body: one, etag: evaluationEtag(one) });
    }
    // The broken schedule answers ERROR (its message in the body), unknown keys FLAG_NOT_FOUND.
    const body = JSON.parse(answers.answer({ flags: ['a.broken', 'a.missing'] }, {}, T).body);
    expect(body.flags['a.broken']).toMatchObject({ reason: 'ERROR' });
    expect(body.flags['a.missing']).toMatchObject({ errorCode: 'FLAG_NOT_FOUND' });
  });

  it('evaluates every request for its own context: different outcomes, different answers; same outcomes share one serialized answer', () => {
    const { answers, marked } = setup(snapshotOf(1, [flag('a.static'), flag('a.rollout', { rollouts: [{ percentage: 50, stickiness: 'userId' }] })]));
    const seen = new Map<string, ReturnType<typeof answers.answer>>();
    for (let i = 0; i < 100; i++) {
      const answer = answers.answer({}, { userId: `u${i}`, sessionId: `s${i}` }, T);
      const rollout = JSON.parse(answer.body).flags['a.rollout'].value as boolean;
      const before = seen.get(String(rollout));
      if (before) expect(answer).toBe(before);
      else seen.set(String(rollout), answer);
    }
    // Both sides of the 50 % rollout came up, each its own answer and tag.
    expect(seen.size).toBe(2);
    expect(seen.get('true')!.etag).not.toBe(seen.get('false')!.etag);
    // Every request counted its flags as used.
    expect(marked.filter((key) => key === 'a.rollout')).toHaveLength(100);
  });

  it('follows the clock and configuration changes at once (nothing kept per context)', () => {
    const { answers, cache } = setup(snapshotOf(1, [flag('a.s', { schedule: { start: '2030-01-01T00:00:00Z' } })]));
    expect(JSON.parse(answers.answer({ flag: 'a.s' }, {}, T - 1).body)).toMatchObject({ value: false, rule: 'schedule' });
    expect(JSON.parse(answers.answer({ flag: 'a.s' }, {}, T).body)).toMatchObject({ value: true, rule: 'schedule' });
    expect(JSON.parse(answers.answer({ flag: 'a.s' }, {}, T - 1).body)).toMatchObject({ value: false, rule: 'schedule' });
    cache.snapshot = snapshotOf(2, [{ ...flag('a.s'), enabled: false }]);
    expect(JSON.parse(answers.answer({ flag: 'a.s' }, {}, T).body)).toMatchObject({ value: false, reason: 'DISABLED' });
    expect(JSON.parse(answers.answer({}, {}, T).body).flags['a.s']).toMatchObject({ value: false, reason: 'DISABLED' });
  });

  it('draws random stickiness afresh on every request', () => {
    const { answers } = setup(snapshotOf(1, [flag('a.r', { rollouts: [{ percentage: 50, stickiness: 'random' }] })]));
    const values = new Set<boolean>();
    for (let i = 0; i < 100; i++) values.add(JSON.parse(answers.answer({ flag: 'a.r' }, { userId: 'same' }, T).body).value);
    expect([...values].sort()).toEqual([false, true]);
  });

  it('answers key lists an object would reorder or merge (duplicates, integer-like keys, __proto__) as JSON.stringify does', () => {
    const snapshot = snapshotOf(1, [flag('a.a'), flag('b.b')]);
    const { answers } = setup(snapshot);
    for (const keys of [['b.b', 'a.a', 'b.b'], ['b.b', '10', '2', 'a.a'], ['__proto__', 'a.a'], ['a,b'], ['a.a', 'b.b']]) {
      expect(answers.answer({ flags: keys }, {}, T)).toEqual(expectedMany(snapshot, keys, {}));
    }
    expect(Object.keys(JSON.parse(answers.answer({ flags: ['b.b', '10', '2'] }, {}, T).body).flags)).toEqual(['2', '10', 'b.b']);
  });

  it('serializes per request, correctly, a flag with more distinct outcomes than it keeps (object values per tenant)', () => {
    const perTenant: FlagOverride[] = Array.from({ length: 100 }, (_, i) => ({ flagKey: 'a.json', scope: 'tenant', tenantId: `t${i}`, value: { tenant: i }, expiresAt: null }));
    const snapshot = snapshotOf(1, [json, flag('a.static')], perTenant);
    const { answers } = setup(snapshot);
    for (let round = 0; round < 2; round++)
      for (let i = 0; i < 100; i++) {
        const context = { tenantId: `t${i}` };
        expect(answers.answer({}, context, T)).toEqual(expectedMany(snapshot, undefined, context));
        expect(JSON.parse(answers.answer({ flag: 'a.json' }, context, T).body).value).toEqual({ tenant: i });
      }
  });
});
