import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { isValidTwilioSignature, signedUrlVariants, twilioSignature } from '../src/twilio-signature.ts';

// Twilio's documented example (https://www.twilio.com/docs/usage/security#validating-requests).
const DOC_TOKEN = '12345';
const DOC_URL = 'https://mycompany.com/myapp.php?foo=1&bar=2';
const DOC_PARAMS = { CallSid: 'CA1234567890ABCDE', Caller: '+12349013030', Digits: '1234', From: '+12349013030', To: '+18005551212' };
const DOC_SIGNATURE = '0/KCTR6DLpKmkAf8muzZqo1nDgQ=';

describe('X-Twilio-Signature', () => {
  it("matches Twilio's documented example", () => {
    expect(twilioSignature(DOC_TOKEN, DOC_URL, DOC_PARAMS)).toBe(DOC_SIGNATURE);
  });

  it('does not depend on the order the parameters arrived in (they are sorted by name)', () => {
    const shuffled = new URLSearchParams([['To', '+18005551212'], ['Digits', '1234'], ['From', '+12349013030'], ['Caller', '+12349013030'], ['CallSid', 'CA1234567890ABCDE']]);
    expect(isValidTwilioSignature(DOC_TOKEN, DOC_SIGNATURE, DOC_URL, shuffled)).toBe(true);
  });

  it('binds the URL, every parameter and the token', () => {
    const params = new URLSearchParams(DOC_PARAMS);
    expect(isValidTwilioSignature(DOC_TOKEN, DOC_SIGNATURE, 'https://mycompany.com/myapp.php?foo=1&bar=3', params)).toBe(false);
    expect(isValidTwilioSignature('54321', DOC_SIGNATURE, DOC_URL, params)).toBe(false);
    const extra = new URLSearchParams(DOC_PARAMS);
    extra.append('Extra', '');
    expect(isValidTwilioSignature(DOC_TOKEN, DOC_SIGNATURE, DOC_URL, extra)).toBe(false);
    const changed = new URLSearchParams({ ...DOC_PARAMS, Digits: '1235' });
    expect(isValidTwilioSignature(DOC_TOKEN, DOC_SIGNATURE, DOC_URL, changed)).toBe(false);
    expect(isValidTwilioSignature(DOC_TOKEN, DOC_SIGNATURE.slice(0, -2), DOC_URL, params)).toBe(false);
  });

  it('counts each value of a repeated parameter, values sorted', () => {
    const a = new URLSearchParams([['B', '2'], ['A', 'y'], ['A', 'x']]);
    expect(twilioSignature('t', 'https://h/p', a)).toBe(createHmac('sha1', 't').update('https://h/pAxAyB2').digest('base64'));
  });

  it('accepts the URL with or without the default port, as Twilio may sign either', () => {
    expect(signedUrlVariants('https://mycompany.com/myapp.php?foo=1')).toEqual(['https://mycompany.com/myapp.php?foo=1', 'https://mycompany.com:443/myapp.php?foo=1']);
    expect(signedUrlVariants('https://u:p@mycompany.com:443/x')).toEqual(['https://u:p@mycompany.com:443/x', 'https://u:p@mycompany.com/x']);
    const withPort = twilioSignature(DOC_TOKEN, 'https://mycompany.com:443/myapp.php?foo=1&bar=2', DOC_PARAMS);
    expect(isValidTwilioSignature(DOC_TOKEN, withPort, DOC_URL, new URLSearchParams(DOC_PARAMS))).toBe(true);
    expect(isValidTwilioSignature(DOC_TOKEN, DOC_SIGNATURE, 'https://mycompany.com:443/myapp.php?foo=1&bar=2', new URLSearchParams(DOC_PARAMS))).toBe(true);
  });
});
