import type { Database, TenantDirectory } from '@platform/sdk';
import type { EvaluationAnswers } from './evaluation-answers.ts';
import type { EvaluationUsage } from './evaluation-usage.ts';
import type { FlagCache } from './flag-cache.ts';
import type { FlagChanges } from './flag-changes.ts';
import type { FlagEvaluationService } from './flag-evaluation-service.ts';
import type { OverrideChanges } from './override-changes.ts';
import type { PlanLookup } from './plan-lookup.ts';
import type { StagedRollouts } from './staged-rollouts.ts';

/** Everything the routes and jobs of this plugin use, built once per instance in `register()`/`boot()`. */
export interface FlagServices {
  db: Database;
  tenants: TenantDirectory;
  cache: FlagCache;
  evaluation: FlagEvaluationService;
  /** The evaluate endpoint's serialized answers, memoized per context. */
  answers: EvaluationAnswers;
  usage: EvaluationUsage;
  plans: PlanLookup;
  flags: FlagChanges;
  overrides: OverrideChanges;
  rollouts: StagedRollouts;
}
