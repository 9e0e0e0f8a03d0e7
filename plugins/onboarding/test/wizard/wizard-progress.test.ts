import { describe, expect, it } from 'vitest';
import { ProblemError } from '@platform/sdk';
import { orderOnboardingSteps, validateStepAnswers, type OnboardingStepDefinition } from '@platform/sdk/onboarding';
import { firstOpenStep, LAUNCH_STEP, stepStates, withCurrentStep, withStepSaved, withStepSkipped } from '../../src/wizard/session/wizard-progress.ts';
import { BASIC_INFO_SCHEMA } from '../../src/wizard/steps/basic-info-step.ts';
import { TEAM_SCHEMA } from '../../src/wizard/steps/team-step.ts';
import { SHOPIFY_SCHEMA } from '../../src/wizard/steps/shopify-step.ts';
import { contrastRatio } from '../../src/wizard/steps/brand-colors.ts';

const steps = [
  { id: 'a', skippable: false },
  { id: 'b', skippable: true },
  { id: 'c', skippable: false },
];
const fresh = { status: 'in_progress' as const, currentStep: 'a', answers: {}, completedSteps: [] as string[], skippedSteps: [] as string[] };

const refusal = (fn: () => unknown) => {
  try {
    fn();
  } catch (err) {
    return err as ProblemError;
  }
  throw new Error('not refused');
};

describe('wizard progress', () => {
  it('moves to the next open step after a save or a skip, then to launch', () => {
    const p1 = withStepSaved(steps, fresh, 'a', { x: 1 });
    expect(p1.currentStep).toBe('b');
    const p2 = withStepSkipped(steps, p1, 'b');
    expect(p2.currentStep).toBe('c');
    expect(stepStates(steps, p2)).toEqual({ a: 'done', b: 'skipped', c: 'current' });
    const p3 = withStepSaved(steps, p2, 'c', {});
    expect(p3.currentStep).toBe(LAUNCH_STEP);
    expect(firstOpenStep(steps, p3)).toBe(LAUNCH_STEP);
  });

  it('un-skips a step whose answers are saved later', () => {
    const p = withStepSkipped(steps, withStepSaved(steps, fresh, 'a', {}), 'b');
    const back = withCurrentStep(steps, p, 'b');
    const saved = withStepSaved(steps, back, 'b', { y: 2 });
    expect(saved.skippedSteps).toEqual([]);
    expect(saved.completedSteps).toEqual(['a', 'b']);
    expect(saved.currentStep).toBe('c');
  });

  it('refuses skipping a required step, jumping ahead and changing a completed session', () => {
    expect(refusal(() => withStepSkipped(steps, fresh, 'a'))).toMatchObject({ status: 409, code: 'step_not_skippable' });
    expect(refusal(() => withStepSaved(steps, fresh, 'c', {}))).toMatchObject({ status: 409, code: 'step_not_reached' });
    expect(refusal(() => withCurrentStep(steps, fresh, LAUNCH_STEP))).toMatchObject({ code: 'step_not_reached', field: 'step' });
    expect(refusal(() => withStepSaved(steps, fresh, 'zzz', {}))).toMatchObject({ status: 404, code: 'step_not_found' });
    expect(refusal(() => withStepSaved(steps, { ...fresh, status: 'completed' }, 'a', {}))).toMatchObject({ code: 'onboarding_completed' });
  });
});

describe('step answers validation', () => {
  const basic = { name: 'Acme', slug: 'acme', primaryColor: '#1a4d8f', accentColor: '#f5a623' };
  it('names the first bad field under answers', () => {
    expect(validateStepAnswers(BASIC_INFO_SCHEMA, basic)).toMatchObject(basic);
    expect(refusal(() => validateStepAnswers(BASIC_INFO_SCHEMA, { ...basic, slug: '-x' }))).toMatchObject({ status: 400, field: 'answers.slug' });
    expect(refusal(() => validateStepAnswers(BASIC_INFO_SCHEMA, { ...basic, primaryColor: '#12345' }))).toMatchObject({ field: 'answers.primaryColor' });
    expect(refusal(() => validateStepAnswers(BASIC_INFO_SCHEMA, { slug: 'acme' }))).toMatchObject({ status: 400 });
    expect(refusal(() => validateStepAnswers(BASIC_INFO_SCHEMA, null))).toMatchObject({ field: 'answers' });
    expect(refusal(() => validateStepAnswers(BASIC_INFO_SCHEMA, [basic]))).toMatchObject({ field: 'answers' });
    expect(refusal(() => validateStepAnswers(TEAM_SCHEMA, { invitations: [{ email: 'a@b.co', role: 'tenant_admin' }, { email: 'nope', role: 'tenant_admin' }] }))).toMatchObject({ field: 'answers.invitations.1.email' });
    expect(refusal(() => validateStepAnswers(SHOPIFY_SCHEMA, { shop: 'x.myshopify.com', scopes: ['read_orders', 'read_orders'] }))).toMatchObject({ field: 'answers.scopes' });
    expect(refusal(() => validateStepAnswers(SHOPIFY_SCHEMA, { shop: 'x.myshopify.com', scopes: ['write_everything'] })).field).toMatch(/^answers\.scopes/);
  });

  it('checks the contrast of white text on the primary color', () => {
    expect(contrastRatio('#ffffff', '#000000')).toBeCloseTo(21, 5);
    expect(contrastRatio('#1a4d8f', '#ffffff')).toBeGreaterThan(3);
    expect(contrastRatio('#fafafa', '#ffffff')).toBeLessThan(1.1);
  });
});

describe('contributed steps', () => {
  const step = (id: string, order: number, title = id): OnboardingStepDefinition => ({ id, order, title, skippable: true, schema: BASIC_INFO_SCHEMA, verify: async () => ({ ok: true, detail: '' }) });
  it('orders by `order`; a later contribution of an id replaces the earlier one', () => {
    const ordered = orderOnboardingSteps([step('a', 10), step('b', 20), step('loyalty', 15), step('b', 25, 'B replaced')]);
    expect(ordered.map((s) => [s.id, s.title])).toEqual([
      ['a', 'a'],
      ['loyalty', 'loyalty'],
      ['b', 'B replaced'],
    ]);
  });
});
