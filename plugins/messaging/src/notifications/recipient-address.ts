import type { MessageChannel } from '@platform/sdk/messaging';
import { checkPhoneNumber, isEmailAddress } from '../sending/recipient-validation.ts';

/** E.164 that libphonenumber-js holds valid: the same check sending applies. */
export function isE164(value: string): boolean {
  try {
    checkPhoneNumber(value);
    return true;
  } catch {
    return false;
  }
}

export { isEmailAddress };

/** Why `value` cannot receive a message on `channel`, or null (the rules' check, the same as sending's). */
export function recipientProblem(channel: MessageChannel, value: string): string | null {
  if (channel === 'sms') return isE164(value) ? null : 'must be a valid phone number in E.164 form (e.g. +447911123456)';
  return isEmailAddress(value) ? null : 'must be a valid email address';
}
