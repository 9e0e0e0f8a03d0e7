import { describe, expect, it } from 'vitest';
import { ROLLOUT_PRESETS, flagStatus, withoutEmpty } from '../admin/flag-types.ts';
import { DEFAULT_ROLLOUT_DRAFT, draftFieldOfProblem, draftSteps, parseAlertRules, parseSteps, previewGradualSteps, rolloutRequest, validateRolloutDraft, type RolloutDraft } from '../admin/rollout-plan.ts';
import { totalOf, weightsSumTo100 } from '../admin/variant-weights.ts';
import { planGradualRollout } from '../src/rollout/plan-gradual-rollout.ts';

const draft = (over: Partial<RolloutDraft>): RolloutDraft => ({ ...DEFAULT_ROLLOUT_DRAFT, reason: 'ramp up', ...over });

describe('console: variant weights', () => {
  it('accepts weights summing to 100 (to a tenth) and no variants at all', () => {
    expect(weightsSumTo100([{ weight: 50 }, { weight: 50 }])).toBeUndefined();
    expect(weightsSumTo100([{ weight: 33.3 }, { weight: 33.3 }, { weight: 33.4 }])).toBeUndefined();
    expect(weightsSumTo100(undefined)).toBeUndefined();
    expect(weightsSumTo100([])).toBeUndefined();
  });

  it('refuses 60/30, saying the total', () => {
    expect(weightsSumTo100([{ name: 'a', weight: 60 }, { name: 'b', weight: 30 }])).toBe('Variant weights must sum to 100% (now 90%)');
    expect(weightsSumTo100([{ weight: 70 }, { weight: 40 }])).toMatch(/now 110%/);
    expect(totalOf([{ weight: 0.1 }, { weight: 0.2 }, {}])).toBe(0.3);
  });
});

describe('console: flag list helpers', () => {
  it('offers the 0/10/25/50/75/100 presets', () => {
    expect(ROLLOUT_PRESETS).toEqual([0, 10, 25, 50, 75, 100]);
  });

  it('labels a flag by archived, killed, off, partial rollout, on', () => {
    const base = { enabled: true, archived: false, killedAt: null, rolloutPercentage: null };
    expect(flagStatus({ ...base, archived: true }).label).toBe('Archived');
    expect(flagStatus({ ...base, killedAt: '2026-01-01T00:00:00Z' })).toEqual({ label: 'Killed', color: 'error' });
    expect(flagStatus({ ...base, enabled: false }).label).toBe('Off');
    expect(flagStatus({ ...base, rolloutPercentage: 75 })).toEqual({ label: 'On · 75%', color: 'warning' });
    expect(flagStatus({ ...base, rolloutPercentage: 100 }).label).toBe('On');
  });

  it('drops what a form leaves empty', () => {
    expect(withoutEmpty({ a: '', b: [], c: { d: null }, e: 0, f: [1, ''] })).toEqual({ e: 0, f: [1] });
  });
});

