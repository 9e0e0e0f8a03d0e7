import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SMTPServer } from 'smtp-server';
import type { AddressInfo } from 'node:net';
import { attemptAlertDelivery, exampleAlertNotification } from '@platform/sdk/alert-channels';
import { emailChannel } from '../src/index.ts';

/** Quoted-printable soft line breaks and escapes undone, so assertions read the text. */
function decodeQuotedPrintable(raw: string): string {
  return raw.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_m, hex) => String.fromCharCode(parseInt(hex, 16)));
}

interface Received {
  from: string;
  to: string[];
  raw: string;
  auth: string | null;
}

describe('email channel (real SMTP server on 127.0.0.1)', () => {
  const received: Received[] = [];
  let reject: { code: number; message: string } | null = null;
  let server: SMTPServer;
  let port: number;
  beforeAll(async () => {
    server = new SMTPServer({
      disabledCommands: ['STARTTLS'],
      authOptional: true,
      onAuth(auth, _session, cb) {
        if (auth.username === 'alerts' && auth.password === 'smtp-password') cb(null, { user: auth.username });
        else cb(new Error('Invalid username or password'));
      },
      onRcptTo(address, _session, cb) {
        if (reject) {
          const err = new Error(reject.message) as Error & { responseCode: number };
          err.responseCode = reject.code;
          return cb(err);
        }
        cb();
      },
      onData(stream, session, cb) {
        const chunks: Buffer[] = [];
        stream.on('data', (c) => chunks.push(c));
        stream.on('end', () => {
          received.push({ from: String(session.envelope.mailFrom && session.envelope.mailFrom.address), to: session.envelope.rcptTo.map((r) => r.address), raw: decodeQuotedPrintable(Buffer.concat(chunks).toString('utf8')), auth: (session.user as string) ?? null });
          cb();
        });
      },
      logger: false,
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.server.address() as AddressInfo).port;
  });
  afterAll(async () => new Promise<void>((resolve) => server.close(() => resolve())));

  const settings = (extra: Record<string, unknown> = {}) => ({ host: '127.0.0.1', port, security: 'none', from: 'Alerts <alerts@example.com>', to: ['oncall@example.com', 'ops@example.com'], ...extra });

  it('sends one email with subject, value, threshold and links', async () => {
    const result = await attemptAlertDelivery(emailChannel, settings({ username: 'alerts', password: 'smtp-password' }), exampleAlertNotification());
    expect(result).toMatchObject({ ok: true, status: 250 });
    const mail = received.at(-1)!;
    expect(mail.auth).toBe('alerts');
    expect(mail.from).toBe('alerts@example.com');
    expect(mail.to).toEqual(['oncall@example.com', 'ops@example.com']);
    expect(mail.raw).toMatch(/Subject: \[CRITICAL\] FIRING: High API error rate \(route=\/api\/build\)/);
    expect(mail.raw).toContain('X-Alert-Fingerprint: 0f3c9a7e5b2d4c1a8e6f0b9d7c5a3e1f');
    expect(mail.raw).toContain('Value: 7.20');
    expect(mail.raw).toContain('Condition: error_rate(api_requests_total) 7.20 > 5');
    expect(mail.raw).toContain('Alert: http://localhost:3000/alerts/active/');
  });

  it('retries a temporary SMTP refusal and gives up on a permanent one', async () => {
    reject = { code: 451, message: 'Try again later' };
    expect(await attemptAlertDelivery(emailChannel, settings(), exampleAlertNotification())).toMatchObject({ ok: false, retryable: true, status: 451 });
    reject = { code: 550, message: 'Mailbox unavailable' };
    expect(await attemptAlertDelivery(emailChannel, settings(), exampleAlertNotification())).toMatchObject({ ok: false, retryable: false, status: 550 });
    reject = null;
  });

  it('keeps the password out of errors and retries when the server is unreachable', async () => {
    const bad = await attemptAlertDelivery(emailChannel, settings({ username: 'alerts', password: 'wrong-password-1' }), exampleAlertNotification());
    expect(bad.ok).toBe(false);
    expect(bad.detail).not.toContain('wrong-password-1');
    const down = await attemptAlertDelivery(emailChannel, settings({ port: 1 }), exampleAlertNotification());
    expect(down).toMatchObject({ ok: false, retryable: true });
  });

  it('validates its settings', async () => {
    expect(await attemptAlertDelivery(emailChannel, settings({ to: ['not-an-email'] }), exampleAlertNotification())).toMatchObject({ ok: false, detail: expect.stringContaining('setting "to.0"') });
  });
});
