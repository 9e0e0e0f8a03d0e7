import { ProblemError } from '@platform/sdk';
import { isCurrencyCode } from '@platform/sdk/money';
import { ADDON_KINDS, ADDON_PRICINGS, type AddonKind, type AddonPricing, type AddonProvision } from './addon-record.ts';

/** The largest price accepted, in minor units (ten billion units of a two-decimal currency). */
export const MAX_AMOUNT_MINOR = 1_000_000_000_000;
export const MAX_CREDITS = 100_000_000;
const MAX_SCREENSHOTS = 12;
const MAX_LIST = 50;

export interface AddonDraft {
  name: string;
  summary: string;
  description: string;
  kind: AddonKind;
  provision: AddonProvision;
  pricing: AddonPricing;
  amountMinor: number;
  currency: string;
  screenshots: string[];
  permissions: string[];
  allowedPlans: string[];
}

function refuse(field: string, detail: string): never {
  throw new ProblemError(400, 'validation_failed', detail, { field });
}

function text(body: Record<string, unknown>, field: string, opts: { min: number; max: number; multiline?: boolean }): string {
  const value = body[field];
  if (value === undefined || value === null) {
    if (opts.min === 0) return '';
    refuse(field, `"${field}" is required`);
  }
  if (typeof value !== 'string') refuse(field, `"${field}" must be text`);
  if (value.includes('\u0000')) refuse(field, `"${field}" must not contain NUL bytes`);
  const trimmed = value.trim();
  if (trimmed.length < opts.min) refuse(field, `"${field}" is required`);
  if (trimmed.length > opts.max) refuse(field, `"${field}" must be at most ${opts.max} characters`);
  if (!opts.multiline && /[\r\n]/.test(trimmed)) refuse(field, `"${field}" must be one line`);
  return trimmed;
}

function oneOf<T extends string>(body: Record<string, unknown>, field: string, allowed: readonly T[]): T {
  const value = body[field];
  if (value === undefined || value === null) refuse(field, `"${field}" is required (${allowed.join(', ')})`);
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) refuse(field, `"${field}" must be one of ${allowed.join(', ')}`);
  return value as T;
}

/** Integer minor units >= 0: -1, 9.99, "100", 1e20 are refused naming the field. */
export function amountMinorOf(value: unknown, field = 'amountMinor'): number {
  if (value === undefined || value === null) refuse(field, `"${field}" is required (integer minor units, e.g. 999 for 9.99)`);
  if (typeof value !== 'number' || !Number.isFinite(value)) refuse(field, `"${field}" must be a number of minor units`);
  if (!Number.isInteger(value)) refuse(field, `"${field}" must be a whole number of minor units (e.g. 999 for 9.99), not ${value}`);
  if (value < 0) refuse(field, `"${field}" must not be negative`);
  if (value > MAX_AMOUNT_MINOR) refuse(field, `"${field}" must be at most ${MAX_AMOUNT_MINOR}`);
  return value;
}

export function currencyOf(value: unknown, field = 'currency'): string {
  if (value === undefined || value === null) refuse(field, `"${field}" is required (ISO-4217, e.g. USD)`);
  if (!isCurrencyCode(value)) refuse(field, `"${field}" must be an ISO-4217 currency code such as USD or EUR, not ${JSON.stringify(value).slice(0, 40)}`);
  return value;
}

function stringList(body: Record<string, unknown>, field: string, max: number, check: (item: string, at: string) => void): string[] {
  const value = body[field];
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) refuse(field, `"${field}" must be a list`);
  if (value.length > max) refuse(field, `"${field}" holds at most ${max} entries`);
  const out: string[] = [];
  value.forEach((item, i) => {
    const at = `${field}.${i}`;
    if (typeof item !== 'string') refuse(at, `"${at}" must be text`);
    if (item.includes('\u0000')) refuse(at, `"${at}" must not contain NUL bytes`);
    check(item, at);
    if (!out.includes(item)) out.push(item);
  });
  return out;
}

