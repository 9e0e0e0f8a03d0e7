import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  CURRENCY_CODES,
  currencyExponent,
  divideRounded,
  formatMinorUnits,
  formatMoney,
  isCurrencyCode,
  isMinorUnits,
  shareOf,
  taxOf,
} from '../src/money.ts';

describe('divideRounded: round half away from zero, exactly', () => {
  it('rounds halves away from zero on both signs', () => {
    expect(divideRounded(5, 2)).toBe(3); // 2.5 → 3
    expect(divideRounded(-5, 2)).toBe(-3); // -2.5 → -3
    expect(divideRounded(15, 10)).toBe(2); // 1.5 → 2
    expect(divideRounded(25, 10)).toBe(3); // 2.5 → 3 (not banker's 2)
    expect(divideRounded(-25, 10)).toBe(-3);
  });

  it('rounds below half towards zero and above half away from it', () => {
    expect(divideRounded(14, 10)).toBe(1);
    expect(divideRounded(16, 10)).toBe(2);
    expect(divideRounded(-14, 10)).toBe(-1);
    expect(divideRounded(-16, 10)).toBe(-2);
    expect(divideRounded(1, 3)).toBe(0);
    expect(divideRounded(2, 3)).toBe(1);
    expect(divideRounded(0, 7)).toBe(0);
  });

  it('is exact where floats are not (1.005 × 100 is 100.49999... in binary)', () => {
    // 100.5 exactly as a rational: 201 / 2
    expect(divideRounded(201, 2)).toBe(101);
    // a product beyond 2^53 stays exact through BigInt
    expect(divideRounded(BigInt(Number.MAX_SAFE_INTEGER) * 3n, 3)).toBe(Number.MAX_SAFE_INTEGER);
  });

  it('refuses a zero or negative denominator and results beyond safe integers', () => {
    expect(() => divideRounded(1, 0)).toThrow(RangeError);
    expect(() => divideRounded(1, -2)).toThrow(RangeError);
    expect(() => divideRounded(BigInt(Number.MAX_SAFE_INTEGER) * 2n, 1)).toThrow(/out of range/);
  });

  it('is symmetric: f(-n, d) = -f(n, d)', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1_000_000_000, max: 1_000_000_000 }), fc.integer({ min: 1, max: 1_000_000 }), (n, d) => {
        expect(divideRounded(-n, d)).toBe(-divideRounded(n, d) || 0);
      }),
    );
  });

  it('is within half a unit of the exact quotient, and at exactly half it moves away from zero', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1_000_000_000, max: 1_000_000_000 }), fc.integer({ min: 1, max: 1_000_000 }), (n, d) => {
        const q = BigInt(divideRounded(n, d));
        const twiceError = 2n * (q * BigInt(d) - BigInt(n)); // 2·(q − n/d)·d
        expect(twiceError <= BigInt(d) && twiceError >= -BigInt(d)).toBe(true);
        if (twiceError === BigInt(d) || twiceError === -BigInt(d)) expect(Math.abs(Number(q)) * d).toBeGreaterThan(Math.abs(n));
      }),
    );
  });
});

describe('shareOf (proration, percentages)', () => {
  it('computes amount × part / whole with the same rule', () => {
    expect(shareOf(1000, 15, 30)).toBe(500);
    expect(shareOf(999, 1, 2)).toBe(500); // 499.5 → 500
    expect(shareOf(-999, 1, 2)).toBe(-500);
    expect(shareOf(2900, 10, 31)).toBe(935); // 935.48...
    expect(shareOf(0, 3, 7)).toBe(0);
  });

  it('a share of the whole is the whole amount; complementary shares sum within one unit', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100_000_000 }), fc.integer({ min: 1, max: 366 }), fc.integer({ min: 0, max: 366 }), (amount, whole, rawPart) => {
        const part = rawPart % (whole + 1);
        expect(shareOf(amount, whole, whole)).toBe(amount);
        const sum = shareOf(amount, part, whole) + shareOf(amount, whole - part, whole);
        expect(Math.abs(sum - amount)).toBeLessThanOrEqual(1);
      }),
    );
  });
});

