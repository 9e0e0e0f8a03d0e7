import { parseDateParam, ProblemError } from '@platform/sdk';

/** The largest amount one movement may carry (PostgreSQL integer range, far above any real order). */
export const MAX_CREDIT_AMOUNT = 1_000_000_000;
const MAX_REASON = 500;

function refuse(field: string, detail: string): never {
  throw new ProblemError(400, 'validation_failed', detail, { field });
}

/** A whole number of credits > 0 (a JSON number; "5", 1.5, -3 and 0 are refused naming the field). */
export function creditAmount(value: unknown, field = 'amount'): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) refuse(field, `"${field}" must be a whole number of credits`);
  if (!Number.isInteger(value)) refuse(field, `"${field}" must be a whole number of credits, not ${value}`);
  if (value <= 0) refuse(field, `"${field}" must be greater than 0, not ${value}`);
  if (value > MAX_CREDIT_AMOUNT) refuse(field, `"${field}" must be at most ${MAX_CREDIT_AMOUNT}`);
  return value;
}

/** A reason a person wrote (1 to 500 characters after trimming). */
export function creditReason(value: unknown, field = 'reason'): string {
  if (value === undefined || value === null) refuse(field, `"${field}" is required`);
  if (typeof value !== 'string') refuse(field, `"${field}" must be text`);
  const text = value.trim();
  if (!text) refuse(field, `"${field}" is required`);
  if (text.length > MAX_REASON || text.includes('\u0000')) refuse(field, `"${field}" must be at most ${MAX_REASON} characters of text`);
  return text;
}

/** An optional expiry date of credits coming in, which must lie in the future. */
export function creditExpiry(value: unknown, now: number, field = 'expiresAt'): Date | null {
  const at = parseDateParam(field, value);
  if (!at) return null;
  if (at.getTime() <= now) refuse(field, `"${field}" must lie in the future`);
  return at;
}

/** A low-balance threshold: a whole number of credits >= 0, or null for the plugin default. */
export function lowBalanceThreshold(value: unknown, field = 'threshold'): number | null {
  if (value === null) return null;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > MAX_CREDIT_AMOUNT)
    refuse(field, `"${field}" must be a whole number of credits from 0 to ${MAX_CREDIT_AMOUNT}, or null for the default`);
  return value;
}

/** A client's idempotency key for a purchase (1 to 200 characters), or undefined. */
export function purchaseKey(value: unknown, field = 'idempotencyKey'): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string' || value.length < 1 || value.length > 200 || value.includes('\u0000')) refuse(field, `"${field}" must be 1 to 200 characters`);
  return value;
}
