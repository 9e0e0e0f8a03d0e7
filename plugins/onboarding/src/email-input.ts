import { problems } from '@platform/sdk';

const EMAIL = /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;

/** A trimmed, lower-cased email address, or 400 naming `field`. */
export function emailInput(value: unknown, field: string): string {
  if (typeof value !== 'string') throw problems.validation(field, `"${field}" must be an email address`);
  const email = value.trim().toLowerCase();
  if (email.length > 320 || !EMAIL.test(email) || email.includes('..')) throw problems.validation(field, `"${field}" must be an email address such as someone@example.com`);
  return email;
}

/** The part after the @. */
export function emailDomain(email: string): string {
  return email.slice(email.lastIndexOf('@') + 1);
}
