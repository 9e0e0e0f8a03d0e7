import { describe, expect, it } from 'vitest';
import { describeSmtpFailure, smtpTransportOptions } from '../src/smtp.ts';
import { formatEmailAddress } from '../src/email-address.ts';

describe('describeSmtpFailure', () => {
  it('reads refused logins, 4xx, 5xx, connection problems and timeouts as nodemailer reports them', () => {
    expect(describeSmtpFailure({ code: 'EAUTH', responseCode: 535, message: 'Invalid login: 535 Authentication credentials invalid' })).toEqual({ kind: 'auth', replyCode: 535, detail: 'SMTP 535: Invalid login: 535 Authentication credentials invalid' });
    expect(describeSmtpFailure({ code: 'EAUTH', message: 'Missing credentials for "PLAIN"' }).kind).toBe('auth');
    expect(describeSmtpFailure({ code: 'EENVELOPE', responseCode: 530, message: '530 Authentication required' }).kind).toBe('auth');
    expect(describeSmtpFailure({ code: 'EENVELOPE', responseCode: 451, message: 'Try again later' })).toMatchObject({ kind: 'temporary', replyCode: 451 });
    expect(describeSmtpFailure({ code: 'EENVELOPE', responseCode: 550, message: 'Mailbox unavailable' })).toMatchObject({ kind: 'permanent', replyCode: 550 });
    expect(describeSmtpFailure({ code: 'EMESSAGE', responseCode: 554, message: 'Message refused' }).kind).toBe('permanent');
    expect(describeSmtpFailure({ code: 'ESOCKET', message: 'connect ECONNREFUSED 127.0.0.1:1' })).toEqual({ kind: 'temporary', replyCode: undefined, detail: 'ESOCKET: connect ECONNREFUSED 127.0.0.1:1' });
    expect(describeSmtpFailure({ code: 'ETIMEDOUT', message: 'Greeting never received' }).kind).toBe('timeout');
    expect(describeSmtpFailure({ code: 'ETIMEDOUT', message: 'x'.repeat(1000) }).detail).toHaveLength('ETIMEDOUT: '.length + 300);
  });

  it('maps the security setting to nodemailer options and bounds every wait', () => {
    const base = { host: 'smtp.example.com', port: 587, username: 'u', password: 'p' };
    expect(smtpTransportOptions({ ...base, security: 'starttls' }, 5000)).toEqual({
      host: 'smtp.example.com', port: 587, secure: false, requireTLS: true, ignoreTLS: false, auth: { user: 'u', pass: 'p' }, connectionTimeout: 5000, greetingTimeout: 5000, socketTimeout: 5000,
    });
    expect(smtpTransportOptions({ ...base, security: 'tls', port: 465 }, 1)).toMatchObject({ secure: true, requireTLS: false, ignoreTLS: false });
    expect(smtpTransportOptions({ host: 'relay', port: 25, security: 'none' }, 1)).toMatchObject({ secure: false, ignoreTLS: true, auth: undefined });
  });
});

describe('formatEmailAddress', () => {
  it('quotes names, escapes quotes and backslashes, drops line breaks, encodes non-ASCII names on request', () => {
    expect(formatEmailAddress({ email: 'ada@example.com' })).toBe('ada@example.com');
    expect(formatEmailAddress({ email: 'ada@example.com', name: '  ' })).toBe('ada@example.com');
    expect(formatEmailAddress({ email: 'ada@example.com', name: 'Lovelace, Ada' })).toBe('"Lovelace, Ada" <ada@example.com>');
    expect(formatEmailAddress({ email: 'x@example.com', name: 'A "quoted" \\ name' })).toBe('"A \\"quoted\\" \\\\ name" <x@example.com>');
    expect(formatEmailAddress({ email: 'x@example.com', name: 'Evil\r\nBcc: victim@example.com' })).toBe('"Evil Bcc: victim@example.com" <x@example.com>');
    expect(formatEmailAddress({ email: 'j@example.com', name: 'Jürgen' })).toBe('"Jürgen" <j@example.com>');
    expect(formatEmailAddress({ email: 'j@example.com', name: 'Jürgen' }, { encodeNonAscii: true })).toBe(`=?UTF-8?B?${Buffer.from('Jürgen').toString('base64')}?= <j@example.com>`);
  });
});
