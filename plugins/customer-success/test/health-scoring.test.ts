import { describe, expect, it } from 'vitest';
import { linearScore } from '@platform/sdk/customer-health';
import { csvCell } from '@platform/sdk';
import { bucketOf, dayOf, isBigChange, signalLine, totalOf, trendOf } from '../src/score/health-scoring.ts';
import { atRisk, bigChanges, filterScores, withTrends, type ScoreListRow } from '../src/score/score-list.ts';

const line = (id: string, weight: number, result: any, bonus = false) => signalLine({ id, label: id, weight, bonus, result });

describe('health scoring', () => {
  it('weighs scores, keeps a neutral base signal at full points and gives a neutral bonus nothing', () => {
    expect(line('usage', 30, { score: 0.5, reason: 'x' })).toMatchObject({ points: 15, score: 0.5, neutral: false });
    expect(line('billing', 20, { neutral: true, reason: 'no billing' })).toMatchObject({ points: 20, score: null, neutral: true, reason: 'no billing' });
    expect(line('bonus', 5, { neutral: true, reason: 'n' }, true).points).toBe(0);
    expect(line('clamped', 10, { score: 7, reason: 'x' }).points).toBe(10);
    expect(line('nan', 10, { score: Number.NaN, reason: 'x' }).points).toBe(0);
  });

  it('reports a failed signal as neutral with its error', () => {
    const l = signalLine({ id: 'boom', label: 'Boom', weight: 10, bonus: false, error: 'db down' });
    expect(l).toMatchObject({ failed: true, neutral: true, points: 10, reason: 'Signal failed: db down' });
  });

  it('totals the seed heuristic: base points on 100 plus the bonus, capped at 100', () => {
    const lines = [
      line('usage-recency', 30, { score: 1, reason: '' }),
      line('activation', 20, { score: 1, reason: '' }),
      line('error-rate', 10, { score: 0.5, reason: '' }),
      line('failing-monitors', 10, { score: 1, reason: '' }),
      line('billing-risk', 20, { score: 0.4, reason: '' }),
      line('support-load', 10, { score: 0.6, reason: '' }),
    ];
    expect(totalOf(lines)).toBe(30 + 20 + 5 + 10 + 8 + 6);
    expect(totalOf([...lines, line('recent-success', 5, { score: 1, reason: '' }, true)])).toBe(84);
    expect(totalOf([line('a', 100, { score: 1, reason: '' }), line('b', 5, { score: 1, reason: '' }, true)])).toBe(100);
    // Changed weights that no longer sum to 100 are scaled back to 100.
    expect(totalOf([line('a', 50, { score: 1, reason: '' }), line('b', 50, { score: 0, reason: '' }), line('c', 100, { score: 0.5, reason: '' })])).toBe(50);
    expect(totalOf([])).toBe(0);
  });

  it('buckets by total, and tenants younger than the onboarding period are onboarding', () => {
    const now = new Date('2026-03-30T00:00:00Z');
    const old = '2025-01-01T00:00:00Z';
    expect([80, 79, 60, 59, 40, 39, 0].map((t) => bucketOf(t, old, now, 14))).toEqual(['healthy', 'monitor', 'monitor', 'at-risk', 'at-risk', 'critical', 'critical']);
    expect(bucketOf(10, '2026-03-20T00:00:00Z', now, 14)).toBe('onboarding');
    expect(bucketOf(10, '2026-03-16T00:00:00Z', now, 14)).toBe('critical');
    expect(bucketOf(90, null, now, 14)).toBe('healthy');
  });

  it('computes trends and ±20-point changes', () => {
    expect(trendOf(50, 75)).toBe(-25);
    expect(trendOf(50, null)).toBeNull();
    expect([isBigChange(-20), isBigChange(19), isBigChange(null), isBigChange(25)]).toEqual([true, false, false, true]);
    expect(dayOf(new Date('2026-03-30T23:59:00Z'), 7)).toBe('2026-03-23');
  });

  it('linearScore runs from good to bad in both directions', () => {
    expect([linearScore(0, 1, 30), linearScore(1, 1, 30), linearScore(15.5, 1, 30), linearScore(40, 1, 30)]).toEqual([1, 1, 0.5, 0]);
    expect([linearScore(0, 0, 5), linearScore(5, 0, 5), linearScore(2.5, 0, 5)]).toEqual([1, 0, 0.5]);
  });

  it('csv cells are quoted and never formulas, numbers stay numbers', () => {
    expect([csvCell('=cmd()'), csvCell('a,b'), csvCell(-20), csvCell(null), csvCell('say "hi"')]).toEqual(["'=cmd()", '"a,b"', '-20', '', '"say ""hi"""']);
  });
});

describe('score lists', () => {
  const row = (name: string, total: number, bucket: any, facts: Record<string, string>, total7: number | null = null): ScoreListRow =>
    withTrends({ tenantId: name, tenantName: name, tenantSlug: name, day: '2026-03-30', computedAt: '', total, bucket, breakdown: [], facts, total7, total30: null });
  const rows = [
    row('acme', 30, 'critical', { plan: 'pro', renewsAt: '2026-04-20T00:00:00.000Z', tags: 'VIP, enterprise' }, 70),
    row('beta', 45, 'at-risk', { plan: 'starter', renewsAt: '2026-04-02T00:00:00.000Z' }, 40),
    row('corp', 90, 'healthy', { plan: 'pro' }, 65),
    row('dino', 50, 'at-risk', { plan: 'pro' }),
  ];

  it('filters by bucket, plan, tag and renewal, and sorts', () => {
    expect(filterScores(rows, { plan: 'pro' }).map((r) => r.tenantName)).toEqual(['acme', 'dino', 'corp']);
    expect(filterScores(rows, { bucket: ['healthy'] }).map((r) => r.tenantName)).toEqual(['corp']);
    expect(filterScores(rows, { tag: 'vip' }).map((r) => r.tenantName)).toEqual(['acme']);
    expect(filterScores(rows, { renewsBefore: '2026-04-10T00:00:00.000Z' }).map((r) => r.tenantName)).toEqual(['beta']);
    expect(filterScores(rows, { sort: '-total' }).map((r) => r.tenantName)).toEqual(['corp', 'dino', 'beta', 'acme']);
    expect(filterScores(rows, { sort: 'change7' }).map((r) => r.tenantName)).toEqual(['acme', 'beta', 'corp', 'dino']);
  });

  it('at risk is sorted by renewal date (none last); changes hold moves of 20 points or more', () => {
    expect(atRisk(rows).map((r) => r.tenantName)).toEqual(['beta', 'acme', 'dino']);
    expect(bigChanges(rows, 7).map((r) => [r.tenantName, r.change7])).toEqual([['acme', -40], ['corp', 25]]);
  });
});
