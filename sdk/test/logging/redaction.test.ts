import { describe, expect, it } from 'vitest';
import { CENSOR, Redactor, redactSecretsInText } from '@platform/sdk';

describe('Redactor', () => {
  it('redacts secret keys at any depth, whatever their case or separators', () => {
    const r = new Redactor();
    const out = r.copyData({ user: { name: 'Ann', password: 'hunter2', API_KEY: 'k', 'set-cookie': 'sid=1' }, headers: [{ Authorization: 'Bearer abc' }], accessToken: 't' });
    expect(out).toEqual({ user: { name: 'Ann', password: CENSOR, API_KEY: CENSOR, 'set-cookie': CENSOR }, headers: [{ Authorization: CENSOR }], accessToken: CENSOR });
  });

  it('redacts configured PII paths, with * matching one key, and keys anywhere', () => {
    const r = new Redactor({ paths: ['customer.email', 'data.*.phone'], keys: ['iban'] });
    const out = r.copyData({ customer: { email: 'a@b.c', name: 'Ann' }, shipping: { phone: '+1 555', city: 'Oslo' }, billing: { phone: '+2', bank: { iban: 'DE00' } }, email: 'kept@top.level' });
    expect(out).toEqual({ customer: { email: CENSOR, name: 'Ann' }, shipping: { phone: CENSOR, city: 'Oslo' }, billing: { phone: CENSOR, bank: { iban: CENSOR } }, email: 'kept@top.level' });
  });

  it('extend() adds rules without losing the earlier ones', () => {
    const r = new Redactor({ keys: ['ssn'] }).extend({ paths: ['card.holder'] });
    expect(r.copyData({ ssn: '1', card: { holder: 'Ann', last4: '4242' }, password: 'x' })).toEqual({ ssn: CENSOR, card: { holder: CENSOR, last4: '4242' }, password: CENSOR });
  });

  it('copies into plain JSON: dates, errors, bigint, buffers, maps, sets, cycles; drops functions', () => {
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic.self = cyclic;
    const out = new Redactor().copyData({
      at: new Date('2025-01-31T12:00:00Z'), err: new TypeError('bad'), big: 10n, buf: Buffer.from('abc'), map: new Map([['k', 1]]), set: new Set([1, 2]), fn: () => 1, cyclic, nan: NaN, nothing: undefined,
    });
    expect(out).toEqual({ at: '2025-01-31T12:00:00.000Z', err: { type: 'TypeError', message: 'bad' }, big: '10', buf: '[binary 3 bytes]', map: { k: 1 }, set: [1, 2], cyclic: { a: 1, self: '[circular]' }, nan: 'NaN' });
  });

  it('caps depth, keys, array length and string length, and strips NUL', () => {
    const r = new Redactor({}, { maxDepth: 2, maxKeys: 2, maxArray: 2, maxString: 5 });
    expect(r.copyData({ a: { b: { c: 1 } } })).toEqual({ a: { b: '[too deep]' } });
    expect(r.copyData({ a: 1, b: 2, c: 3 })).toEqual({ a: 1, b: 2, '…': '1 more keys' });
    expect(r.copyData({ list: [1, 2, 3, 4] })).toEqual({ list: [1, 2, '…2 more'] });
    expect(r.copyData({ s: 'abcdefgh' })).toEqual({ s: 'abcde…[3 more chars]' });
    expect(new Redactor().copyData({ s: 'a\u0000b' })).toEqual({ s: 'a\uFFFDb' });
  });

  it('leaves out the skipped top-level keys', () => {
    expect(new Redactor().copyData({ err: 1, keep: 2 }, new Set(['err']))).toEqual({ keep: 2 });
  });
});

describe('redactSecretsInText', () => {
  it('hides bearer tokens, API keys and key=value credentials in free text', () => {
    expect(redactSecretsInText('call failed: Authorization: Bearer eyJhbGciOi.abc.def')).toBe(`call failed: Authorization: Bearer ${CENSOR}`);
    expect(redactSecretsInText('key pk_live_0123456789abcdef rejected')).toBe(`key pk_${CENSOR} rejected`);
    expect(redactSecretsInText('GET /cb?token=s3cr3t&x=1 password: "p w"')).toBe(`GET /cb?token=${CENSOR}&x=1 password: ${CENSOR}`);
    expect(redactSecretsInText('order 42 shipped to Oslo')).toBe('order 42 shipped to Oslo');
  });
});
