import { ProblemError, type PlatformRequest, type PluginContext, type RequestContext } from '@platform/sdk';
import { ONBOARDING_STEPS, orderOnboardingSteps, validateStepAnswers, type OnboardingStepCall, type OnboardingStepDefinition } from '@platform/sdk/onboarding';
import type { OnboardingSession, SessionStore } from './session-store.ts';
import { currentStepOf, LAUNCH_STEP, stepStates, withCurrentStep, withStepSaved, withStepSkipped, type StepState } from './wizard-progress.ts';

export interface StepView {
  id: string;
  order: number;
  title: string;
  description: string | null;
  skippable: boolean;
  schema: unknown;
  state: StepState;
}

export interface SessionView {
  id: string;
  tenantId: string;
  status: OnboardingSession['status'];
  currentStep: string;
  answers: OnboardingSession['answers'];
  completedSteps: string[];
  skippedSteps: string[];
  completedAt: string | null;
  updatedAt: string;
  steps: StepView[];
}

export interface ChecklistItem {
  id: string;
  title: string;
  skippable: boolean;
  state: 'done' | 'skipped' | 'todo';
  ok: boolean;
  detail: string;
  /** Whether it stops the launch (a required step not done or not verified). */
  blocking: boolean;
}

/** The wizard over the contributed steps: one session per tenant, each step validated here, never in the browser. */
export class WizardService {
  private ordered: OnboardingStepDefinition[] | null = null;

  /** `defaults`: the wizard's own steps, which contributions with the same id replace. */
  constructor(private readonly ctx: PluginContext, private readonly sessions: SessionStore, private readonly defaults: readonly OnboardingStepDefinition[]) {}

  /** The steps in order (contributions are complete once every plugin registered). */
  steps(): OnboardingStepDefinition[] {
    this.ordered ??= orderOnboardingSteps([...this.defaults, ...this.ctx.extensions.get(ONBOARDING_STEPS)]);
    return this.ordered;
  }

  step(stepId: string): OnboardingStepDefinition {
    const step = this.steps().find((s) => s.id === stepId);
    if (!step) throw new ProblemError(404, 'step_not_found', `No onboarding step "${stepId}"`, { field: 'stepId' });
    return step;
  }

  async session(req: RequestContext): Promise<OnboardingSession> {
    const tenantId = req.requireTenant();
    return this.sessions.findOrCreate(tenantId, this.steps()[0]?.id ?? LAUNCH_STEP, req.actor?.type === 'user' ? req.actor.id : null);
  }

  view(s: OnboardingSession): SessionView {
    const steps = this.steps();
    const states = stepStates(steps, s);
    return {
      id: s.id,
      tenantId: s.tenantId,
      status: s.status,
      currentStep: currentStepOf(steps, s),
      answers: s.answers,
      completedSteps: s.completedSteps,
      skippedSteps: s.skippedSteps,
      completedAt: s.completedAt,
      updatedAt: s.updatedAt,
      steps: steps.map((st) => ({ id: st.id, order: st.order, title: st.title, description: st.description ?? null, skippable: st.skippable, schema: st.schema, state: states[st.id] })),
    };
  }

  call(request: PlatformRequest, s: OnboardingSession): OnboardingStepCall {
    return { tenantId: s.tenantId, actor: request.ctx.actor, em: request.ctx.em, answers: s.answers, baseUrl: this.ctx.kernel.baseUrl, request };
  }

  /**
   * Validates and saves a step's answers: the step's `check` (reads and effects through other services), then its
   * `save` and the session row in one transaction (the session row locked first, so two saves of one tenant's wizard
   * run one after the other). A step's effects written through `call.em` in `save` commit with the session or not at
   * all; effects of `check` (a tenant profile change, invitations and their emails) are idempotent, so saving the
   * step again after a failure converges.
   */
  async save(request: PlatformRequest, stepId: string, answers: unknown): Promise<SessionView> {
    const req = request.ctx;
    const s = await this.session(req);
    const step = this.step(stepId);
    withStepSaved(this.steps(), s, stepId, {}); // refuses early: completed session, step not reached
    const valid = validateStepAnswers(step.schema, answers);
    // Reads and effects through other connections first: inside the transaction they would wait for it forever on
    // the embedded database's one session.
    const checked = (await step.check?.(this.call(request, s), valid)) ?? valid;
    await this.ctx.db.system().transactional(async (em) => {
      const current = await this.sessions.lock(em, s.tenantId);
      if (!current) throw new ProblemError(404, 'not_found', 'Onboarding session not found');
      withStepSaved(this.steps(), current, stepId, {}); // the same checks on the locked row
      const kept = (await step.save?.({ ...this.call(request, current), em }, checked)) ?? checked;
      await this.sessions.save(em, withStepSaved(this.steps(), current, stepId, kept));
      await req.audit({ action: 'onboarding.step_saved', targetType: 'onboarding_step', targetId: stepId }, em);
    });
    return this.view((await this.sessions.find(s.tenantId))!);
  }

