import { ProblemError, Type } from '@platform/sdk';
import { isCurrencyCode } from '@platform/sdk/money';

/** Integer minor units (may be negative for credits); a fraction or a value beyond 2^53 is a 400 naming the field. */
export const MinorUnits = Type.Integer({ minimum: -Number.MAX_SAFE_INTEGER, maximum: Number.MAX_SAFE_INTEGER });
/** Integer minor units >= 0. */
export const NonNegativeMinorUnits = Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER });
/** Three capital letters; {@link requireCurrency} then checks it is an ISO-4217 code we know. */
export const CurrencyCode = Type.String({ pattern: '^[A-Z]{3}$' });
export const CountryCode = Type.String({ pattern: '^[A-Z]{2}$' });

/** 400 naming `field` unless `value` is an ISO-4217 code. */
export function requireCurrency(value: unknown, field = 'currency'): string {
  if (!isCurrencyCode(value)) throw new ProblemError(400, 'validation_failed', `${field} must be an ISO-4217 currency code, got ${JSON.stringify(value)}`, { field });
  return value;
}

/** 400 naming `field` unless `value` is a safe integer of minor units (>= `min` when given). */
export function requireMinorUnits(value: unknown, field: string, min?: number): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) throw new ProblemError(400, 'validation_failed', `${field} must be an integer number of minor units`, { field });
  if (min !== undefined && value < min) throw new ProblemError(400, 'validation_failed', `${field} must be at least ${min}`, { field });
  return value;
}

/** 400 naming `field` unless `value` is a non-empty string of at most `max` characters without NUL. */
export function requireText(value: unknown, field: string, max: number): string {
  if (typeof value !== 'string' || !value.trim() || value.length > max || value.includes('\u0000'))
    throw new ProblemError(400, 'validation_failed', `${field} must be a non-empty text of at most ${max} characters`, { field });
  return value;
}

/** Integer minor units > 0 (a payment, a refund). */
export const PositiveMinorUnits = Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER });
