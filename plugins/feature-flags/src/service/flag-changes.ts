import { ProblemError, problems, type EntityManager } from '@platform/sdk';
import type { ChangeAuthor } from '../model/change-author.ts';
import { draftFromCreate, draftWithUpdate, type FlagDraft } from '../model/flag-draft.ts';
import type { FlagRecord } from '../model/flag-record.ts';
import { deleteFlag, draftOf, findFlag, insertFlag, listFlags, updateFlag, type KillState } from '../store/flag-store.ts';
import { openRolloutOf, updateStagedRollout } from '../store/staged-rollout-store.ts';
import { validateFlagDraft } from '../validation/validate-flag.ts';
import { auditFlagChange, commitFlagChange } from './commit-flag-change.ts';
import type { FlagChangeDeps } from './flag-change-deps.ts';

/** The audit action of an update: a plain toggle or a rollout move reads better in the timeline. */
function updateAction(before: FlagRecord, after: FlagRecord): string {
  const changed = (['name', 'description', 'type', 'valueType', 'defaultValue', 'enabledValue', 'enabled', 'archived', 'killSwitch', 'owner', 'tags', 'staleAfterDays', 'targeting', 'dependencies'] as const).filter(
    (field) => JSON.stringify(before[field]) !== JSON.stringify(after[field]),
  );
  if (changed.length === 1 && changed[0] === 'enabled') return after.enabled ? 'flag.enabled' : 'flag.disabled';
  if (changed.length === 1 && changed[0] === 'dependencies') return 'flag.dependencies_changed';
  if (changed.length === 1 && changed[0] === 'archived') return after.archived ? 'flag.archived' : 'flag.unarchived';
  if (changed.length === 1 && changed[0] === 'targeting' && before.rolloutPercentage !== after.rolloutPercentage) {
    const { rollouts: _a, ...restBefore } = before.targeting;
    const { rollouts: _b, ...restAfter } = after.targeting;
    if (JSON.stringify(restBefore) === JSON.stringify(restAfter)) return 'flag.rollout_changed';
  }
  return 'flag.updated';
}

/** What the audit trail keeps of a flag: the definition, not bookkeeping timestamps. */
export function auditedFlag(flag: FlagRecord): Partial<FlagRecord> {
  const { createdAt: _c, updatedAt: _u, createdBy: _cb, updatedBy: _ub, fullyOnSince: _f, ...rest } = flag;
  return rest;
}

async function requireFlag(deps: FlagChangeDeps, em: EntityManager, idOrKey: string): Promise<FlagRecord> {
  const flag = await findFlag(deps.db, idOrKey, em, true);
  if (!flag) throw problems.notFound(`Flag "${idOrKey}"`);
  return flag;
}

async function emitChanged(deps: FlagChangeDeps, em: EntityManager, key: string, action: string, reason: string, by: ChangeAuthor, tenantId: string | null = null) {
  await deps.events.emitDurable(em, 'feature-flags.flag.changed', { key, action, reason, actorId: by.actorId, tenantId });
}

/** Creates, edits, deletes, kills and restores flag definitions; every change audited with its reason. */
export class FlagChanges {
  constructor(private readonly deps: FlagChangeDeps) {}

  async create(input: Parameters<typeof draftFromCreate>[0], reason: string, by: ChangeAuthor): Promise<FlagRecord> {
    const draft = await validateFlagDraft(draftFromCreate(input), { tenants: this.deps.tenants, storedFlags: () => listFlags(this.deps.db) });
    return commitFlagChange(this.deps, async (em) => {
      const created = await insertFlag(this.deps.db, em, draft, by);
      if (!created) throw new ProblemError(409, 'flag_exists', `A flag with key "${draft.key}" already exists`, { field: 'key' });
      await auditFlagChange(this.deps, em, { flagKey: created.key, action: 'flag.created', newValue: auditedFlag(created), reason }, by);
      await emitChanged(this.deps, em, created.key, 'flag.created', reason, by);
      return created;
    });
  }

