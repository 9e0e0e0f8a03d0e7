import { ProblemError, isE164PhoneNumber } from '@platform/sdk';
import type { EmailAddress } from '@platform/sdk/messaging';

const E164 = /^\+[1-9]\d{1,14}$/;
export const MAX_EMAIL_RECIPIENTS = 50;

function invalid(field: string, detail: string): ProblemError {
  return new ProblemError(400, 'validation_failed', detail, { field });
}

/** An SMS recipient: exactly E.164 (`+14155550100`), and a number libphonenumber-js holds valid for its country. */
export function checkPhoneNumber(value: unknown, field = 'to'): string {
  if (typeof value !== 'string' || !E164.test(value))
    throw invalid(field, `"${field}" must be a phone number in E.164 form, such as +14155550100 (a plus, the country code, the number; no spaces)`);
  if (!isE164PhoneNumber(value)) throw invalid(field, `"${field}" ${value} is not a valid phone number for its country`);
  return value;
}

const LOCAL_PART = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
const DOMAIN_LABEL = /^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;

/** Whether `email` is a deliverable-looking address: dot-atom local part, a dotted domain with a letter TLD, RFC 5321 lengths. */
export function isEmailAddress(email: string): boolean {
  if (email.length > 254) return false;
  const at = email.lastIndexOf('@');
  if (at <= 0) return false;
  const local = email.slice(0, at);
  const labels = email.slice(at + 1).split('.');
  if (local.length > 64 || !LOCAL_PART.test(local)) return false;
  if (labels.length < 2 || !labels.every((l) => DOMAIN_LABEL.test(l))) return false;
  return /^[A-Za-z]{2,63}$/.test(labels[labels.length - 1]) || /^xn--[A-Za-z0-9-]+$/.test(labels[labels.length - 1]);
}

/** One address, as a string or `{ email, name }`; a name may not hold line breaks (header injection). */
export function checkEmailAddress(value: unknown, field: string): EmailAddress {
  const email = typeof value === 'string' ? value : value && typeof value === 'object' ? (value as { email?: unknown }).email : undefined;
  const name = value && typeof value === 'object' ? (value as { name?: unknown }).name : undefined;
  const emailField = typeof value === 'string' ? field : `${field}.email`;
  if (typeof email !== 'string' || !isEmailAddress(email.trim())) throw invalid(emailField, `"${emailField}" must be an email address such as someone@example.com`);
  if (name !== undefined && name !== null && (typeof name !== 'string' || /[\r\n]/.test(name) || name.length > 200))
    throw invalid(`${field}.name`, `"${field}.name" must be a single line of at most 200 characters`);
  return name ? { email: email.trim(), name: name as string } : { email: email.trim() };
}

/** The `to` of an email: one address or a list of them (1 to 50), each a string or `{ email, name }`. */
export function checkEmailRecipients(value: unknown, field = 'to'): EmailAddress[] {
  const list = Array.isArray(value) ? value : [value];
  if (!list.length) throw invalid(field, `"${field}" needs at least one address`);
  if (list.length > MAX_EMAIL_RECIPIENTS) throw invalid(field, `"${field}" holds at most ${MAX_EMAIL_RECIPIENTS} addresses`);
  return list.map((v, i) => checkEmailAddress(v, Array.isArray(value) ? `${field}.${i}` : field));
}
