import { describe, expect, it } from 'vitest';
import type { FlagDefinition, FlagOverride } from '../src/engine/index.ts';
import { nextTimeBoundary, timeBoundariesOf } from '../src/model/time-boundaries.ts';
import { EvaluationAnswers } from '../src/service/evaluation-answers.ts';
import type { FlagSnapshot } from '../src/store/flag-snapshot.ts';

const T = Date.parse('2030-01-01T00:00:00Z');

function snapshotOf(version: number, flags: FlagDefinition[], overrides: FlagOverride[] = []): FlagSnapshot {
  const byFlag = new Map<string, Map<string, FlagOverride[]>>();
  for (const o of overrides) {
    const byTenant = byFlag.get(o.flagKey) ?? new Map<string, FlagOverride[]>();
    byFlag.set(o.flagKey, byTenant);
    byTenant.set(o.tenantId, [...(byTenant.get(o.tenantId) ?? []), o]);
  }
  return {
    version,
    records: new Map(),
    definitions: new Map(flags.map((f) => [f.key, f])),
    overrides: byFlag,
    liveKeys: flags.map((f) => f.key).sort(),
    usesPlans: false,
    timeBoundaries: timeBoundariesOf(flags, overrides),
  };
}

const flag = (key: string, targeting: FlagDefinition['targeting'] = {}): FlagDefinition => ({ key, name: key, type: 'boolean', valueType: 'boolean', defaultValue: false, enabled: true, targeting });

describe('time boundaries', () => {
  it('collects schedule bounds, override expiries and currentTime date constraints', () => {
    const boundaries = timeBoundariesOf(
      [
        flag('s', { schedule: { start: '2030-01-01T00:00:00Z', end: '2030-01-02T00:00:00Z' } }),
        flag('d', { rollouts: [{ percentage: 100, constraints: [{ contextName: 'currentTime', operator: 'DATE_AFTER', value: '2030-01-03T00:00:00Z' }] }] }),
        flag('bad', { schedule: { start: 'not a date' } }),
      ],
      [{ flagKey: 's', scope: 'tenant', tenantId: 't', value: true, expiresAt: new Date(T + 5) }],
    );
    expect(boundaries).toEqual([T, T + 5, T + 86_400_000, T + 2 * 86_400_000, T + 2 * 86_400_000 + 1]);
    expect(nextTimeBoundary(boundaries, T - 1)).toBe(T);
    expect(nextTimeBoundary(boundaries, T)).toBe(T + 5);
    expect(nextTimeBoundary(boundaries, T + 3 * 86_400_000)).toBe(Number.POSITIVE_INFINITY);
  });
});

describe('EvaluationAnswers', () => {
  const setup = (snapshot: FlagSnapshot) => {
    const cache = { snapshot };
    const marked: string[] = [];
    return { cache, marked, answers: new EvaluationAnswers(cache, { mark: (key) => void marked.push(key) }) };
  };

  it('keeps the answer of a context that comes back and serves it from then on, still counting the flags as used', () => {
    const { answers, marked } = setup(snapshotOf(1, [flag('a'), flag('b', { rollouts: [{ percentage: 50, stickiness: 'userId' }] })]));
    const first = answers.answer({}, { userId: 'u1' }, T);
    expect(JSON.parse(first.body).flags.a).toMatchObject({ value: true, reason: 'STATIC' });
    expect(first.etag).toMatch(/^W\/"/);
    // A context asked for once is not kept (one-off contexts would only fill the memo); the second ask keeps it.
    const second = answers.answer({}, { userId: 'u1' }, T);
    expect(second).not.toBe(first);
    expect(second).toEqual(first);
    expect(answers.answer({}, { userId: 'u1' }, T)).toBe(second);
    expect(answers.answer({}, { userId: 'u2' }, T)).not.toBe(second);
    expect(answers.answer({ flag: 'a' }, { userId: 'u1' }, T).body).toBe(JSON.stringify(JSON.parse(first.body).flags.a));
    expect(marked.filter((key) => key === 'a')).toHaveLength(5);
  });

  it('evaluates again after a configuration change and at a time boundary', () => {
    const { answers, cache } = setup(snapshotOf(1, [flag('s', { schedule: { start: '2030-01-01T00:00:00Z' } })]));
    expect(JSON.parse(answers.answer({ flag: 's' }, {}, T - 1).body)).toMatchObject({ value: false, rule: 'schedule' });
    expect(JSON.parse(answers.answer({ flag: 's' }, {}, T).body)).toMatchObject({ value: true, rule: 'schedule' });
    cache.snapshot = snapshotOf(2, [{ ...flag('s'), enabled: false }]);
    expect(JSON.parse(answers.answer({ flag: 's' }, {}, T).body)).toMatchObject({ value: false, reason: 'DISABLED' });
  });

  it('never memoizes an answer that drew a random bucket', () => {
    const { answers } = setup(snapshotOf(1, [flag('r', { rollouts: [{ percentage: 50, stickiness: 'random' }] })]));
    const first = answers.answer({ flag: 'r' }, {}, T);
    const second = answers.answer({ flag: 'r' }, {}, T);
    expect(second).not.toBe(first);
    expect(answers.answer({ flag: 'r' }, {}, T)).not.toBe(second);
  });

  it('tells apart requests whose keys would join alike', () => {
    const { answers } = setup(snapshotOf(1, [flag('a'), flag('b')]));
    const two = JSON.parse(answers.answer({ flags: ['a', 'b'] }, {}, T).body);
    const one = JSON.parse(answers.answer({ flags: ['a,b'] }, {}, T).body);
    expect(Object.keys(two.flags)).toEqual(['a', 'b']);
    expect(one.flags['a,b']).toMatchObject({ errorCode: 'FLAG_NOT_FOUND' });
  });
});
