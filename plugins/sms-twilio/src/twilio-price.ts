import type { ProviderCost } from '@platform/sdk/messaging';

const DECIMAL = /^[+-]?(\d+)(?:\.(\d+))?$/;

/** Minor-unit digits of an ISO-4217 currency (USD 2, JPY 0, BHD 3); null for an unknown code. */
export function currencyExponent(currency: string): number | null {
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? null;
  } catch {
    return null;
  }
}

/** Millionths of a major unit: the finest amount a cost keeps (`ProviderCost.amountMicros`). */
const MICRO_DIGITS = 6;

/** The integer `whole.fraction` scaled to `digits` fraction digits, rounded up when a non-zero digit is dropped. */
function scaled(whole: string, fraction: string, digits: number): number {
  const kept = fraction.slice(0, digits).padEnd(digits, '0');
  const dropped = fraction.slice(digits);
  return Number(whole + kept) + (/[1-9]/.test(dropped) ? 1 : 0);
}

/**
 * Twilio's `price` (a decimal string, negative for a charge, e.g. `"-0.00750"`, or null until Twilio knows it)
 * and `price_unit` (`"USD"`) as a cost: `amountMicros` the exact price in millionths of the major unit (7,500),
 * `amountMinor` rounded up to a minor unit (0.0075 USD is 1 cent), so a cost is never under-stated. Computed on
 * the decimal digits, never through a float. Null when there is no price or it is not a decimal.
 */
export function twilioPriceToCost(price: string | null | undefined, priceUnit: string | null | undefined): ProviderCost | null {
  if (price == null || !priceUnit) return null;
  const m = DECIMAL.exec(price.trim());
  const currency = priceUnit.toUpperCase();
  const exponent = currencyExponent(currency);
  if (!m || exponent === null) return null;
  const whole = m[1]!;
  const fraction = m[2] ?? '';
  const amountMinor = scaled(whole, fraction, exponent);
  const amountMicros = scaled(whole, fraction, MICRO_DIGITS);
  if (!Number.isSafeInteger(amountMinor)) return null;
  return Number.isSafeInteger(amountMicros) ? { amountMinor, currency, amountMicros } : { amountMinor, currency };
}
