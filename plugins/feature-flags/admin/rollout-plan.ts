/**
 * Pure logic of the console's "Start rollout" dialog (no React, no I/O): defaults, parsing, validation
 * naming each field, and the request the dialog sends to `POST /flags/:id/rollouts` (staged) or
 * `POST /flags/:id/gradual-rollout` (gradual). The checks mirror the API's so mistakes show before a round trip.
 */

export type RolloutMode = 'staged' | 'gradual';

export interface RolloutDraft {
  mode: RolloutMode;
  /** Staged: percentages, comma- or arrow-separated, e.g. "10, 25, 50, 100". */
  steps: string;
  /** Staged and gradual: hours between steps. */
  intervalHours: string;
  /** Gradual. */
  startPercentage: string;
  endPercentage: string;
  durationHours: string;
  /** Pause the rollout when one of these alert rules (ids or names) fires. */
  pauseOnAlerts: boolean;
  alertRules: string;
  reason: string;
}

export const DEFAULT_STAGED_STEPS = [10, 25, 50, 100];
export const DEFAULT_INTERVAL_HOURS = 24;

export const DEFAULT_ROLLOUT_DRAFT: RolloutDraft = {
  mode: 'staged',
  steps: DEFAULT_STAGED_STEPS.join(', '),
  intervalHours: String(DEFAULT_INTERVAL_HOURS),
  startPercentage: '0',
  endPercentage: '100',
  durationHours: '168',
  pauseOnAlerts: false,
  alertRules: '',
  reason: '',
};

/** Field name → message; empty when the draft is valid. */
export type RolloutErrors = Partial<Record<keyof RolloutDraft, string>>;

const MAX_HOURS = 24 * 365;

/** "10, 25 → 50 100" → [10, 25, 50, 100]; a token that is not a number is kept as NaN (reported by validation). */
export function parseSteps(text: string): number[] {
  return text
    .replace(/→|->/g, ',')
    .split(/[\s,;]+/)
    .map((token) => token.replace(/%$/, '').trim())
    .filter((token) => token !== '')
    .map(Number);
}

/** "a, b ,, c" → ["a", "b", "c"]. */
export function parseAlertRules(text: string): string[] {
  return [...new Set(text.split(',').map((name) => name.trim()).filter(Boolean))];
}

const numberOf = (text: string): number => (text.trim() === '' ? NaN : Number(text));

function percentError(label: string, text: string): string | undefined {
  const value = numberOf(text);
  if (!Number.isFinite(value)) return `${label} is required (a number from 0 to 100)`;
  if (value < 0 || value > 100) return `${label} must be between 0 and 100`;
  return undefined;
}

function hoursError(label: string, text: string): string | undefined {
  const value = numberOf(text);
  if (!Number.isFinite(value)) return `${label} is required (hours)`;
  if (value <= 0) return `${label} must be more than 0 hours`;
  if (value * 3600 < 60) return `${label} must be at least one minute (${(1 / 60).toFixed(3)} h)`;
  if (value > MAX_HOURS) return `${label} must be at most ${MAX_HOURS} hours`;
  return undefined;
}

/** Every problem with the draft, by field (messages name the field as the dialog labels it). */
export function validateRolloutDraft(draft: RolloutDraft): RolloutErrors {
  const errors: RolloutErrors = {};
  if (draft.mode === 'staged') {
    const steps = parseSteps(draft.steps);
    if (steps.length === 0) errors.steps = 'Steps: enter at least one percentage, e.g. 10, 25, 50, 100';
    else if (steps.length > 100) errors.steps = 'Steps: at most 100 steps';
    else {
      const bad = steps.findIndex((step) => !Number.isFinite(step) || step < 0 || step > 100);
      if (bad >= 0) errors.steps = `Steps: step ${bad + 1} is not a percentage between 0 and 100`;
      else {
        const down = steps.findIndex((step, i) => i > 0 && step < steps[i - 1]);
        if (down >= 0) errors.steps = `Steps never go down: ${steps[down - 1]} then ${steps[down]}`;
      }
    }
    const interval = hoursError('Interval', draft.intervalHours);
    if (interval) errors.intervalHours = interval;
  } else {
    const start = percentError('Start percentage', draft.startPercentage);
    const end = percentError('End percentage', draft.endPercentage);
    if (start) errors.startPercentage = start;
    if (end) errors.endPercentage = end;
    if (!start && !end && numberOf(draft.endPercentage) < numberOf(draft.startPercentage)) errors.endPercentage = 'End percentage is below the start percentage: a rollout only goes up';
    const duration = hoursError('Duration', draft.durationHours);
    const interval = hoursError('Interval', draft.intervalHours);
    if (duration) errors.durationHours = duration;
    if (interval) errors.intervalHours = interval;
    if (!duration && !interval) {
      if (numberOf(draft.intervalHours) > numberOf(draft.durationHours)) errors.intervalHours = 'Interval is longer than the duration';
      else if (Math.round(numberOf(draft.durationHours) / numberOf(draft.intervalHours)) > 1000) errors.intervalHours = 'Interval too short: a gradual rollout has at most 1000 steps';
    }
  }
  if (draft.pauseOnAlerts) {
    const rules = parseAlertRules(draft.alertRules);
    if (rules.length === 0) errors.alertRules = 'Alert rules: name at least one rule (id or name), or turn off "Pause when an alert fires"';
    else if (rules.length > 50) errors.alertRules = 'Alert rules: at most 50';
    else if (rules.some((rule) => rule.length > 200)) errors.alertRules = 'Alert rules: each name is at most 200 characters';
  }
  if (!draft.reason.trim()) errors.reason = 'Reason is required (kept in the audit trail)';
  else if (draft.reason.trim().length > 2000) errors.reason = 'Reason: at most 2000 characters';
  return errors;
}

