import type { FlagDependency, FlagTargeting, FlagType, FlagValue, FlagValueType } from '../engine/index.ts';

/** The editable part of a flag, complete: what a create or an update turns into before it is stored. */
export interface FlagDraft {
  key: string;
  name: string;
  description: string;
  type: FlagType;
  valueType: FlagValueType;
  defaultValue: FlagValue;
  enabledValue: FlagValue | null;
  enabled: boolean;
  archived: boolean;
  killSwitch: boolean;
  owner: string | null;
  tags: string[];
  staleAfterDays: number;
  targeting: FlagTargeting;
  dependencies: FlagDependency[];
}

export const DEFAULT_STALE_AFTER_DAYS = 14;

/** A create body with the defaults filled in (a boolean flag defaults to `false`). */
export function draftFromCreate(body: Partial<FlagDraft> & { key: string; name: string; type: FlagType }): FlagDraft {
  const valueType = body.valueType ?? 'boolean';
  return {
    key: body.key,
    name: body.name,
    description: body.description ?? '',
    type: body.type,
    valueType,
    defaultValue: body.defaultValue !== undefined ? body.defaultValue : valueType === 'boolean' ? false : (undefined as unknown as FlagValue),
    enabledValue: body.enabledValue ?? null,
    enabled: body.enabled ?? false,
    archived: body.archived ?? false,
    killSwitch: body.killSwitch ?? false,
    owner: body.owner ?? null,
    tags: body.tags ?? [],
    staleAfterDays: body.staleAfterDays ?? DEFAULT_STALE_AFTER_DAYS,
    targeting: body.targeting ?? {},
    dependencies: body.dependencies ?? [],
  };
}

/** The stored draft with an update's fields applied (fields the update leaves out keep their value). */
export function draftWithUpdate(current: FlagDraft, patch: Partial<FlagDraft>): FlagDraft {
  const next = { ...current };
  for (const field of Object.keys(current) as (keyof FlagDraft)[]) {
    if (field === 'key') continue;
    if (patch[field] !== undefined) (next as Record<string, unknown>)[field] = patch[field];
  }
  return next;
}
