import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { checkStripeSignature, stripeSignature, stripeSignatureHeader } from '../src/stripe-signature.ts';

const SECRET = 'whsec_test_secret';
const BODY = Buffer.from('{"id":"evt_1","object":"event"}');
const NOW = 1796659200;

describe('Stripe-Signature', () => {
  it('is the hex HMAC-SHA256 of `${t}.${rawBody}` with the endpoint secret', () => {
    const expected = createHmac('sha256', SECRET).update(`${NOW}.{"id":"evt_1","object":"event"}`).digest('hex');
    expect(stripeSignature(SECRET, NOW, BODY)).toBe(expected);
    expect(stripeSignatureHeader(SECRET, BODY, NOW)).toBe(`t=${NOW},v1=${expected}`);
    expect(checkStripeSignature(SECRET, `t=${NOW},v1=${expected}`, BODY, NOW)).toEqual({ ok: true, timestamp: NOW });
  });

  it('accepts any of several v1 signatures (a secret being rolled) and ignores v0 and unknown schemes', () => {
    const good = stripeSignature(SECRET, NOW, BODY);
    const other = stripeSignature('whsec_old_secret', NOW, BODY);
    expect(checkStripeSignature(SECRET, `t=${NOW},v1=${other},v1=${good},v0=abc,v9=x`, BODY, NOW).ok).toBe(true);
    expect(checkStripeSignature(SECRET, ` t=${NOW} , v1=${good} `, BODY, NOW).ok).toBe(true);
    expect(checkStripeSignature(SECRET, `t=${NOW},v0=${good}`, BODY, NOW)).toEqual({ ok: false, reason: 'The Stripe-Signature header has no v1 signature' });
  });

  it('refuses a missing header, a missing or non-numeric timestamp, and signatures of another body or secret', () => {
    const good = stripeSignature(SECRET, NOW, BODY);
    expect(checkStripeSignature(SECRET, undefined, BODY, NOW)).toEqual({ ok: false, reason: 'The Stripe-Signature header is missing' });
    expect(checkStripeSignature(SECRET, `v1=${good}`, BODY, NOW)).toEqual({ ok: false, reason: 'The Stripe-Signature header has no timestamp' });
    expect(checkStripeSignature(SECRET, `t=12ab,v1=${good}`, BODY, NOW).ok).toBe(false);
    expect(checkStripeSignature(SECRET, `t=${NOW},v1=${good}`, Buffer.from('{"id":"evt_2","object":"event"}'), NOW).ok).toBe(false);
    expect(checkStripeSignature('whsec_other', `t=${NOW},v1=${good}`, BODY, NOW).ok).toBe(false);
    expect(checkStripeSignature(SECRET, `t=${NOW},v1=${good.slice(0, -2)}`, BODY, NOW).ok).toBe(false);
    // The timestamp is signed: moving it breaks the signature.
    expect(checkStripeSignature(SECRET, `t=${NOW + 1},v1=${good}`, BODY, NOW).ok).toBe(false);
  });

  it('refuses a timestamp more than 300 s from now, in either direction', () => {
    const at = (t: number) => `t=${t},v1=${stripeSignature(SECRET, t, BODY)}`;
    expect(checkStripeSignature(SECRET, at(NOW - 300), BODY, NOW).ok).toBe(true);
    expect(checkStripeSignature(SECRET, at(NOW + 300), BODY, NOW).ok).toBe(true);
    expect(checkStripeSignature(SECRET, at(NOW - 301), BODY, NOW)).toEqual({ ok: false, reason: 'The Stripe-Signature timestamp is more than 300 s from now' });
    expect(checkStripeSignature(SECRET, at(NOW + 301), BODY, NOW).ok).toBe(false);
    expect(checkStripeSignature(SECRET, at(NOW - 3600), BODY, NOW, 7200).ok).toBe(true);
  });
});
