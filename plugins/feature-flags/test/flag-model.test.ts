import { describe, expect, it } from 'vitest';
import { evaluateFlag, flagFromUnleashFeature } from '../src/index.ts';
import { engineFlagOf } from '../src/model/engine-flag.ts';
import type { FlagRecord } from '../src/model/flag-record.ts';
import { isFullyOn } from '../src/model/fully-on.ts';
import { staleFlagReport } from '../src/service/stale-report.ts';
import { etagMatches, evaluationEtag } from '../src/service/evaluation-etag.ts';

function record(overrides: Partial<FlagRecord> = {}): FlagRecord {
  return {
    id: '00000000-0000-0000-0000-000000000001', key: 'test.flag', name: 'Test', description: '', type: 'boolean', valueType: 'boolean',
    defaultValue: false, enabledValue: null, enabled: true, archived: false, killSwitch: false, killedAt: null, killedReason: null,
    owner: null, tags: [], staleAfterDays: 14, targeting: {}, rolloutPercentage: null, fullyOnSince: null, createdBy: null, updatedBy: null,
    createdAt: '2024-01-01T00:00:00.000Z', updatedAt: '2024-01-01T00:00:00.000Z', ...overrides,
  };
}

describe('engineFlagOf', () => {
  it('scales stored variant weights (percent) to Unleash\'s 0..1000 scale: same buckets as Unleash', () => {
    const stored = record({
      type: 'variant', valueType: 'string', defaultValue: 'off',
      targeting: { variants: { variants: [{ name: 'a', weight: 33.3, value: 'a' }, { name: 'b', weight: 33.3, value: 'b' }, { name: 'c', weight: 33.4, value: 'c' }] } },
    });
    const flag = engineFlagOf(stored);
    expect(flag.targeting!.variants!.variants.map((v) => v.weight)).toEqual([333, 333, 334]);
    const unleash = flagFromUnleashFeature({
      name: 'test.flag', enabled: true, strategies: [{ name: 'default', parameters: {} }],
      variants: [{ name: 'a', weight: 333, stickiness: 'userId' }, { name: 'b', weight: 333, stickiness: 'userId' }, { name: 'c', weight: 334, stickiness: 'userId' }],
    } as any);
    if (!('flag' in unleash)) throw new Error('unmapped');
    for (let i = 0; i < 200; i++) {
      const context = { userId: `user-${i}` };
      expect(evaluateFlag(flag, context, { now: 0 }).variant).toBe(evaluateFlag(unleash.flag, context, { now: 0 }).variant);
    }
    expect(stored.targeting.variants!.variants[0].weight).toBe(33.3); // the stored record is untouched
  });

  it('reports a killed flag as the kill_switch rule', () => {
    const result = evaluateFlag(engineFlagOf(record({ enabled: false, killedAt: '2024-01-02T00:00:00.000Z' })), {}, { now: 0 });
    expect(result).toMatchObject({ value: false, reason: 'DISABLED', rule: 'kill_switch' });
  });
});

describe('isFullyOn', () => {
  const flag = (over: Partial<FlagRecord>) => ({ ...record(), ...over });
  it('is on for everyone only when enabled without restricting targeting or at 100%', () => {
    expect(isFullyOn(flag({}))).toBe(true);
    expect(isFullyOn(flag({ targeting: { rollouts: [{ percentage: 100 }] } }))).toBe(true);
    expect(isFullyOn(flag({ targeting: { rollouts: [{ percentage: 50 }] } }))).toBe(false);
    expect(isFullyOn(flag({ targeting: { enabledTenants: ['t'] } }))).toBe(false);
    expect(isFullyOn(flag({ enabled: false }))).toBe(false);
    expect(isFullyOn(flag({ killSwitch: true }))).toBe(false);
  });
});

describe('staleFlagReport', () => {
  const now = new Date('2024-03-01T00:00:00Z');
  it('lists flags fully on past their stale-after period and flags not evaluated for 30 days', () => {
    const flags = [
      record({ key: 'a.done', fullyOnSince: '2024-02-01T00:00:00.000Z' }),
      record({ key: 'a.fresh', fullyOnSince: '2024-02-25T00:00:00.000Z', createdAt: '2024-02-25T00:00:00.000Z' }),
      record({ key: 'a.dead', createdAt: '2023-12-01T00:00:00.000Z' }),
      record({ key: 'a.archived', archived: true, fullyOnSince: '2023-01-01T00:00:00.000Z' }),
    ];
    const report = staleFlagReport(flags, new Map([['a.done', new Date('2024-02-28T00:00:00Z')]]), now);
    expect(report.fullyRolledOut.map((f) => [f.key, f.days])).toEqual([['a.done', 29]]);
    expect(report.notEvaluated.map((f) => f.key)).toEqual(['a.dead']);
  });
});

describe('evaluation ETag', () => {
  it('is stable for equal answers and matches weak, strong, listed and * forms', () => {
    const tag = evaluationEtag('{"a":1}');
    expect(evaluationEtag('{"a":1}')).toBe(tag);
    expect(evaluationEtag('{"a":2}')).not.toBe(tag);
    expect(etagMatches(tag, tag)).toBe(true);
    expect(etagMatches(tag.replace('W/', ''), tag)).toBe(true);
    expect(etagMatches(`"x", ${tag}`, tag)).toBe(true);
    expect(etagMatches('*', tag)).toBe(true);
    expect(etagMatches(undefined, tag)).toBe(false);
  });
});

describe('kill-switch marker', () => {
  it('is not a pulled kill switch: a marked flag that is off reports the disabled rule', () => {
    const result = evaluateFlag(engineFlagOf(record({ enabled: false, killSwitch: true })), {}, { now: 0 });
    expect(result.rule).toBe('disabled');
  });
});
