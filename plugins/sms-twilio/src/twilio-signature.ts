import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * `X-Twilio-Signature` as Twilio computes it for a form-encoded webhook
 * (https://www.twilio.com/docs/usage/security#validating-requests): take the full URL Twilio requested
 * (scheme, host, path and query), append each POST parameter's name followed by its value, the parameters
 * sorted by name (case-sensitive, byte order; a repeated name contributes each of its values, sorted), then
 * base64(HMAC-SHA1(authToken, that string)).
 */
export function twilioSignature(authToken: string, url: string, params: URLSearchParams | Record<string, string>): string {
  const pairs = params instanceof URLSearchParams ? [...params] : Object.entries(params);
  pairs.sort(([ka, va], [kb, vb]) => compareBytes(ka, kb) || compareBytes(va, vb));
  const data = pairs.reduce((acc, [k, v]) => acc + k + v, url);
  return createHmac('sha1', authToken).update(data, 'utf8').digest('base64');
}

function compareBytes(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

const AUTHORITY = /^(https?):\/\/([^/?#]*)(.*)$/s;

/**
 * The URL as given, and the same URL with its port removed and with the scheme's default port written out:
 * Twilio's helper libraries accept a signature over any of them, because what Twilio signs depends on
 * whether the webhook URL configured at Twilio carried a port (and proxies add or drop `:443`).
 */
export function signedUrlVariants(url: string): string[] {
  const m = AUTHORITY.exec(url);
  if (!m) return [url];
  const [, scheme, authority, rest] = m;
  const at = authority!.lastIndexOf('@');
  const userinfo = at >= 0 ? authority!.slice(0, at + 1) : '';
  const hostPort = authority!.slice(at + 1);
  const portMatch = /^(\[[^\]]*\]|[^:]*)(?::(\d*))?$/.exec(hostPort);
  if (!portMatch) return [url];
  const host = portMatch[1];
  const withoutPort = `${scheme}://${userinfo}${host}${rest}`;
  const withDefaultPort = `${scheme}://${userinfo}${host}:${scheme === 'https' ? 443 : 80}${rest}`;
  return [...new Set([url, withoutPort, withDefaultPort])];
}

/** Whether `signature` is Twilio's signature of this request, compared in constant time. */
export function isValidTwilioSignature(authToken: string, signature: string, url: string, params: URLSearchParams): boolean {
  const given = Buffer.from(signature, 'utf8');
  let valid = false;
  for (const candidate of signedUrlVariants(url)) {
    const expected = Buffer.from(twilioSignature(authToken, candidate, params), 'utf8');
    // Every variant is compared (no early exit), so the time taken does not tell which one matched.
    if (expected.length === given.length && timingSafeEqual(expected, given)) valid = true;
  }
  return valid;
}
