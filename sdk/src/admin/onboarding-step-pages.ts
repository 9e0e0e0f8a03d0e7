/**
 * `@platform/sdk/admin/onboarding-step-pages`: console pages of the onboarding wizard's steps.
 *
 * The wizard (the `onboarding` plugin's console entry) shows, for each step the API lists, the page registered
 * here under the step's id, or a generic form built from the step's answer schema. A plugin that contributes a
 * step on the server (`ONBOARDING_STEPS` of `@platform/sdk/onboarding`) registers its page in its console entry;
 * registering an id again replaces the page (a plugin replacing a default step):
 *
 * ```tsx
 * import { registerOnboardingStepPage } from '@platform/sdk/admin/onboarding-step-pages';
 * registerOnboardingStepPage('loyalty', LoyaltyStepPage);
 * ```
 *
 * This module imports only types, so that it type-checks everywhere the SDK does; components are typed structurally.
 */
import type { AdminComponent } from './index.ts';

/** A field error of the last save, as the API's problem gave it (`answers.slug`). */
export interface OnboardingFieldError {
  field: string;
  message: string;
}

/** What a step's page receives from the wizard. */
export interface OnboardingStepPageProps {
  step: { id: string; title: string; description: string | null; skippable: boolean; schema: Record<string, unknown> };
  /** The stored answers of this step ({} when never saved). */
  answers: Record<string, unknown>;
  /** Live state from the step's `status` hook (connections, import progress), refreshed by `reload`. */
  status: Record<string, unknown>;
  /** Field errors of the last save, by field (`answers.slug` is under `slug`). */
  errors: Record<string, string>;
  /**
   * Saves the answers: the wizard then moves to the next step (or, with `stay`, keeps this page open, e.g. to
   * show a job's progress), or shows the field errors.
   */
  save(answers: Record<string, unknown>, options?: { stay?: boolean }): Promise<void>;
  /** Leaves this page for the session's current step (after a save with `stay`). */
  next(): void;
  /** Reloads the session and the step's status. */
  reload(): Promise<void>;
  busy: boolean;
}

const pages = new Map<string, AdminComponent<OnboardingStepPageProps>>();

/** Registers (or replaces) the console page of a step. */
export function registerOnboardingStepPage(stepId: string, page: AdminComponent<OnboardingStepPageProps>): void {
  pages.set(stepId, page);
}

/** The page registered for a step, or undefined (the wizard then shows a form built from the schema). */
export function onboardingStepPage(stepId: string): AdminComponent<OnboardingStepPageProps> | undefined {
  return pages.get(stepId);
}
