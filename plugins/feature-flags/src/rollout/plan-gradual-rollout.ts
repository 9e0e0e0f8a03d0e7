import { problems } from '@platform/sdk';

export interface GradualRolloutOptions {
  startPercentage: number;
  endPercentage: number;
  durationHours: number;
  intervalHours: number;
}

/**
 * The steps of a gradual rollout, as in the seed's `gradualRollout()`: from `startPercentage` now to
 * `endPercentage` after `durationHours`, one step every `intervalHours` (evenly spaced, rounded to
 * whole percents; the last step is the end). 0 → 100 over 168 h every 24 h: 0, 14, 29, 43, 57, 71, 86, 100.
 */
export function planGradualRollout(options: GradualRolloutOptions): { steps: number[]; intervalHours: number } {
  const { startPercentage: start, endPercentage: end, durationHours, intervalHours } = options;
  if (end < start) throw problems.validation('endPercentage', `endPercentage (${end}) is below startPercentage (${start}); a rollout only goes up`);
  if (intervalHours > durationHours) throw problems.validation('intervalHours', `intervalHours (${intervalHours}) is longer than durationHours (${durationHours})`);
  const intervals = Math.max(1, Math.round(durationHours / intervalHours));
  if (intervals > 1000) throw problems.validation('intervalHours', 'A gradual rollout has at most 1000 steps');
  const steps: number[] = [];
  for (let i = 0; i <= intervals; i++) steps.push(i === intervals ? end : Math.round(start + ((end - start) * i) / intervals));
  return { steps, intervalHours: durationHours / intervals };
}

/** Steps must be percentages that never go down. */
export function assertRolloutSteps(steps: number[]): void {
  steps.forEach((step, index) => {
    if (!Number.isFinite(step) || step < 0 || step > 100) throw problems.validation(`steps.${index}`, `Step ${step} is not a percentage between 0 and 100`);
    if (index > 0 && step < steps[index - 1]) throw problems.validation(`steps.${index}`, `Steps never go down: ${steps[index - 1]} then ${step}`);
  });
}
