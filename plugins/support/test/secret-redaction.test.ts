import { describe, expect, it } from 'vitest';
import { isSecretKey, redactSecrets, redactText } from '../src/snapshots/secret-redaction.ts';

describe('snapshot secret redaction', () => {
  it('redacts values of secret-named keys at any depth, whatever the spelling', () => {
    const { value, count } = redactSecrets({ password: 'p', nested: { API_KEY: 'k', 'x-auth-token': 't', Authorization: 'Bearer abc', list: [{ client_secret: 's' }] }, keep: 'visible', enabled: true });
    expect(value).toEqual({ password: '[redacted]', nested: { API_KEY: '[redacted]', 'x-auth-token': '[redacted]', Authorization: '[redacted]', list: [{ client_secret: '[redacted]' }] }, keep: 'visible', enabled: true });
    expect(count).toBe(5);
    expect(['tokenCount', 'passwordless'].map(isSecretKey)).toEqual([true, true]);
    expect(['region', 'requestId', 'fingerprint'].map(isSecretKey)).toEqual([false, false, false]);
  });

  it('redacts values that look like keys, and leaves ids, hashes and prose alone', () => {
    for (const secret of ['sk_live_4eC39HqLyjWDarjtT1zdp7dc', 'whsec_abcdefgh12', 'xoxb-1234-5678-abcdefgh', 'ghp_abcdefghijklmnopqrstuv', 'AKIAIOSFODNN7EXAMPLE', 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.sig_nature1', 'Zx9Qm2Lr7Tp4Wv8Ks3Nd6Hb1Jf5Gc0YaEu', 'key-live-0123456789']) {
      const r = redactText(`failed with ${secret} today`);
      expect(r.text, secret).toBe('failed with [redacted] today');
      expect(r.count).toBe(1);
    }
    expect(redactText('Bearer abcdef123456').text).not.toContain('abcdef123456');
    expect(redactText('password=hunter2 ok').text).toBe('password=[redacted] ok');
    for (const safe of ['7d3f6c1e-4b8a-4c2d-9e1f-0a2b3c4d5e6f', 'a3f5c9e1d2b4a6c8e0f1a3b5c7d9e1f3a5c7e9b1', 'The export failed after 30 seconds']) expect(redactText(safe)).toEqual({ text: safe, count: 0 });
  });
});
