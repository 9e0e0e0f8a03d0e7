import { problems, type TenantDirectory } from '@platform/sdk';
import { matchesValueType, type FlagTargeting } from '../engine/index.ts';
import type { FlagDraft } from '../model/flag-draft.ts';
import { assertFlagKey } from './flag-key.ts';
import { validateDependencies, type StoredFlagDependencies } from './validate-dependencies.ts';
import { validateTargeting } from './validate-targeting.ts';

/**
 * Checks a complete flag draft (key, values against the value type, targeting) and returns it with
 * tenant slugs in the lists resolved to ids. Failures are 400s naming the field.
 */
export async function validateFlagDraft(
  draft: FlagDraft,
  opts: { tenants: Pick<TenantDirectory, 'get'>; previousTargeting?: FlagTargeting; storedFlags?: () => Promise<readonly StoredFlagDependencies[]> },
): Promise<FlagDraft> {
  assertFlagKey(draft.key);
  if (draft.defaultValue === undefined) throw problems.validation('defaultValue', `A ${draft.valueType} flag needs a defaultValue`);
  if (!matchesValueType(draft.defaultValue, draft.valueType))
    throw problems.validation('defaultValue', `defaultValue ${JSON.stringify(draft.defaultValue)} is not a ${draft.valueType}`);
  if (draft.enabledValue !== null && !matchesValueType(draft.enabledValue, draft.valueType))
    throw problems.validation('enabledValue', `enabledValue ${JSON.stringify(draft.enabledValue)} is not a ${draft.valueType}`);
  const dependencies = draft.dependencies ?? [];
  if (dependencies.length > 0) validateDependencies(draft.key, dependencies, opts.storedFlags ? await opts.storedFlags() : []);
  const targeting = await validateTargeting(draft.targeting, { valueType: draft.valueType, tenants: opts.tenants, previous: opts.previousTargeting });
  return { ...draft, tags: [...new Set(draft.tags)], targeting, dependencies };
}
