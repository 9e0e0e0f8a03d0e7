import { describe, expect, it } from 'vitest';
import { currencyExponent, twilioPriceToCost } from '../src/twilio-price.ts';

describe('Twilio price to cost', () => {
  it('reads the negative decimal string in integer minor units of price_unit', () => {
    expect(twilioPriceToCost('-0.04000', 'USD')).toEqual({ amountMinor: 4, currency: 'USD', amountMicros: 40_000 });
    expect(twilioPriceToCost('-1.20', 'eur')).toEqual({ amountMinor: 120, currency: 'EUR', amountMicros: 1_200_000 });
    expect(twilioPriceToCost('-7', 'JPY')).toEqual({ amountMinor: 7, currency: 'JPY', amountMicros: 7_000_000 });
    expect(twilioPriceToCost('-0.125', 'BHD')).toEqual({ amountMinor: 125, currency: 'BHD', amountMicros: 125_000 });
  });

  it('keeps the exact price in micros and rounds a fraction of a minor unit up, never down to a free message', () => {
    expect(twilioPriceToCost('-0.00750', 'USD')).toEqual({ amountMinor: 1, currency: 'USD', amountMicros: 7_500 });
    expect(twilioPriceToCost('-0.0100', 'USD')).toEqual({ amountMinor: 1, currency: 'USD', amountMicros: 10_000 });
    expect(twilioPriceToCost('-0.01001', 'USD')).toEqual({ amountMinor: 2, currency: 'USD', amountMicros: 10_010 });
    expect(twilioPriceToCost('0.00', 'USD')).toEqual({ amountMinor: 0, currency: 'USD', amountMicros: 0 });
    // Finer than a micro: the micros round up too.
    expect(twilioPriceToCost('-0.0000001', 'USD')).toEqual({ amountMinor: 1, currency: 'USD', amountMicros: 1 });
  });

  it('is null while Twilio has no price, and for what is not a decimal or a currency', () => {
    expect(twilioPriceToCost(null, 'USD')).toBeNull();
    expect(twilioPriceToCost('-0.04', null)).toBeNull();
    expect(twilioPriceToCost('abc', 'USD')).toBeNull();
    expect(twilioPriceToCost('-1e3', 'USD')).toBeNull();
    expect(twilioPriceToCost('-0.04', 'DOLLARS')).toBeNull();
    expect(currencyExponent('KWD')).toBe(3);
  });
});
