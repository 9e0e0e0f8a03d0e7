/**
 * Money: integer minor units of an ISO-4217 currency. No floats: amounts are safe integers, arithmetic on them is
 * integer arithmetic, and a division states its rounding rule.
 *
 * Rounding rule (used everywhere a share of an amount is computed: proration, tax, percentage discounts):
 * round half away from zero, on the exact rational value (no intermediate float), via {@link divideRounded}.
 */

/** Minor-unit exponents of the ISO-4217 currencies we accept (2 unless listed in the table). */
const EXPONENTS: Record<string, number> = {
  BHD: 3, BIF: 0, CLF: 4, CLP: 0, DJF: 0, GNF: 0, IQD: 3, ISK: 0, JOD: 3, JPY: 0, KMF: 0, KRW: 0, KWD: 3, LYD: 3,
  OMR: 3, PYG: 0, RWF: 0, TND: 3, UGX: 0, UYI: 0, UYW: 4, VND: 0, VUV: 0, XAF: 0, XOF: 0, XPF: 0,
};

const TWO_DECIMALS = [
  'AED', 'AFN', 'ALL', 'AMD', 'ANG', 'AOA', 'ARS', 'AUD', 'AWG', 'AZN', 'BAM', 'BBD', 'BDT', 'BGN', 'BMD', 'BND', 'BOB', 'BRL',
  'BSD', 'BTN', 'BWP', 'BYN', 'BZD', 'CAD', 'CDF', 'CHF', 'CNY', 'COP', 'CRC', 'CUP', 'CVE', 'CZK', 'DKK', 'DOP', 'DZD',
  'EGP', 'ERN', 'ETB', 'EUR', 'FJD', 'FKP', 'GBP', 'GEL', 'GHS', 'GIP', 'GMD', 'GTQ', 'GYD', 'HKD', 'HNL', 'HTG', 'HUF',
  'IDR', 'ILS', 'INR', 'IRR', 'JMD', 'KES', 'KGS', 'KHR', 'KPW', 'KYD', 'KZT', 'LAK', 'LBP', 'LKR', 'LRD', 'LSL', 'MAD',
  'MDL', 'MGA', 'MKD', 'MMK', 'MNT', 'MOP', 'MRU', 'MUR', 'MVR', 'MWK', 'MXN', 'MYR', 'MZN', 'NAD', 'NGN', 'NIO', 'NOK',
  'NPR', 'NZD', 'PAB', 'PEN', 'PGK', 'PHP', 'PKR', 'PLN', 'QAR', 'RON', 'RSD', 'RUB', 'SAR', 'SBD', 'SCR', 'SDG', 'SEK',
  'SGD', 'SHP', 'SLE', 'SOS', 'SRD', 'SSP', 'STN', 'SVC', 'SYP', 'SZL', 'THB', 'TJS', 'TMT', 'TOP', 'TRY', 'TTD', 'TWD',
  'TZS', 'UAH', 'USD', 'UYU', 'UZS', 'VES', 'WST', 'XCD', 'YER', 'ZAR', 'ZMW', 'ZWL',
];
for (const code of TWO_DECIMALS) EXPONENTS[code] ??= 2;

/** ISO-4217 codes this platform accepts, sorted. */
export const CURRENCY_CODES: readonly string[] = Object.keys(EXPONENTS).sort();

export function isCurrencyCode(code: unknown): code is string {
  return typeof code === 'string' && Object.hasOwn(EXPONENTS, code);
}

/** Digits after the decimal point (USD 2, JPY 0, KWD 3). Throws for an unknown code. */
export function currencyExponent(code: string): number {
  if (!isCurrencyCode(code)) throw new RangeError(`unknown currency ${code}`);
  return EXPONENTS[code]!;
}

/** An amount of money: integer minor units and its currency. */
export interface Money {
  amountMinor: number;
  currency: string;
}

/** Whether `value` is a safe integer (minor units may be negative for credits). */
export function isMinorUnits(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value);
}

/**
 * `numerator / denominator`, rounded half away from zero, exactly (BigInt; no float on the way). Both integers;
 * `denominator` positive.
 */
export function divideRounded(numerator: number | bigint, denominator: number | bigint): number {
  const n = BigInt(numerator);
  const d = BigInt(denominator);
  if (d <= 0n) throw new RangeError('denominator must be positive');
  const negative = n < 0n;
  const abs = negative ? -n : n;
  let q = abs / d;
  if ((abs % d) * 2n >= d) q += 1n;
  const result = negative ? -q : q;
  if (result > BigInt(Number.MAX_SAFE_INTEGER) || result < BigInt(Number.MIN_SAFE_INTEGER)) throw new RangeError('amount out of range');
  return Number(result);
}

/** `amountMinor × numerator / denominator`, rounded by the rule above (e.g. a prorated share: days used / days in period). */
export function shareOf(amountMinor: number, numerator: number, denominator: number): number {
  return divideRounded(BigInt(amountMinor) * BigInt(numerator), denominator);
}

/**
 * Tax on an amount, the rate in basis points (20 % = 2000). Exclusive: added on top of `amountMinor`. Inclusive: the
 * part of `amountMinor` that is tax (`amount × rate / (10000 + rate)`).
 */
export function taxOf(amountMinor: number, rateBasisPoints: number, mode: 'exclusive' | 'inclusive'): number {
  if (!Number.isSafeInteger(rateBasisPoints) || rateBasisPoints < 0) throw new RangeError('tax rate must be a non-negative integer of basis points');
  return mode === 'exclusive'
    ? divideRounded(BigInt(amountMinor) * BigInt(rateBasisPoints), 10_000)
    : divideRounded(BigInt(amountMinor) * BigInt(rateBasisPoints), 10_000 + rateBasisPoints);
}

/** `12345, 'USD'` → `123.45`; `500, 'JPY'` → `500`. For display and PDFs; the number is never parsed back. */
export function formatMinorUnits(amountMinor: number, currency: string): string {
  const exponent = currencyExponent(currency);
  const negative = amountMinor < 0;
  const digits = String(Math.abs(amountMinor)).padStart(exponent + 1, '0');
  const whole = exponent === 0 ? digits : digits.slice(0, -exponent);
  const fraction = exponent === 0 ? '' : `.${digits.slice(-exponent)}`;
  return `${negative ? '-' : ''}${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}${fraction}`;
}

/** `formatMinorUnits` with the code: `USD 123.45`. */
export function formatMoney(money: Money): string {
  return `${money.currency} ${formatMinorUnits(money.amountMinor, money.currency)}`;
}
