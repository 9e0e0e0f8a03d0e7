import { ProblemError } from '@platform/sdk';
import type { Plan } from '../entities/plan.ts';
import type { MeterCatalog } from '../meters/meter-catalog.ts';
import { validateQuotas } from './validate-quotas.ts';

function refuse(field: string, detail: string): never {
  throw new ProblemError(400, 'validation_failed', detail, { field });
}

/**
 * Cross-field rules of a plan (the schema checks types): quotas name known meters and are not negative,
 * a limit type is `hard`/`soft` for a meter that has a quota, an archived plan is not the default.
 * `plan` is the plan as it would be saved (existing values merged with the changes).
 */
export function validatePlan(plan: Partial<Plan>, meters: MeterCatalog): void {
  const quotas = validateQuotas(plan.quotas, meters, 'quotas');
  for (const [meter, type] of Object.entries(plan.limitTypes ?? {})) {
    if (type !== 'hard' && type !== 'soft') refuse(`limitTypes.${meter}`, `The limit type of "${meter}" must be "hard" or "soft"`);
    if (!meters.get(meter)) refuse(`limitTypes.${meter}`, `Unknown meter "${meter}"`);
    if (!(meter in quotas)) refuse(`limitTypes.${meter}`, `"${meter}" has a limit type but no quota`);
  }
  if (plan.archived && plan.isDefault) refuse('isDefault', 'An archived plan cannot be the default plan');
  if (plan.name !== undefined && plan.name.trim() === '') refuse('name', 'The name cannot be blank');
}
