import type { EmailAddress } from './messaging.ts';

/** RFC 2047 encoded-word for a display name that is not plain ASCII (`=?UTF-8?B?...?=`). */
function encodedWord(text: string): string {
  return `=?UTF-8?B?${Buffer.from(text, 'utf8').toString('base64')}?=`;
}

/**
 * An address as a mail header writes it: `"Ada Lovelace" <ada@example.com>`, or the bare address when it has
 * no name. The name is quoted (quotes and backslashes escaped); with `encodeNonAscii` a name outside ASCII is
 * an RFC 2047 encoded-word (what APIs that pass the header through unchanged, like Amazon SES, need).
 */
export function formatEmailAddress(address: EmailAddress, options: { encodeNonAscii?: boolean } = {}): string {
  const name = address.name?.replace(/[\r\n]+/g, ' ').trim();
  if (!name) return address.email;
  // eslint-disable-next-line no-control-regex
  if (options.encodeNonAscii && /[^\x00-\x7f]/.test(name)) return `${encodedWord(name)} <${address.email}>`;
  return `"${name.replace(/["\\]/g, (c) => `\\${c}`)}" <${address.email}>`;
}