describe('console: start rollout dialog', () => {
  it('defaults to 10 → 25 → 50 → 100 every 24 h, reason required', () => {
    expect(parseSteps(DEFAULT_ROLLOUT_DRAFT.steps)).toEqual([10, 25, 50, 100]);
    expect(DEFAULT_ROLLOUT_DRAFT.intervalHours).toBe('24');
    expect(validateRolloutDraft(DEFAULT_ROLLOUT_DRAFT)).toEqual({ reason: 'Reason is required (kept in the audit trail)' });
    expect(validateRolloutDraft(draft({}))).toEqual({});
  });

  it('parses steps written with commas, spaces, arrows and percent signs', () => {
    expect(parseSteps('5 → 20%, 60 ->100')).toEqual([5, 20, 60, 100]);
    expect(parseSteps('  ')).toEqual([]);
    expect(parseSteps('10, x')[1]).toBeNaN();
    expect(parseAlertRules(' a, b ,, a ')).toEqual(['a', 'b']);
  });

  it('names the field in each validation message', () => {
    expect(validateRolloutDraft(draft({ steps: '' })).steps).toMatch(/^Steps/);
    expect(validateRolloutDraft(draft({ steps: '10, 150' })).steps).toBe('Steps: step 2 is not a percentage between 0 and 100');
    expect(validateRolloutDraft(draft({ steps: '50, 10' })).steps).toBe('Steps never go down: 50 then 10');
    expect(validateRolloutDraft(draft({ steps: '-5, 10' })).steps).toMatch(/step 1 is not a percentage/);
    expect(validateRolloutDraft(draft({ intervalHours: '' })).intervalHours).toMatch(/^Interval is required/);
    expect(validateRolloutDraft(draft({ intervalHours: '0' })).intervalHours).toMatch(/^Interval must be more than 0/);
    expect(validateRolloutDraft(draft({ intervalHours: '0.001' })).intervalHours).toMatch(/at least one minute/);
    expect(validateRolloutDraft(draft({ pauseOnAlerts: true, alertRules: ' , ' })).alertRules).toMatch(/^Alert rules/);
    expect(validateRolloutDraft(draft({ reason: '   ' })).reason).toMatch(/^Reason is required/);

    const gradual = (over: Partial<RolloutDraft>) => validateRolloutDraft(draft({ mode: 'gradual', ...over }));
    expect(gradual({})).toEqual({});
    expect(gradual({ startPercentage: '' }).startPercentage).toMatch(/^Start percentage is required/);
    expect(gradual({ endPercentage: '101' }).endPercentage).toBe('End percentage must be between 0 and 100');
    expect(gradual({ startPercentage: '60', endPercentage: '40' }).endPercentage).toMatch(/^End percentage is below/);
    expect(gradual({ durationHours: '-1' }).durationHours).toMatch(/^Duration must be more than 0/);
    expect(gradual({ durationHours: '10', intervalHours: '24' }).intervalHours).toBe('Interval is longer than the duration');
    expect(gradual({ durationHours: '8000', intervalHours: '0.02' }).intervalHours).toMatch(/at most 1000 steps/);
  });

  it('previews gradual steps exactly as the API plans them', () => {
    for (const [start, end, duration, interval] of [[0, 100, 168, 24], [5, 50, 10, 3], [10, 10, 48, 24], [0, 100, 1, 1]]) {
      expect(previewGradualSteps(start, end, duration, interval)).toEqual(planGradualRollout({ startPercentage: start, endPercentage: end, durationHours: duration, intervalHours: interval }));
    }
    expect(previewGradualSteps(0, 100, 168, 24)?.steps).toEqual([0, 14, 29, 43, 57, 71, 86, 100]);
    expect(previewGradualSteps(50, 10, 24, 1)).toBeNull();
    expect(draftSteps(draft({ mode: 'gradual', startPercentage: '0', endPercentage: '100', durationHours: '72', intervalHours: '24' }))).toEqual([0, 33, 67, 100]);
    expect(draftSteps(draft({ steps: '10, x' }))).toBeNull();
    expect(draftSteps(draft({ steps: '10, 50, 25' }))).toBeNull();
    expect(draftSteps(draft({ steps: '10, 50, 100' }))).toEqual([10, 50, 100]);
  });

  it('builds the staged and gradual requests the API accepts', () => {
    expect(rolloutRequest('f-1', draft({ steps: '10 → 50 → 100', intervalHours: '12' }))).toEqual({
      path: '/feature-flags/flags/f-1/rollouts',
      body: { steps: [10, 50, 100], intervalHours: 12, reason: 'ramp up' },
    });
    expect(rolloutRequest('checkout.new_flow', draft({ mode: 'gradual', startPercentage: '5', endPercentage: '100', durationHours: '96', intervalHours: '24', pauseOnAlerts: true, alertRules: 'checkout.error_rate, r-2' }))).toEqual({
      path: '/feature-flags/flags/checkout.new_flow/gradual-rollout',
      body: { startPercentage: 5, endPercentage: 100, durationHours: 96, intervalHours: 24, pauseOnAlerts: ['checkout.error_rate', 'r-2'], reason: 'ramp up' },
    });
  });

  it('maps an API problem field to the dialog field', () => {
    expect(draftFieldOfProblem('steps.1')).toBe('steps');
    expect(draftFieldOfProblem('/body/intervalHours')).toBe('intervalHours');
    expect(draftFieldOfProblem('pauseOnAlerts.0')).toBe('alertRules');
    expect(draftFieldOfProblem('nope')).toBeUndefined();
    expect(draftFieldOfProblem(undefined)).toBeUndefined();
  });
});