describe('taxOf', () => {
  it('exclusive: the rate applied on top', () => {
    expect(taxOf(10_000, 2000, 'exclusive')).toBe(2000); // 20 % of 100.00
    expect(taxOf(1234, 1900, 'exclusive')).toBe(234); // 234.46 → 234
    expect(taxOf(1250, 1000, 'exclusive')).toBe(125);
    expect(taxOf(5, 1000, 'exclusive')).toBe(1); // 0.5 → 1
    expect(taxOf(-5, 1000, 'exclusive')).toBe(-1); // a credit's tax is the negative of the charge's
    expect(taxOf(10_000, 0, 'exclusive')).toBe(0);
  });

  it('inclusive: the part of the gross amount that is tax', () => {
    expect(taxOf(12_000, 2000, 'inclusive')).toBe(2000); // 120.00 gross at 20 % holds 20.00
    expect(taxOf(11_900, 1900, 'inclusive')).toBe(1900);
    expect(taxOf(1000, 2000, 'inclusive')).toBe(167); // 166.67
    expect(taxOf(-1000, 2000, 'inclusive')).toBe(-167);
  });

  it('inclusive tax plus the net it implies gives back the gross; exclusive net plus tax is the gross', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000_000 }), fc.integer({ min: 0, max: 10_000 }), (gross, rate) => {
        const inclusive = taxOf(gross, rate, 'inclusive');
        expect(inclusive).toBeGreaterThanOrEqual(0);
        expect(inclusive).toBeLessThanOrEqual(gross);
        const net = gross - inclusive;
        // the tax on that net, exclusive, is the same tax within one minor unit
        expect(Math.abs(taxOf(net, rate, 'exclusive') - inclusive)).toBeLessThanOrEqual(1);
      }),
    );
  });

  it('refuses a negative or fractional rate', () => {
    expect(() => taxOf(100, -1, 'exclusive')).toThrow(RangeError);
    expect(() => taxOf(100, 12.5, 'inclusive')).toThrow(RangeError);
  });
});

describe('currencies and exponents', () => {
  it('knows ISO-4217 codes and their minor-unit exponents', () => {
    expect(isCurrencyCode('USD')).toBe(true);
    expect(isCurrencyCode('usd')).toBe(false);
    expect(isCurrencyCode('XXX')).toBe(false);
    expect(isCurrencyCode('toString')).toBe(false);
    expect(isCurrencyCode(840)).toBe(false);
    expect(currencyExponent('USD')).toBe(2);
    expect(currencyExponent('EUR')).toBe(2);
    expect(currencyExponent('NGN')).toBe(2);
    expect(currencyExponent('JPY')).toBe(0);
    expect(currencyExponent('KWD')).toBe(3);
    expect(currencyExponent('CLF')).toBe(4);
    expect(() => currencyExponent('ABC')).toThrow(RangeError);
    expect(CURRENCY_CODES).toContain('GBP');
    expect([...CURRENCY_CODES].sort()).toEqual(CURRENCY_CODES);
  });

  it('minor units are safe integers', () => {
    expect(isMinorUnits(0)).toBe(true);
    expect(isMinorUnits(-5)).toBe(true);
    expect(isMinorUnits(1.5)).toBe(false);
    expect(isMinorUnits('100')).toBe(false);
    expect(isMinorUnits(Number.MAX_SAFE_INTEGER + 1)).toBe(false);
    expect(isMinorUnits(Number.NaN)).toBe(false);
  });
});

describe('formatting', () => {
  it('places the decimal point by the exponent and groups thousands', () => {
    expect(formatMinorUnits(12345, 'USD')).toBe('123.45');
    expect(formatMinorUnits(5, 'USD')).toBe('0.05');
    expect(formatMinorUnits(0, 'USD')).toBe('0.00');
    expect(formatMinorUnits(-150, 'EUR')).toBe('-1.50');
    expect(formatMinorUnits(123456789, 'USD')).toBe('1,234,567.89');
    expect(formatMinorUnits(500, 'JPY')).toBe('500');
    expect(formatMinorUnits(1234567, 'JPY')).toBe('1,234,567');
    expect(formatMinorUnits(1, 'KWD')).toBe('0.001');
    expect(formatMinorUnits(12345, 'KWD')).toBe('12.345');
    expect(formatMoney({ amountMinor: 9900, currency: 'GBP' })).toBe('GBP 99.00');
  });
});
