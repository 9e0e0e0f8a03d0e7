import { parsePhoneNumberFromString } from 'libphonenumber-js';
import type { MessageChannel } from '@platform/sdk/messaging';

const EMAIL = /^[^\s@<>()[\],;:"]+@[^\s@<>()[\],;:"]+\.[^\s@<>()[\],;:"]+$/;

/** E.164 as libphonenumber-js reads it: `+` and the digits of a valid number, nothing else. */
export function isE164(value: string): boolean {
  if (!/^\+[1-9]\d{1,14}$/.test(value)) return false;
  const parsed = parsePhoneNumberFromString(value);
  return !!parsed && parsed.isValid() && parsed.number === value;
}

export function isEmailAddress(value: string): boolean {
  return value.length <= 254 && EMAIL.test(value);
}

/** Why `value` cannot receive a message on `channel`, or null. */
export function recipientProblem(channel: MessageChannel, value: string): string | null {
  if (channel === 'sms') return isE164(value) ? null : 'must be a valid phone number in E.164 form (e.g. +447911123456)';
  return isEmailAddress(value) ? null : 'must be a valid email address';
}