/**
 * The steps a gradual rollout will take, as the API plans them (`planGradualRollout`): evenly spaced from
 * start to end, rounded to whole percents, the last one exactly the end. Null when the input is not valid.
 */
export function previewGradualSteps(startPercentage: number, endPercentage: number, durationHours: number, intervalHours: number): { steps: number[]; intervalHours: number } | null {
  if (![startPercentage, endPercentage, durationHours, intervalHours].every(Number.isFinite)) return null;
  if (endPercentage < startPercentage || intervalHours <= 0 || durationHours <= 0 || intervalHours > durationHours) return null;
  const intervals = Math.max(1, Math.round(durationHours / intervalHours));
  if (intervals > 1000) return null;
  const steps: number[] = [];
  for (let i = 0; i <= intervals; i++) steps.push(i === intervals ? endPercentage : Math.round(startPercentage + ((endPercentage - startPercentage) * i) / intervals));
  return { steps, intervalHours: durationHours / intervals };
}

/** The steps the draft would walk through (for the dialog's preview), or null while invalid. */
export function draftSteps(draft: RolloutDraft): number[] | null {
  if (draft.mode === 'staged') {
    const steps = parseSteps(draft.steps);
    return steps.length && steps.every((s, i) => Number.isFinite(s) && s >= 0 && s <= 100 && (i === 0 || s >= steps[i - 1])) ? steps : null;
  }
  return previewGradualSteps(numberOf(draft.startPercentage), numberOf(draft.endPercentage), numberOf(draft.durationHours), numberOf(draft.intervalHours))?.steps ?? null;
}

export interface RolloutRequest {
  /** Relative to `/api`, for `dataProvider.api`. */
  path: string;
  body: Record<string, unknown>;
}

/** The API call that starts the draft's rollout for `flagId` (call only when `validateRolloutDraft` is empty). */
export function rolloutRequest(flagId: string, draft: RolloutDraft): RolloutRequest {
  const common: Record<string, unknown> = { intervalHours: Number(draft.intervalHours), reason: draft.reason.trim() };
  if (draft.pauseOnAlerts) common.pauseOnAlerts = parseAlertRules(draft.alertRules);
  const flag = encodeURIComponent(flagId);
  if (draft.mode === 'staged') return { path: `/feature-flags/flags/${flag}/rollouts`, body: { steps: parseSteps(draft.steps), ...common } };
  return {
    path: `/feature-flags/flags/${flag}/gradual-rollout`,
    body: { startPercentage: Number(draft.startPercentage), endPercentage: Number(draft.endPercentage), durationHours: Number(draft.durationHours), ...common },
  };
}

const API_FIELDS: Record<string, keyof RolloutDraft> = {
  steps: 'steps',
  intervalHours: 'intervalHours',
  startPercentage: 'startPercentage',
  endPercentage: 'endPercentage',
  durationHours: 'durationHours',
  pauseOnAlerts: 'alertRules',
  reason: 'reason',
};

/** The dialog field an API problem's `field` ("steps.1", "/body/intervalHours", …) concerns, if any. */
export function draftFieldOfProblem(field: unknown): keyof RolloutDraft | undefined {
  if (typeof field !== 'string') return undefined;
  const first = field.replace(/^\//, '').replace(/\//g, '.').replace(/^body\./, '').split('.')[0];
  return API_FIELDS[first];
}
