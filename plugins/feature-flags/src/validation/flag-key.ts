import { problems } from '@platform/sdk';

/** A dotted key: lower-case segments of letters, digits, `_` or `-`, at least two, e.g. `checkout.new_flow`. */
export const FLAG_KEY_PATTERN = /^[a-z][a-z0-9_-]*(\.[a-z][a-z0-9_-]*)+$/;
export const FLAG_KEY_MAX_LENGTH = 120;

export function isFlagKey(key: string): boolean {
  return key.length <= FLAG_KEY_MAX_LENGTH && FLAG_KEY_PATTERN.test(key);
}

/** Throws 400 naming `field` unless `key` is a well-formed dotted key. */
export function assertFlagKey(key: string, field = 'key'): void {
  if (!isFlagKey(key))
    throw problems.validation(field, `"${key}" is not a flag key: use dotted lower-case segments such as "checkout.new_flow" (at most ${FLAG_KEY_MAX_LENGTH} characters)`);
}
