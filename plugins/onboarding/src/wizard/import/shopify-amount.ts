import { currencyExponent, isCurrencyCode } from '@platform/sdk/money';

/** Shopify's decimal amount string (`"123.45"`) in minor units of `currency`; null when it is not one. */
export function shopifyAmountToMinor(amount: unknown, currency: unknown): number | null {
  if (typeof amount !== 'string' || !/^\d{1,13}(\.\d{1,6})?$/.test(amount) || !isCurrencyCode(currency)) return null;
  const exponent = currencyExponent(currency);
  const [whole, fraction = ''] = amount.split('.');
  const kept = fraction.slice(0, exponent).padEnd(exponent, '0');
  const roundUp = fraction.length > exponent && Number(fraction[exponent]) >= 5;
  return Number(whole) * 10 ** exponent + Number(kept || '0') + (roundUp ? 1 : 0);
}
