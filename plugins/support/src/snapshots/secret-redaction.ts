import { CENSOR, redactSecretsInText } from '@platform/sdk';

/** Key names whose values are secrets, compared without `-`/`_` and case: `api_key`, `X-Api-Key`, `clientSecret`... */
const SECRET_KEY_PARTS = ['password', 'passwd', 'secret', 'token', 'authorization', 'apikey', 'cookie', 'privatekey', 'credential', 'signature', 'sessionid', 'cvv', 'cvc', 'cardnumber'];

/** Values that are credentials whatever their key: provider keys, JWTs, bearer headers, PEM private keys, AWS key ids. */
const KEY_LIKE_VALUES: readonly RegExp[] = [
  /\b(?:sk|pk|rk)_(?:live|test)_[A-Za-z0-9]{6,}/g,
  /\bwhsec_[A-Za-z0-9+/=]{6,}/g,
  /\bxox[abprs]-[A-Za-z0-9-]{8,}/g,
  /\bgh[pousr]_[A-Za-z0-9]{16,}/g,
  /\bAKIA[0-9A-Z]{16}\b/g,
  /\beyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}/g,
  /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?(?:-----END [A-Z ]*PRIVATE KEY-----|$)/g,
  /\bkey-[A-Za-z0-9-]{10,}/g,
];

/** A long token mixing upper case, lower case and digits (an API key, not a uuid or a hex hash). */
const HIGH_ENTROPY = /[A-Za-z0-9+/_=-]{32,}/g;
const looksRandom = (s: string) => /[a-z]/.test(s) && /[A-Z]/.test(s) && /[0-9]/.test(s);

export function isSecretKey(key: string): boolean {
  const k = key.replace(/[-_\s]/g, '').toLowerCase();
  return SECRET_KEY_PARTS.some((part) => k.includes(part));
}

/** The text with every key-like value replaced by `[redacted]`, and how many were. */
export function redactText(text: string): { text: string; count: number } {
  let count = 0;
  let out = redactSecretsInText(text);
  if (out !== text) count += Math.max(1, out.split(CENSOR).length - text.split(CENSOR).length);
  for (const pattern of KEY_LIKE_VALUES)
    out = out.replace(pattern, () => {
      count++;
      return CENSOR;
    });
  out = out.replace(HIGH_ENTROPY, (m) => {
    if (!looksRandom(m)) return m;
    count++;
    return CENSOR;
  });
  return { text: out, count };
}

/**
 * A deep copy of `value` with secrets removed: the value of any secret-named key, and any string that looks like
 * a credential, become `[redacted]`. Returns the copy and the number of values replaced.
 */
export function redactSecrets<T>(value: T): { value: T; count: number } {
  let count = 0;
  const walk = (v: unknown, depth: number): unknown => {
    if (depth > 20) return '[too deep]';
    if (typeof v === 'string') {
      const r = redactText(v);
      count += r.count;
      return r.text;
    }
    if (Array.isArray(v)) return v.map((item) => walk(item, depth + 1));
    if (v && typeof v === 'object') {
      if (v instanceof Date) return v.toISOString();
      const out: Record<string, unknown> = {};
      for (const [key, inner] of Object.entries(v)) {
        if (isSecretKey(key) && inner !== null && inner !== undefined && inner !== '' && typeof inner !== 'boolean') {
          count++;
          out[key] = CENSOR;
        } else out[key] = walk(inner, depth + 1);
      }
      return out;
    }
    return v;
  };
  const copied = walk(value, 0) as T;
  return { value: copied, count };
}