/** An http(s) URL of at most 2000 characters. */
export function screenshotUrl(item: string, at: string): void {
  if (item.length > 2000) refuse(at, `"${at}" must be at most 2000 characters`);
  let url: URL;
  try {
    url = new URL(item);
  } catch {
    refuse(at, `"${at}" must be an http or https URL`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') refuse(at, `"${at}" must be an http or https URL`);
  if (url.username || url.password) refuse(at, `"${at}" must not carry credentials`);
}

const KEY = /^[a-z][a-z0-9_.:-]{0,99}$/;
const keyCheck = (what: string) => (item: string, at: string) => {
  if (!KEY.test(item)) refuse(at, `"${at}" must be a ${what} (lower-case letters, digits, . _ : -)`);
};

function provisionOf(kind: AddonKind, raw: unknown): AddonProvision {
  const field = 'provision';
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) refuse(field, `"${field}" must be an object with the ${kind} add-on's fields`);
  const p = raw as Record<string, unknown>;
  switch (kind) {
    case 'sms_credits': {
      const credits = p.credits;
      if (typeof credits !== 'number' || !Number.isInteger(credits) || credits <= 0 || credits > MAX_CREDITS)
        refuse('provision.credits', `"provision.credits" must be a whole number of credits between 1 and ${MAX_CREDITS}`);
      return { kind, credits };
    }
    case 'plugin': {
      if (typeof p.plugin !== 'string' || !/^[a-z][a-z0-9-]{0,62}$/.test(p.plugin)) refuse('provision.plugin', '"provision.plugin" must name a plugin');
      return { kind, plugin: p.plugin };
    }
    case 'flag_entitlement': {
      if (typeof p.flagKey !== 'string' || !p.flagKey || p.flagKey.length > 200 || p.flagKey.includes('\u0000')) refuse('provision.flagKey', '"provision.flagKey" must name a feature flag');
      if (!('value' in p) || p.value === undefined) refuse('provision.value', '"provision.value" is required (the value the tenant is served, e.g. true)');
      const serialized = JSON.stringify(p.value);
      if (serialized.length > 4000 || serialized.includes('\\u0000')) refuse('provision.value', '"provision.value" must be a JSON value of at most 4000 characters');
      if (p.variant !== undefined && p.variant !== null && (typeof p.variant !== 'string' || !p.variant || p.variant.length > 100 || p.variant.includes('\u0000')))
        refuse('provision.variant', '"provision.variant" must name a variant of the flag');
      return { kind, flagKey: p.flagKey, value: p.value, variant: (p.variant as string | null | undefined) ?? null };
    }
    case 'integration': {
      if (typeof p.integrationType !== 'string' || !/^[a-z][a-z0-9-]{0,62}$/.test(p.integrationType)) refuse('provision.integrationType', '"provision.integrationType" must name an integration type');
      return { kind, integrationType: p.integrationType };
    }
  }
}

function bodyOf(body: unknown): Record<string, unknown> {
  if (!body || typeof body !== 'object' || Array.isArray(body)) refuse('body', 'The body must be a JSON object');
  return body as Record<string, unknown>;
}

/** A new add-on from a request body; every problem names its field. */
export function parseAddonDraft(raw: unknown): AddonDraft {
  const body = bodyOf(raw);
  const kind = oneOf(body, 'kind', ADDON_KINDS);
  return {
    name: text(body, 'name', { min: 1, max: 120 }),
    summary: text(body, 'summary', { min: 0, max: 300 }),
    description: text(body, 'description', { min: 0, max: 10_000, multiline: true }),
    kind,
    provision: provisionOf(kind, body.provision),
    pricing: oneOf(body, 'pricing', ADDON_PRICINGS),
    amountMinor: amountMinorOf(body.amountMinor),
    currency: currencyOf(body.currency),
    screenshots: stringList(body, 'screenshots', MAX_SCREENSHOTS, screenshotUrl),
    permissions: stringList(body, 'permissions', MAX_LIST, keyCheck('permission key')),
    allowedPlans: stringList(body, 'allowedPlans', MAX_LIST, keyCheck('plan key')),
  };
}

/**
 * A change to an add-on: the fields given, merged over `current`. Kind and provision may change only while
 * the add-on is a draft (buyers bought what it provisioned); `status` moves through the lifecycle route.
 */
export function parseAddonPatch(raw: unknown, current: AddonDraft, isDraft: boolean): AddonDraft {
  const body = bodyOf(raw);
  if ('status' in body) refuse('status', 'Change the status through POST /addons/:id/status (publish, suspend, deprecate)');
  if (!isDraft && ('kind' in body || 'provision' in body)) {
    const sameKind = !('kind' in body) || body.kind === current.kind;
    const sameProvision = !('provision' in body) || JSON.stringify(provisionOf(current.kind, body.provision)) === JSON.stringify(current.provision);
    if (!sameKind || !sameProvision) throw new ProblemError(409, 'provision_locked', 'What an add-on provisions can change only while it is a draft; create a new add-on instead', { field: sameKind ? 'provision' : 'kind' });
  }
  const merged: Record<string, unknown> = { ...current, ...body };
  if ('kind' in body && !('provision' in body) && body.kind !== current.kind) refuse('provision', '"provision" is required when the kind changes');
  return parseAddonDraft(merged);
}
