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

/**
 * Twilio's `price` (a decimal string, negative for a charge, e.g. `"-0.00750"`, or null until Twilio knows it)
 * and `price_unit` (`"USD"`) as a cost in integer minor units. SMS prices are often fractions of a cent, which
 * integer minor units cannot hold: they are rounded up (0.0075 USD is 1 cent), so a cost is never under-stated.
 * Computed on the decimal digits, never through a float. Null when there is no price or it is not a decimal.
 */
export function twilioPriceToCost(price: string | null | undefined, priceUnit: string | null | undefined): ProviderCost | null {
  if (price == null || !priceUnit) return null;
  const m = DECIMAL.exec(price.trim());
  const currency = priceUnit.toUpperCase();
  const exponent = currencyExponent(currency);
  if (!m || exponent === null) return null;
  const whole = m[1]!;
  const fraction = m[2] ?? '';
  const kept = fraction.slice(0, exponent).padEnd(exponent, '0');
  const dropped = fraction.slice(exponent);
  let amountMinor = Number(whole + kept);
  if (/[1-9]/.test(dropped)) amountMinor += 1;
  if (!Number.isSafeInteger(amountMinor)) return null;
  return { amountMinor, currency };
}
