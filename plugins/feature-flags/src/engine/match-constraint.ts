import type { Constraint } from './constraint.ts';
import { contextValue, type EvaluationContext } from './context.ts';
import { ipRangeContains, parseIpAddress, parseIpRange, type IpRange } from './ip-range.ts';
import { matchesRegex } from './regex.ts';
import { compareSemver, parseSemver, type SemanticVersion } from './semver.ts';

/**
 * A constraint's parsed operand, computed once per constraint object (flag definitions are
 * treated as immutable values): null when the operand is unreadable.
 */
const parsedDates = new WeakMap<Constraint, number | null>();
const parsedVersions = new WeakMap<Constraint, SemanticVersion | null>();
const parsedRanges = new WeakMap<Constraint, IpRange[]>();

/**
 * Whether the context satisfies the constraint, with Unleash's semantics: a missing
 * attribute matches only NOT_IN; values are trimmed and empty ones ignored; an unparsable
 * number, date, version or address does not match; `inverted` negates the result. An
 * operator this engine does not know never matches, inverted or not.
 *
 * @param now epoch milliseconds, used by DATE_* on `currentTime` when the context has none.
 */
export function matchConstraint(constraint: Constraint, context: EvaluationContext, now: number): boolean {
  const matched = matchOperator(constraint, context, now);
  if (matched === undefined) return false;
  return constraint.inverted ? !matched : matched;
}

/** All constraints match (an empty list matches). */
export function matchConstraints(
  constraints: readonly Constraint[] | undefined,
  context: EvaluationContext,
  now: number,
): boolean {
  if (!constraints) return true;
  for (const constraint of constraints) {
    if (!matchConstraint(constraint, context, now)) return false;
  }
  return true;
}

/** The operator's result before inversion; undefined for an unknown operator. */
function matchOperator(constraint: Constraint, context: EvaluationContext, now: number): boolean | undefined {
  switch (constraint.operator) {
    case 'IN':
      return isInValues(constraint, context);
    case 'NOT_IN':
      return !isInValues(constraint, context);
    case 'STR_CONTAINS':
    case 'STR_STARTS_WITH':
    case 'STR_ENDS_WITH':
      return matchString(constraint, context);
    case 'NUM_EQ':
    case 'NUM_GT':
    case 'NUM_GTE':
    case 'NUM_LT':
    case 'NUM_LTE':
      return matchNumber(constraint, context);
    case 'DATE_AFTER':
    case 'DATE_BEFORE':
      return matchDate(constraint, context, now);
    case 'SEMVER_EQ':
    case 'SEMVER_GT':
    case 'SEMVER_GTE':
    case 'SEMVER_LT':
    case 'SEMVER_LTE':
      return matchSemver(constraint, context);
    case 'IN_CIDR':
      return matchIpRange(constraint, context);
    case 'REGEX': {
      const actual = contextValue(context, constraint.contextName);
      return actual !== undefined && matchesRegex(constraint, actual);
    }
    default:
      return undefined;
  }
}

function singleValue(constraint: Constraint): string | undefined {
  return constraint.value ?? constraint.values?.[0];
}

function isInValues(constraint: Constraint, context: EvaluationContext): boolean {
  const actual = contextValue(context, constraint.contextName);
  if (actual === undefined || !constraint.values) return false;
  for (const value of constraint.values) {
    if (value && value.trim() === actual) return true;
  }
  return false;
}

function matchString(constraint: Constraint, context: EvaluationContext): boolean {
  let actual = contextValue(context, constraint.contextName);
  if (actual === undefined || !constraint.values) return false;
  const caseInsensitive = constraint.caseInsensitive === true;
  if (caseInsensitive) actual = actual.toLowerCase();
  for (const raw of constraint.values) {
    if (!raw) continue;
    const expected = caseInsensitive ? raw.trim().toLowerCase() : raw.trim();
    if (
      (constraint.operator === 'STR_CONTAINS' && actual.includes(expected)) ||
      (constraint.operator === 'STR_STARTS_WITH' && actual.startsWith(expected)) ||
      (constraint.operator === 'STR_ENDS_WITH' && actual.endsWith(expected))
    ) {
      return true;
    }
  }
  return false;
}

function matchNumber(constraint: Constraint, context: EvaluationContext): boolean {
  const actualText = contextValue(context, constraint.contextName);
  const expectedText = singleValue(constraint);
  if (actualText === undefined || expectedText === undefined || expectedText.trim() === '') return false;
  const actual = Number(actualText);
  const expected = Number(expectedText);
  if (Number.isNaN(actual) || Number.isNaN(expected)) return false;
  switch (constraint.operator) {
    case 'NUM_EQ':
      return actual === expected;
    case 'NUM_GT':
      return actual > expected;
    case 'NUM_GTE':
      return actual >= expected;
    case 'NUM_LT':
      return actual < expected;
    default:
      return actual <= expected;
  }
}

function matchDate(constraint: Constraint, context: EvaluationContext, now: number): boolean {
  const actualText = contextValue(context, constraint.contextName);
  const actual =
    actualText !== undefined ? Date.parse(actualText) : constraint.contextName === 'currentTime' ? now : Number.NaN;
  const expected = expectedDate(constraint);
  if (Number.isNaN(actual) || expected === null) return false;
  return constraint.operator === 'DATE_AFTER' ? actual > expected : actual < expected;
}

function matchSemver(constraint: Constraint, context: EvaluationContext): boolean {
  const actualText = contextValue(context, constraint.contextName);
  const expected = expectedVersion(constraint);
  if (actualText === undefined || expected === null) return false;
  const actual = parseSemver(actualText);
  if (!actual) return false;
  const order = compareSemver(actual, expected);
  switch (constraint.operator) {
    case 'SEMVER_EQ':
      return order === 0;
    case 'SEMVER_GT':
      return order > 0;
    case 'SEMVER_GTE':
      return order >= 0;
    case 'SEMVER_LT':
      return order < 0;
    default:
      return order <= 0;
  }
}

function matchIpRange(constraint: Constraint, context: EvaluationContext): boolean {
  const actualText = contextValue(context, constraint.contextName);
  if (actualText === undefined || !constraint.values) return false;
  const actual = parseIpAddress(actualText);
  if (!actual) return false;
  for (const range of expectedRanges(constraint)) {
    if (ipRangeContains(range, actual)) return true;
  }
  return false;
}

function expectedDate(constraint: Constraint): number | null {
  let parsed = parsedDates.get(constraint);
  if (parsed === undefined) {
    const text = singleValue(constraint);
    const instant = text === undefined ? Number.NaN : Date.parse(text);
    parsed = Number.isNaN(instant) ? null : instant;
    parsedDates.set(constraint, parsed);
  }
  return parsed;
}

function expectedVersion(constraint: Constraint): SemanticVersion | null {
  let parsed = parsedVersions.get(constraint);
  if (parsed === undefined) {
    const text = singleValue(constraint);
    parsed = (text === undefined ? undefined : parseSemver(text)) ?? null;
    parsedVersions.set(constraint, parsed);
  }
  return parsed;
}

/** The readable ranges among the constraint's values; unreadable ones are ignored. */
function expectedRanges(constraint: Constraint): IpRange[] {
  let parsed = parsedRanges.get(constraint);
  if (parsed === undefined) {
    parsed = [];
    for (const value of constraint.values ?? []) {
      const range = value ? parseIpRange(value.trim()) : undefined;
      if (range) parsed.push(range);
    }
    parsedRanges.set(constraint, parsed);
  }
  return parsed;
}