  async update(idOrKey: string, patch: Partial<FlagDraft> & { key?: string }, reason: string, by: ChangeAuthor): Promise<FlagRecord> {
    // Validation looks tenants up, so it runs before the transaction (on the embedded database a
    // transaction holds the only connection); the row is then re-read under lock and must be unchanged.
    const current = await findFlag(this.deps.db, idOrKey);
    if (!current) throw problems.notFound(`Flag "${idOrKey}"`);
    if (patch.key !== undefined && patch.key !== current.key) throw problems.validation('key', 'A flag key cannot change; create a new flag instead');
    const draft = await validateFlagDraft(draftWithUpdate(draftOf(current), patch), { tenants: this.deps.tenants, previousTargeting: current.targeting, storedFlags: () => listFlags(this.deps.db) });
    return commitFlagChange(this.deps, async (em) => {
      const before = await requireFlag(this.deps, em, current.id);
      if (before.updatedAt !== current.updatedAt) throw new ProblemError(409, 'edit_conflict', `Flag "${before.key}" changed meanwhile; reload and try again`);
      // Switching a killed flag back on through an edit ends the kill.
      const kill: KillState =
        draft.enabled && before.killedAt ? { killedAt: null, killedReason: null } : { killedAt: before.killedAt ? new Date(before.killedAt) : null, killedReason: before.killedReason };
      const after = await updateFlag(this.deps.db, em, before, draft, kill, by);
      const action = updateAction(before, after);
      await auditFlagChange(this.deps, em, { flagKey: after.key, action, oldValue: auditedFlag(before), newValue: auditedFlag(after), reason }, by);
      await emitChanged(this.deps, em, after.key, action, reason, by);
      return after;
    });
  }

  async remove(idOrKey: string, reason: string, by: ChangeAuthor): Promise<FlagRecord> {
    return commitFlagChange(this.deps, async (em) => {
      const before = await requireFlag(this.deps, em, idOrKey);
      const dependents = (await listFlags(this.deps.db, em)).filter((flag) => flag.dependencies.some((dependency) => dependency.flag === before.key));
      if (dependents.length > 0) {
        throw new ProblemError(409, 'flag_has_dependents', `Flags depend on "${before.key}": ${dependents.map((flag) => flag.key).join(', ')}; remove those dependencies first`);
      }
      await deleteFlag(this.deps.db, em, before.id);
      await auditFlagChange(this.deps, em, { flagKey: before.key, action: 'flag.deleted', oldValue: auditedFlag(before), reason }, by);
      await emitChanged(this.deps, em, before.key, 'flag.deleted', reason, by);
      return before;
    });
  }

  /** Turns the flag off everywhere at once and pauses its staged rollout. */
  async kill(idOrKey: string, reason: string, by: ChangeAuthor): Promise<FlagRecord> {
    return commitFlagChange(this.deps, async (em) => {
      const before = await requireFlag(this.deps, em, idOrKey);
      const now = new Date();
      const after = await updateFlag(this.deps.db, em, before, { ...draftOf(before), enabled: false }, { killedAt: now, killedReason: reason }, by, now);
      const rollout = await openRolloutOf(this.deps.db, before.key, em);
      if (rollout?.status === 'active') {
        await updateStagedRollout(this.deps.db, em, rollout.id, { currentStep: rollout.currentStep, status: 'paused', nextStepAt: null, pausedReason: `Kill switch: ${reason}` });
        await auditFlagChange(this.deps, em, { flagKey: before.key, action: 'rollout.paused', oldValue: { status: 'active' }, newValue: { status: 'paused', rolloutId: rollout.id }, reason: `Kill switch: ${reason}` }, by);
      }
      await auditFlagChange(this.deps, em, { flagKey: after.key, action: 'flag.killed', oldValue: { enabled: before.enabled }, newValue: { enabled: false, killedAt: after.killedAt }, reason }, by);
      await this.deps.events.emitDurable(em, 'feature-flags.flag.killed', { key: after.key, reason, actorId: by.actorId });
      await emitChanged(this.deps, em, after.key, 'flag.killed', reason, by);
      return after;
    });
  }

  /** Ends a kill: the flag is switched back on (a paused staged rollout stays paused until resumed). */
  async restore(idOrKey: string, reason: string, by: ChangeAuthor): Promise<FlagRecord> {
    return commitFlagChange(this.deps, async (em) => {
      const before = await requireFlag(this.deps, em, idOrKey);
      if (!before.killedAt) throw new ProblemError(409, 'not_killed', `Flag "${before.key}" is not killed`);
      const after = await updateFlag(this.deps.db, em, before, { ...draftOf(before), enabled: true }, { killedAt: null, killedReason: null }, by);
      await auditFlagChange(this.deps, em, { flagKey: after.key, action: 'flag.restored', oldValue: { enabled: false, killedAt: before.killedAt }, newValue: { enabled: true }, reason }, by);
      await emitChanged(this.deps, em, after.key, 'flag.restored', reason, by);
      return after;
    });
  }
}
