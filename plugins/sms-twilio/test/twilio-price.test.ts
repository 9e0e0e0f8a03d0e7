import { describe, expect, it } from 'vitest';
import { currencyExponent, twilioPriceToCost } from '../src/twilio-price.ts';

describe('Twilio price to cost', () => {
  it('reads the negative decimal string in integer minor units of price_unit', () => {
    expect(twilioPriceToCost('-0.04000', 'USD')).toEqual({ amountMinor: 4, currency: 'USD' });
    expect(twilioPriceToCost('-1.20', 'eur')).toEqual({ amountMinor: 120, currency: 'EUR' });
    expect(twilioPriceToCost('-7', 'JPY')).toEqual({ amountMinor: 7, currency: 'JPY' });
    expect(twilioPriceToCost('-0.125', 'BHD')).toEqual({ amountMinor: 125, currency: 'BHD' });
  });

  it('rounds a fraction of a minor unit up, never down to a free message', () => {
    expect(twilioPriceToCost('-0.00750', 'USD')).toEqual({ amountMinor: 1, currency: 'USD' });
    expect(twilioPriceToCost('-0.0100', 'USD')).toEqual({ amountMinor: 1, currency: 'USD' });
    expect(twilioPriceToCost('-0.01001', 'USD')).toEqual({ amountMinor: 2, currency: 'USD' });
    expect(twilioPriceToCost('0.00', 'USD')).toEqual({ amountMinor: 0, currency: 'USD' });
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
