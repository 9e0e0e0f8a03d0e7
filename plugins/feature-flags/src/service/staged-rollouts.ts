import { ProblemError, problems, type EntityManager } from '@platform/sdk';
import { SYSTEM_AUTHOR, type ChangeAuthor } from '../model/change-author.ts';
import type { FlagRecord } from '../model/flag-record.ts';
import type { StagedRolloutRecord } from '../model/staged-rollout-record.ts';
import { assertRolloutSteps, planGradualRollout, type GradualRolloutOptions } from '../rollout/plan-gradual-rollout.ts';
import { withPrimaryRollout } from '../rollout/primary-rollout.ts';
import { draftOf, findFlag, updateFlag } from '../store/flag-store.ts';
import { dueStagedRollouts, findStagedRollout, insertStagedRollout, listStagedRollouts, openRolloutOf, updateStagedRollout } from '../store/staged-rollout-store.ts';
import { auditFlagChange, commitFlagChange } from './commit-flag-change.ts';
import type { FlagChangeDeps } from './flag-change-deps.ts';

export interface StagedRolloutInput {
  steps: number[];
  intervalHours: number;
  pauseOnAlerts?: string[];
}

const HOUR_MS = 3_600_000;

/**
 * Staged rollouts: the flag's primary rollout percentage walks through the steps, one per interval,
 * advanced by the `advance-rollouts` job; paused by a kill, by an alert it watches, or by hand.
 */
export class StagedRollouts {
  constructor(private readonly deps: FlagChangeDeps) {}

  list(statuses?: StagedRolloutRecord['status'][], flagKey?: string): Promise<StagedRolloutRecord[]> {
    return listStagedRollouts(this.deps.db, statuses, flagKey);
  }

  /** Sets the flag's rollout percentage inside `em`'s transaction, audited as a rollout step. */
  private async applyPercentage(em: EntityManager, flag: FlagRecord, percentage: number, reason: string, by: ChangeAuthor, enable: boolean): Promise<FlagRecord> {
    const draft = { ...draftOf(flag), targeting: withPrimaryRollout(flag.targeting, percentage), enabled: enable || flag.enabled };
    const kill = { killedAt: flag.killedAt ? new Date(flag.killedAt) : null, killedReason: flag.killedReason };
    const after = await updateFlag(this.deps.db, em, flag, draft, kill, by);
    await auditFlagChange(
      this.deps,
      em,
      { flagKey: flag.key, action: 'rollout.step', oldValue: { rolloutPercentage: flag.rolloutPercentage, enabled: flag.enabled }, newValue: { rolloutPercentage: percentage, enabled: after.enabled }, reason },
      by,
    );
    return after;
  }

  async start(flagKey: string, input: StagedRolloutInput, reason: string, by: ChangeAuthor): Promise<StagedRolloutRecord> {
    assertRolloutSteps(input.steps);
    const intervalSeconds = Math.round(input.intervalHours * 3600);
    if (intervalSeconds < 60) throw problems.validation('intervalHours', 'Steps are at least a minute apart');
    return commitFlagChange(this.deps, async (em) => {
      const flag = await findFlag(this.deps.db, flagKey, em, true);
      if (!flag) throw problems.notFound(`Flag "${flagKey}"`);
      if (flag.archived) throw new ProblemError(409, 'flag_archived', `Flag "${flag.key}" is archived`);
      if (flag.killedAt) throw new ProblemError(409, 'flag_killed', `Flag "${flag.key}" is killed; restore it first`);
      if (await openRolloutOf(this.deps.db, flag.key, em)) throw new ProblemError(409, 'rollout_in_progress', `Flag "${flag.key}" already has a staged rollout; cancel it first`);
      const last = input.steps.length === 1;
      const rollout = await insertStagedRollout(this.deps.db, em, {
        flagKey: flag.key,
        steps: input.steps,
        intervalSeconds,
        nextStepAt: last ? null : new Date(Date.now() + intervalSeconds * 1000),
        status: last ? 'completed' : 'active',
        pauseOnAlerts: input.pauseOnAlerts ?? [],
        reason,
        createdBy: by.actorId,
      });
      await auditFlagChange(this.deps, em, { flagKey: flag.key, action: 'rollout.started', newValue: { rolloutId: rollout.id, steps: input.steps, intervalHours: input.intervalHours }, reason }, by);
      await this.applyPercentage(em, flag, input.steps[0], reason, by, true);
      return rollout;
    });
  }

  /** The seed's `gradualRollout(key, { startPercentage, endPercentage, durationHours, intervalHours })`. */
  async gradualRollout(flagKey: string, options: GradualRolloutOptions & { pauseOnAlerts?: string[] }, reason: string, by: ChangeAuthor): Promise<StagedRolloutRecord> {
    const plan = planGradualRollout(options);
    return this.start(flagKey, { ...plan, pauseOnAlerts: options.pauseOnAlerts }, reason, by);
  }

  /** Moves one rollout to its next step (inside `em`'s transaction). */
  private async step(em: EntityManager, rollout: StagedRolloutRecord, reason: string, by: ChangeAuthor, now: Date): Promise<StagedRolloutRecord> {
    const flag = await findFlag(this.deps.db, rollout.flagKey, em, true);
    if (!flag) throw problems.notFound(`Flag "${rollout.flagKey}"`);
    const next = rollout.currentStep + 1;
    const last = next >= rollout.steps.length - 1;
    await this.applyPercentage(em, flag, rollout.steps[next], reason, by, false);
    const updated = await updateStagedRollout(this.deps.db, em, rollout.id, {
      currentStep: next,
      status: last ? 'completed' : 'active',
      nextStepAt: last ? null : new Date(now.getTime() + rollout.intervalHours * HOUR_MS),
      pausedReason: null,
    });
    if (last) await auditFlagChange(this.deps, em, { flagKey: rollout.flagKey, action: 'rollout.completed', newValue: { rolloutId: rollout.id, rolloutPercentage: rollout.steps[next] }, reason }, by);
    return updated;
  }

