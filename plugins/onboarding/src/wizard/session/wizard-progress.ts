import { ProblemError } from '@platform/sdk';
import type { OnboardingSession } from './session-store.ts';

/** The wizard's last page: the launch checklist (not a contributed step). */
export const LAUNCH_STEP = 'launch';

export interface StepRef {
  id: string;
  skippable: boolean;
}

export type StepState = 'done' | 'skipped' | 'current' | 'todo';

type Progress = Pick<OnboardingSession, 'currentStep' | 'answers' | 'completedSteps' | 'skippedSteps' | 'status'>;

/** The first step neither done nor skipped, else the launch page. */
export function firstOpenStep(steps: readonly StepRef[], p: Progress): string {
  const open = steps.find((s) => !p.completedSteps.includes(s.id) && !p.skippedSteps.includes(s.id));
  return open ? open.id : LAUNCH_STEP;
}

/** The current step as the session says, or the first open one when that step no longer exists (a plugin was removed). */
export function currentStepOf(steps: readonly StepRef[], p: Progress): string {
  if (p.currentStep === LAUNCH_STEP || steps.some((s) => s.id === p.currentStep)) return p.currentStep;
  return firstOpenStep(steps, p);
}

export function stepStates(steps: readonly StepRef[], p: Progress): Record<string, StepState> {
  const current = currentStepOf(steps, p);
  const states: Record<string, StepState> = {};
  for (const s of steps) {
    states[s.id] = s.id === current ? 'current' : p.completedSteps.includes(s.id) ? 'done' : p.skippedSteps.includes(s.id) ? 'skipped' : 'todo';
  }
  return states;
}

function requireOpen(p: Progress): void {
  if (p.status === 'completed') throw new ProblemError(409, 'onboarding_completed', 'The onboarding is complete; its steps can no longer change');
}

function findStep(steps: readonly StepRef[], stepId: string): StepRef {
  const step = steps.find((s) => s.id === stepId);
  if (!step) throw new ProblemError(404, 'step_not_found', `No onboarding step "${stepId}"`, { field: 'stepId' });
  return step;
}

function requireReached(steps: readonly StepRef[], p: Progress, stepId: string, field: string): void {
  const open = firstOpenStep(steps, p);
  const reached = p.completedSteps.includes(stepId) || p.skippedSteps.includes(stepId) || stepId === open;
  if (!reached) throw new ProblemError(409, 'step_not_reached', `Finish or skip step "${open}" first`, { field });
}

/** The progress after a step's answers were saved: done (no longer skipped), then on to the next open step. */
export function withStepSaved<P extends Progress>(steps: readonly StepRef[], p: P, stepId: string, answers: Record<string, unknown>): P {
  requireOpen(p);
  findStep(steps, stepId);
  requireReached(steps, p, stepId, 'stepId');
  const next: P = {
    ...p,
    answers: { ...p.answers, [stepId]: answers },
    completedSteps: p.completedSteps.includes(stepId) ? p.completedSteps : [...p.completedSteps, stepId],
    skippedSteps: p.skippedSteps.filter((s) => s !== stepId),
  };
  return { ...next, currentStep: firstOpenStep(steps, next) };
}

/** The progress after skipping a step: 409 `step_not_skippable` for a required one. */
export function withStepSkipped<P extends Progress>(steps: readonly StepRef[], p: P, stepId: string): P {
  requireOpen(p);
  const step = findStep(steps, stepId);
  requireReached(steps, p, stepId, 'stepId');
  if (!step.skippable) throw new ProblemError(409, 'step_not_skippable', `Step "${stepId}" is required and cannot be skipped`, { field: 'stepId' });
  const next: P = {
    ...p,
    completedSteps: p.completedSteps.filter((s) => s !== stepId),
    skippedSteps: p.skippedSteps.includes(stepId) ? p.skippedSteps : [...p.skippedSteps, stepId],
  };
  return { ...next, currentStep: firstOpenStep(steps, next) };
}

/**
 * The progress after moving to a step (back to one done or skipped, or forward up to the first open one):
 * 409 `step_not_reached` beyond that.
 */
export function withCurrentStep<P extends Progress>(steps: readonly StepRef[], p: P, stepId: string): P {
  requireOpen(p);
  const open = firstOpenStep(steps, p);
  if (stepId === LAUNCH_STEP) {
    if (open !== LAUNCH_STEP) throw new ProblemError(409, 'step_not_reached', `Finish or skip step "${open}" first`, { field: 'step' });
    return { ...p, currentStep: LAUNCH_STEP };
  }
  findStep(steps, stepId);
  requireReached(steps, p, stepId, 'step');
  return { ...p, currentStep: stepId };
}
