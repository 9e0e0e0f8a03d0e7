import { problems, type TenantDirectory } from '@platform/sdk';
import {
  compileRegex,
  FlagDefinitionError,
  matchesValueType,
  parseIpRange,
  parseSemver,
  scheduleBounds,
  type Constraint,
  type FlagTargeting,
  type FlagValueType,
  type VariantSplit,
} from '../engine/index.ts';

/** Tenants already in the stored lists are not looked up again (a purged tenant must not block an edit). */
export interface TargetingValidationOptions {
  valueType: FlagValueType;
  tenants: Pick<TenantDirectory, 'get'>;
  previous?: FlagTargeting;
}

const PERCENT_EPSILON = 1e-9;

/**
 * Checks the cross-field rules of a flag's targeting and returns it with tenant slugs resolved to ids.
 * Each failure is a 400 naming the field, e.g. `targeting.variants.variants` for weights not summing to 100.
 */
export async function validateTargeting(targeting: FlagTargeting, opts: TargetingValidationOptions): Promise<FlagTargeting> {
  const out: FlagTargeting = structuredClone(targeting);
  if (out.schedule) validateSchedule(out.schedule);
  for (const list of ['enabledTenants', 'disabledTenants'] as const) {
    if (out[list]) out[list] = await resolveTenantList(out[list]!, `targeting.${list}`, opts, opts.previous?.[list] ?? []);
  }
  out.rollouts?.forEach((rule, index) => {
    const field = `targeting.rollouts.${index}`;
    assertPercentage(rule.percentage, `${field}.percentage`);
    rule.constraints?.forEach((constraint, c) => validateConstraint(constraint, `${field}.constraints.${c}`));
    if (rule.variants) validateVariantSplit(rule.variants, `${field}.variants`, opts.valueType);
  });
  if (out.variants) validateVariantSplit(out.variants, 'targeting.variants', opts.valueType);
  return out;
}

export function assertPercentage(value: number | undefined, field: string): void {
  if (value === undefined) return;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > 100)
    throw problems.validation(field, `${field} must be a percentage between 0 and 100, got ${String(value)}`);
}

function validateSchedule(schedule: NonNullable<FlagTargeting['schedule']>): void {
  let bounds: { start: number; end: number };
  try {
    bounds = scheduleBounds(schedule);
  } catch (error) {
    const message = error instanceof FlagDefinitionError ? error.message : String(error);
    const field = /timeZone/.test(message) ? 'targeting.schedule.timeZone' : /schedule\.end/.test(message) ? 'targeting.schedule.end' : 'targeting.schedule.start';
    throw problems.validation(field, message);
  }
  if (schedule.start && schedule.end && bounds.end <= bounds.start)
    throw problems.validation('targeting.schedule.end', `The schedule ends (${schedule.end}) before it starts (${schedule.start})`);
}

async function resolveTenantList(list: string[], field: string, opts: TargetingValidationOptions, previous: string[]): Promise<string[]> {
  const known = new Set(previous);
  const ids: string[] = [];
  for (const entry of list) {
    if (known.has(entry)) {
      ids.push(entry);
      continue;
    }
    const tenant = await opts.tenants.get(entry);
    if (!tenant) throw problems.validation(field, `Unknown tenant "${entry}" in ${field}`);
    ids.push(tenant.id);
  }
  return [...new Set(ids)];
}

/** Weights are percentages with at most one decimal, summing to 100; names are unique; values fit the flag. */
export function validateVariantSplit(split: VariantSplit, field: string, valueType: FlagValueType): void {
  const variantsField = `${field}.variants`;
  if (split.variants.length === 0) return;
  let total = 0;
  const names = new Set<string>();
  split.variants.forEach((variant, index) => {
    const at = `${variantsField}.${index}`;
    if (names.has(variant.name)) throw problems.validation(`${at}.name`, `Variant name "${variant.name}" is used twice`);
    names.add(variant.name);
    assertPercentage(variant.weight, `${at}.weight`);
    if (Math.abs(variant.weight * 10 - Math.round(variant.weight * 10)) > 1e-6)
      throw problems.validation(`${at}.weight`, `Variant weights have at most one decimal, got ${variant.weight}`);
    if (variant.value !== undefined && !matchesValueType(variant.value, valueType))
      throw problems.validation(`${at}.value`, `Variant "${variant.name}" serves ${JSON.stringify(variant.value)}, not a ${valueType}`);
    total += variant.weight;
  });
  if (Math.abs(total - 100) > PERCENT_EPSILON * 100)
    throw problems.validation(variantsField, `Variant weights must sum to 100, they sum to ${Math.round(total * 10) / 10}`);
}

function validateConstraint(constraint: Constraint, field: string): void {
  const { operator } = constraint;
  const listOperator = operator === 'IN' || operator === 'NOT_IN' || operator.startsWith('STR_') || operator === 'IN_CIDR';
  if (listOperator) {
    if (!constraint.values || constraint.values.length === 0) throw problems.validation(`${field}.values`, `${operator} needs at least one value`);
    if (operator === 'IN_CIDR') {
      constraint.values.forEach((value, i) => {
        if (!parseIpRange(value)) throw problems.validation(`${field}.values.${i}`, `"${value}" is not an IP address or CIDR range`);
      });
    }
    return;
  }
  const value = constraint.value;
  if (value === undefined || value === '') throw problems.validation(`${field}.value`, `${operator} needs a value`);
  if (operator.startsWith('NUM_') && !Number.isFinite(Number(value))) throw problems.validation(`${field}.value`, `"${value}" is not a number`);
  if (operator.startsWith('DATE_') && Number.isNaN(Date.parse(value))) throw problems.validation(`${field}.value`, `"${value}" is not a date`);
  if (operator === 'REGEX') {
    try {
      compileRegex(value, constraint.caseInsensitive === true);
    } catch (error) {
      throw problems.validation(`${field}.value`, (error as Error).message);
    }
  }
  if (operator.startsWith('SEMVER_') && !parseSemver(value))
    throw problems.validation(`${field}.value`, `"${value}" is not a semantic version`);
}
