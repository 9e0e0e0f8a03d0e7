import { parsePhoneNumberFromString } from 'libphonenumber-js';

const E164 = /^\+[1-9]\d{1,14}$/;

/**
 * Whether `value` is a phone number exactly in E.164 form (`+14155550100`: a plus, the country code, the number, no
 * spaces) that libphonenumber-js holds valid for its country. The one rule for every SMS recipient: the messaging
 * plugin's sends and an SMS alert channel's recipients (config format `e164-phone`).
 */
export function isE164PhoneNumber(value: unknown): value is string {
  if (typeof value !== 'string' || !E164.test(value)) return false;
  const parsed = parsePhoneNumberFromString(value);
  return !!parsed && parsed.isValid() && parsed.number === value;
}