  async skip(req: RequestContext, stepId: string): Promise<SessionView> {
    const s = await this.session(req);
    this.step(stepId);
    const saved = await this.update(s.tenantId, (current) => withStepSkipped(this.steps(), current, stepId));
    await req.audit({ action: 'onboarding.step_skipped', targetType: 'onboarding_step', targetId: stepId });
    return this.view(saved);
  }

  async goTo(req: RequestContext, stepId: string): Promise<SessionView> {
    const s = await this.session(req);
    return this.view(await this.update(s.tenantId, (current) => withCurrentStep(this.steps(), current, stepId)));
  }

  async status(request: PlatformRequest, stepId: string): Promise<Record<string, unknown>> {
    const s = await this.session(request.ctx);
    const step = this.step(stepId);
    return (await step.status?.(this.call(request, s))) ?? {};
  }

  async checklist(request: PlatformRequest, s?: OnboardingSession): Promise<ChecklistItem[]> {
    const session = s ?? (await this.session(request.ctx));
    const call = this.call(request, session);
    const items: ChecklistItem[] = [];
    for (const step of this.steps()) {
      const state = session.completedSteps.includes(step.id) ? 'done' : session.skippedSteps.includes(step.id) ? 'skipped' : 'todo';
      if (state === 'skipped') {
        items.push({ id: step.id, title: step.title, skippable: step.skippable, state, ok: true, detail: 'Skipped', blocking: false });
        continue;
      }
      const check = await step.verify(call, session.answers[step.id] ?? null);
      const ok = state === 'done' && check.ok;
      items.push({ id: step.id, title: step.title, skippable: step.skippable, state, ok, detail: check.detail, blocking: (!step.skippable && !ok) || state === 'todo' });
    }
    return items;
  }

  /** Goes live when every required step is done and verified: 409 `checklist_incomplete` naming the steps otherwise. */
  async launch(request: PlatformRequest): Promise<{ session: SessionView; checklist: ChecklistItem[] }> {
    const req = request.ctx;
    const s = await this.session(req);
    if (s.status === 'completed') throw new ProblemError(409, 'onboarding_completed', 'The brand is already live');
    const checklist = await this.checklist(request, s);
    const blocking = checklist.filter((c) => c.blocking);
    if (blocking.length) {
      throw new ProblemError(409, 'checklist_incomplete', `Not ready to launch: ${blocking.map((c) => `${c.title} (${c.detail})`).join('; ')}`, { field: 'step', extra: { steps: blocking.map((c) => c.id) } });
    }
    const actorId = req.actor?.type === 'user' ? req.actor.id : null;
    const saved = await this.ctx.db.system().transactional(async (em) => {
      const current = await this.sessions.lock(em, s.tenantId);
      if (!current || current.status === 'completed') throw new ProblemError(409, 'onboarding_completed', 'The brand is already live');
      const next: OnboardingSession = { ...current, status: 'completed', currentStep: LAUNCH_STEP, completedAt: new Date().toISOString() };
      await this.sessions.save(em, next, actorId);
      await req.audit({ action: 'onboarding.launched', targetType: 'onboarding_session', targetId: current.id, after: { checklist: checklist.map((c) => ({ id: c.id, state: c.state, ok: c.ok })) } }, em);
      await this.ctx.events.emitDurable(em, 'onboarding.wizard.completed', { tenantId: s.tenantId, sessionId: current.id, skippedSteps: current.skippedSteps });
      return next;
    });
    return { session: this.view((await this.sessions.find(saved.tenantId)) ?? saved), checklist };
  }

  /** Applies `change` to the session under its row lock, in one transaction. */
  private async update(tenantId: string, change: (s: OnboardingSession) => OnboardingSession): Promise<OnboardingSession> {
    await this.ctx.db.system().transactional(async (em) => {
      const current = await this.sessions.lock(em, tenantId);
      if (!current) throw new ProblemError(404, 'not_found', 'Onboarding session not found');
      await this.sessions.save(em, change(current));
    });
    return (await this.sessions.find(tenantId))!;
  }
}
