import type { FlagDefinition, FlagOverride } from '../engine/index.ts';
import { engineFlagOf } from '../model/engine-flag.ts';
import type { FlagRecord } from '../model/flag-record.ts';
import type { OverrideRecord } from '../model/override-record.ts';

/**
 * One consistent version of the flag configuration, held in memory by every instance. Immutable:
 * a change builds a new snapshot (reusing unchanged engine definitions, whose parsed parts the
 * engine caches by identity).
 */
export interface FlagSnapshot {
  version: number;
  records: ReadonlyMap<string, FlagRecord>;
  definitions: ReadonlyMap<string, FlagDefinition>;
  /** flag key → tenant id → that tenant's live overrides (tenant and user) of the flag. */
  overrides: ReadonlyMap<string, ReadonlyMap<string, readonly FlagOverride[]>>;
  /** Keys of flags that are not archived, sorted: what "evaluate every flag" means. */
  liveKeys: readonly string[];
  /** Whether any flag targets plans (only then is a tenant's plan looked up). */
  usesPlans: boolean;
}

export const EMPTY_SNAPSHOT: FlagSnapshot = {
  version: 0,
  records: new Map(),
  definitions: new Map(),
  overrides: new Map(),
  liveKeys: [],
  usesPlans: false,
};

function targetsPlans(flag: FlagRecord): boolean {
  const t = flag.targeting;
  if ((t.enabledPlans?.length ?? 0) > 0) return true;
  return (t.rollouts ?? []).some((rule) => (rule.constraints ?? []).some((c) => c.contextName === 'plan'));
}

export function engineOverrideOf(record: OverrideRecord): FlagOverride {
  const base = { flagKey: record.flagKey, value: record.value, expiresAt: record.expiresAt, ...(record.variant ? { variant: record.variant } : {}) };
  return record.scope === 'user'
    ? { ...base, scope: 'user', userId: record.userId!, tenantId: record.tenantId }
    : { ...base, scope: 'tenant', tenantId: record.tenantId };
}

export function buildSnapshot(version: number, flags: FlagRecord[], overrides: OverrideRecord[], previous: FlagSnapshot = EMPTY_SNAPSHOT): FlagSnapshot {
  const records = new Map<string, FlagRecord>();
  const definitions = new Map<string, FlagDefinition>();
  let usesPlans = false;
  for (const flag of flags) {
    records.set(flag.key, flag);
    const before = previous.records.get(flag.key);
    const reuse = before && before.id === flag.id && before.updatedAt === flag.updatedAt ? previous.definitions.get(flag.key) : undefined;
    definitions.set(flag.key, reuse ?? engineFlagOf(flag));
    usesPlans ||= targetsPlans(flag);
  }
  const byFlag = new Map<string, Map<string, FlagOverride[]>>();
  for (const override of overrides) {
    let byTenant = byFlag.get(override.flagKey);
    if (!byTenant) byFlag.set(override.flagKey, (byTenant = new Map()));
    let list = byTenant.get(override.tenantId);
    if (!list) byTenant.set(override.tenantId, (list = []));
    list.push(engineOverrideOf(override));
  }
  const liveKeys = flags.filter((flag) => !flag.archived).map((flag) => flag.key).sort();
  return { version, records, definitions, overrides: byFlag, liveKeys, usesPlans };
}