  /** The job: every active rollout whose next step is due moves one step. Returns how many moved. */
  async advanceDue(now = new Date()): Promise<number> {
    const due = await this.deps.db.sql<{ n: string }>(`SELECT count(*) AS n FROM feature_flag_rollouts WHERE status = 'active' AND next_step_at <= $1`, [now]);
    if (Number(due[0]?.n ?? 0) === 0) return 0;
    return commitFlagChange(this.deps, async (em) => {
      const rollouts = await dueStagedRollouts(this.deps.db, em, now);
      for (const rollout of rollouts) {
        const percentage = rollout.steps[rollout.currentStep + 1];
        await this.step(em, rollout, `Staged rollout step ${rollout.currentStep + 2}/${rollout.steps.length}: ${percentage}%`, SYSTEM_AUTHOR, now);
      }
      return rollouts.length;
    });
  }

  private async transition(
    id: string,
    reason: string,
    by: ChangeAuthor,
    change: (rollout: StagedRolloutRecord, em: EntityManager) => Promise<StagedRolloutRecord>,
  ): Promise<StagedRolloutRecord> {
    return commitFlagChange(this.deps, async (em) => {
      const rollout = await findStagedRollout(this.deps.db, id, em, true);
      if (!rollout) throw problems.notFound('Staged rollout');
      return change(rollout, em);
    });
  }

  pause(id: string, reason: string, by: ChangeAuthor, alert: string | null = null): Promise<StagedRolloutRecord> {
    return this.transition(id, reason, by, async (rollout, em) => {
      if (rollout.status !== 'active') throw new ProblemError(409, 'rollout_not_active', `The rollout is ${rollout.status}`);
      const after = await updateStagedRollout(this.deps.db, em, rollout.id, { currentStep: rollout.currentStep, status: 'paused', nextStepAt: null, pausedReason: reason });
      await auditFlagChange(this.deps, em, { flagKey: rollout.flagKey, action: 'rollout.paused', oldValue: { status: 'active' }, newValue: { status: 'paused', rolloutId: rollout.id, alert }, reason }, by);
      await this.deps.events.emitDurable(em, 'feature-flags.rollout.paused', { rolloutId: rollout.id, key: rollout.flagKey, reason, alert });
      return after;
    });
  }

  resume(id: string, reason: string, by: ChangeAuthor): Promise<StagedRolloutRecord> {
    return this.transition(id, reason, by, async (rollout, em) => {
      if (rollout.status !== 'paused') throw new ProblemError(409, 'rollout_not_paused', `The rollout is ${rollout.status}`);
      const flag = await findFlag(this.deps.db, rollout.flagKey, em);
      if (flag?.killedAt) throw new ProblemError(409, 'flag_killed', `Flag "${rollout.flagKey}" is killed; restore it first`);
      const after = await updateStagedRollout(this.deps.db, em, rollout.id, {
        currentStep: rollout.currentStep,
        status: 'active',
        nextStepAt: new Date(Date.now() + rollout.intervalHours * HOUR_MS),
        pausedReason: null,
      });
      await auditFlagChange(this.deps, em, { flagKey: rollout.flagKey, action: 'rollout.resumed', oldValue: { status: 'paused' }, newValue: { status: 'active', rolloutId: rollout.id }, reason }, by);
      return after;
    });
  }

  cancel(id: string, reason: string, by: ChangeAuthor): Promise<StagedRolloutRecord> {
    return this.transition(id, reason, by, async (rollout, em) => {
      if (rollout.status !== 'active' && rollout.status !== 'paused') throw new ProblemError(409, 'rollout_closed', `The rollout is ${rollout.status}`);
      const after = await updateStagedRollout(this.deps.db, em, rollout.id, { currentStep: rollout.currentStep, status: 'cancelled', nextStepAt: null, pausedReason: null });
      await auditFlagChange(this.deps, em, { flagKey: rollout.flagKey, action: 'rollout.cancelled', oldValue: { status: rollout.status }, newValue: { status: 'cancelled', rolloutId: rollout.id, rolloutPercentage: rollout.currentPercentage }, reason }, by);
      return after;
    });
  }

  /** Takes the next step now (by hand), whatever the schedule says. */
  advance(id: string, reason: string, by: ChangeAuthor): Promise<StagedRolloutRecord> {
    return this.transition(id, reason, by, async (rollout, em) => {
      if (rollout.status !== 'active') throw new ProblemError(409, 'rollout_not_active', `The rollout is ${rollout.status}`);
      return this.step(em, rollout, reason, by, new Date());
    });
  }

  /** Pauses every active rollout that watches the fired alert rule (named by any of `rules`: its id or name). */
  async pauseForAlert(rules: string[], message?: string): Promise<number> {
    const watching = (await this.list(['active'])).filter((rollout) => rollout.pauseOnAlerts.some((name) => rules.includes(name)));
    for (const rollout of watching) {
      const rule = rollout.pauseOnAlerts.find((name) => rules.includes(name))!;
      await this.pause(rollout.id, `Alert "${rule}" fired${message ? `: ${message}` : ''}`, SYSTEM_AUTHOR, rule).catch((err) => {
        if (!(err instanceof ProblemError && err.status === 409)) throw err;
      });
    }
    return watching.length;
  }
}
