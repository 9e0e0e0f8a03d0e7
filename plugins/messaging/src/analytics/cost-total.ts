import { currencyExponent, isCurrencyCode } from '@platform/sdk/money';

/** A cost total of one currency, as the analytics show it. */
export interface CostTotal {
  currency: string;
  /** The total rounded up to a minor unit, once (not a sum of rounded-up message costs). */
  amountMinor: number;
  /** The exact total in millionths of the major unit, when the currency's minor unit is not finer than that. */
  amountMicros?: number;
}

/**
 * Totals the costs of messages of one currency: those recorded with micros (a provider's sub-minor-unit price)
 * are summed exactly and rounded up to a minor unit once; those recorded in minor units only are added as they
 * are. So 1,000 SMS at 0.0075 USD total 7.50 USD, not the 10.00 USD of 1,000 rounded-up cents. Integer
 * arithmetic on BigInt: no float.
 */
export function costTotal(currency: string, micros: bigint, minorWithoutMicros: bigint): CostTotal {
  const exponent = isCurrencyCode(currency) ? currencyExponent(currency) : null;
  if (exponent === null || exponent > 6) return { currency, amountMinor: Number(minorWithoutMicros) };
  const perMinor = 10n ** BigInt(6 - exponent);
  const totalMicros = micros + minorWithoutMicros * perMinor;
  return { currency, amountMinor: Number((totalMicros + perMinor - 1n) / perMinor), amountMicros: Number(totalMicros) };
}
