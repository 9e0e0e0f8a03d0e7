import type { PluginContext } from '@platform/sdk';
import { snapshotSource } from '../store/snapshot-source.ts';
import { EvaluationAnswers } from './evaluation-answers.ts';
import { EvaluationUsage } from './evaluation-usage.ts';
import { FlagCache } from './flag-cache.ts';
import type { FlagChangeDeps } from './flag-change-deps.ts';
import { FlagChanges } from './flag-changes.ts';
import { FlagEvaluationService } from './flag-evaluation-service.ts';
import type { FlagServices } from './flag-services.ts';
import { OverrideChanges } from './override-changes.ts';
import { PlanLookup } from './plan-lookup.ts';
import { StagedRollouts } from './staged-rollouts.ts';

/** Wires this instance's services from the plugin context (no I/O yet). */
export function createFlagServices(ctx: PluginContext): { services: FlagServices; changeDeps: FlagChangeDeps } {
  const cache = new FlagCache(snapshotSource(ctx.db), ctx.logger);
  const usage = new EvaluationUsage(ctx.db, ctx.logger);
  const plans = new PlanLookup(ctx.resolve, ctx.logger);
  const changeDeps: FlagChangeDeps = { db: ctx.db, broadcast: ctx.broadcast, cache, tenants: ctx.tenants, audit: ctx.audit, events: ctx.events };
  const services: FlagServices = {
    db: ctx.db,
    tenants: ctx.tenants,
    cache,
    usage,
    plans,
    evaluation: new FlagEvaluationService(cache, plans, usage),
    answers: new EvaluationAnswers(cache, usage),
    flags: new FlagChanges(changeDeps),
    overrides: new OverrideChanges(changeDeps),
    rollouts: new StagedRollouts(changeDeps),
  };
  return { services, changeDeps };
}
