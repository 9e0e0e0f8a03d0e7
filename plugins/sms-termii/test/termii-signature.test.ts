import { describe, expect, it } from 'vitest';
import { isValidTermiiSignature, termiiSignature } from '../src/termii-signature.ts';

// RFC 4231 test case 2: HMAC-SHA512 with key "Jefe" over "what do ya want for nothing?".
const RFC4231_KEY = 'Jefe';
const RFC4231_DATA = Buffer.from('what do ya want for nothing?');
const RFC4231_SHA512 = '164b7a7bfcf819e2e395fbe73b56e0a387bd64222e831fd610270cd7ea2505549758bf75c05a994a6d034f65f8f0e6fdcaeab1a34d4a6b4b636e070a38bce737';

describe('X-Termii-Signature', () => {
  it('is the hex HMAC-SHA512 of the raw body (RFC 4231 vector)', () => {
    expect(termiiSignature(RFC4231_KEY, RFC4231_DATA)).toBe(RFC4231_SHA512);
    expect(isValidTermiiSignature(RFC4231_KEY, RFC4231_SHA512, RFC4231_DATA)).toBe(true);
    expect(isValidTermiiSignature(RFC4231_KEY, RFC4231_SHA512.toUpperCase(), RFC4231_DATA)).toBe(true);
  });

  it('refuses another key, another body, a truncated or non-hex signature', () => {
    expect(isValidTermiiSignature('Jeff', RFC4231_SHA512, RFC4231_DATA)).toBe(false);
    expect(isValidTermiiSignature(RFC4231_KEY, RFC4231_SHA512, Buffer.from('what do ya want for nothing? '))).toBe(false);
    expect(isValidTermiiSignature(RFC4231_KEY, RFC4231_SHA512.slice(0, 64), RFC4231_DATA)).toBe(false);
    expect(isValidTermiiSignature(RFC4231_KEY, 'z'.repeat(128), RFC4231_DATA)).toBe(false);
  });
});
