import type { TObject } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import type { EntityManager } from '@mikro-orm/core';
import type { Actor, PlatformRequest } from './context.ts';
import { defineExtensionPoint, type ExtensionPoint } from './plugin.ts';
import { ProblemError } from './problem.ts';

/**
 * The tenant onboarding wizard: the contract between the `onboarding` plugin (sessions, routes, resume, launch
 * checklist) and the plugins that contribute its steps.
 *
 * A plugin adds a step in `register()` (with `dependsOn: ['onboarding']`); a contribution whose `id` equals an
 * earlier one's replaces it (plugins are ordered by dependencies, so a dependent plugin replaces a default step):
 *
 * ```ts
 * ctx.extensions.contribute(ONBOARDING_STEPS, defineOnboardingStep({
 *   id: 'loyalty', order: 45, title: 'Loyalty program', skippable: true,
 *   schema: Type.Object({ pointsPerCurrencyUnit: Type.Integer({ minimum: 1, maximum: 100 }) }),
 *   async save(call, answers) { await loyalty.configure(call.tenantId, answers); },
 *   async verify(call, answers) { return answers ? { ok: true, detail: 'Configured' } : { ok: false, detail: 'Not configured' }; },
 * }));
 * ```
 *
 * The wizard validates a step's answers against `schema` (400 `validation_failed` naming `answers.<field>`), then
 * calls `check` and, in its transaction, `save`; either may refuse with a {@link ProblemError} naming the field and may return the answers to keep
 * (never secrets: seal those with `ctx.secrets` in the contributing plugin's own rows). The console page of a
 * step comes from `@platform/sdk/admin/onboarding-step-pages` (a generic form built from `schema` otherwise).
 */

/** What a step's hooks are called with: the tenant, who acts, and the request's (tenant-filtered) entity manager. */
export interface OnboardingStepCall {
  tenantId: string;
  actor: Actor | null;
  /** In `save`, the wizard's transaction (the session row commits with what is written through it; not row-scoped: name `tenantId` in every query); elsewhere the request's entity manager, which row-level security confines to `tenantId`. */
  em: EntityManager;
  /** The stored answers of every step so far, by step id. */
  answers: Readonly<Record<string, Record<string, unknown>>>;
  /** Public base URL of the platform (for OAuth redirect URIs). */
  baseUrl: string;
  /** The HTTP request the step is handled in, for services that act as its caller (e.g. invitations). */
  request: PlatformRequest;
}

/** One line of the launch checklist. */
export interface OnboardingCheck {
  ok: boolean;
  /** What was verified, or what is missing, in one sentence. */
  detail: string;
}

export interface OnboardingStepDefinition {
  /** Stable, kebab-case; also the console path segment of the step. */
  id: string;
  /** Position in the wizard (lower first). The default steps use 10, 20 ... 70. */
  order: number;
  title: string;
  description?: string;
  /** Whether the tenant may skip it (the checklist then shows it as skipped). */
  skippable: boolean;
  /** TypeBox object the answers must match (unknown fields are refused). */
  schema: TObject;
  /**
   * Server-side checks beyond the schema, and effects that go through other services (the tenant directory, a
   * connection store, invitations, an HTTP API...), run before the wizard's transaction with the request's entity
   * manager. Throw a {@link ProblemError} with `field` (e.g. `answers.slug`) to refuse. Returns the answers that go
   * on to `save` (default: the validated ones; the same object reaches `save`, so a step may key what it found
   * on it). Effects here commit on their own, so they must converge when the step is saved again.
   */
  check?(call: OnboardingStepCall, answers: Record<string, unknown>): Promise<Record<string, unknown> | void>;
  /**
   * Effects that commit with the session row, written only through `call.em` (the wizard's transaction). Nothing
   * else may touch the database here: on the embedded database (one session) any other connection waits for this
   * transaction to end, which it never does. Returns the answers to store (default: what `check` returned).
   */
  save?(call: OnboardingStepCall, answers: Record<string, unknown>): Promise<Record<string, unknown> | void>;
  /** Live state the step's page shows beside its answers (a connection, an import's progress). */
  status?(call: OnboardingStepCall): Promise<Record<string, unknown>>;
  /** For the launch checklist: whether the step's outcome holds now (answers null when never saved). */
  verify(call: OnboardingStepCall, answers: Record<string, unknown> | null): Promise<OnboardingCheck>;
}

/** Steps of the onboarding wizard; owned by the `onboarding` plugin. */
export const ONBOARDING_STEPS: ExtensionPoint<OnboardingStepDefinition> = defineExtensionPoint<OnboardingStepDefinition>('onboarding.steps');

export function defineOnboardingStep<T extends OnboardingStepDefinition>(step: T): T {
  return step;
}

/**
 * The steps in wizard order: the last contribution of an id replaces earlier ones (keeping the replacement's
 * own `order`); ties in `order` keep contribution order.
 */
export function orderOnboardingSteps(contributions: readonly OnboardingStepDefinition[]): OnboardingStepDefinition[] {
  const byId = new Map<string, { step: OnboardingStepDefinition; index: number }>();
  contributions.forEach((step, index) => byId.set(step.id, { step, index: byId.get(step.id)?.index ?? index }));
  return [...byId.values()].sort((a, b) => a.step.order - b.step.order || a.index - b.index).map((e) => e.step);
}

/**
 * Validates answers against a step's schema: the answers with defaults applied, or a 400 `validation_failed`
 * problem naming `answers.<path>` (the first error).
 */
export function validateStepAnswers(schema: TObject, answers: unknown): Record<string, unknown> {
  if (typeof answers !== 'object' || answers === null || Array.isArray(answers)) {
    throw new ProblemError(400, 'validation_failed', 'answers must be an object', { field: 'answers' });
  }
  const candidate = Value.Default(schema, Value.Clone(answers)) as Record<string, unknown>;
  const error = Value.Errors(schema, candidate).First();
  if (!error) return candidate;
  const path = error.path.replace(/^\//, '').replace(/\//g, '.');
  const field = path ? `answers.${path}` : 'answers';
  throw new ProblemError(400, 'validation_failed', `${field}: ${error.message}`, { field });
}
