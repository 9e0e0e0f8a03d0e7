import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeSmtpServer, type FakeSmtpServer } from '@platform/testing';
import { attemptAlertDelivery, exampleAlertNotification } from '@platform/sdk/alert-channels';
import { emailChannel } from '../src/index.ts';

describe('email channel (real SMTP server on 127.0.0.1)', () => {
  let server: FakeSmtpServer;
  let port: number;
  beforeAll(async () => {
    server = await startFakeSmtpServer({ alerts: 'smtp-password' });
    port = server.port;
  });
  afterAll(() => server.close());

  const settings = (extra: Record<string, unknown> = {}) => ({ host: '127.0.0.1', port, security: 'none', from: 'Alerts <alerts@example.com>', to: ['oncall@example.com', 'ops@example.com'], ...extra });

  it('sends one email with subject, value, threshold and links', async () => {
    const result = await attemptAlertDelivery(emailChannel, settings({ username: 'alerts', password: 'smtp-password' }), exampleAlertNotification());
    expect(result).toMatchObject({ ok: true, status: 250 });
    const mail = server.requests.at(-1)!;
    expect(mail.user).toBe('alerts');
    expect(mail.from).toBe('alerts@example.com');
    expect(mail.to).toEqual(['oncall@example.com', 'ops@example.com']);
    expect(mail.raw).toMatch(/Subject: \[CRITICAL\] FIRING: High API error rate \(route=\/api\/build\)/);
    expect(mail.raw).toContain('X-Alert-Fingerprint: 0f3c9a7e5b2d4c1a8e6f0b9d7c5a3e1f');
    expect(mail.raw).toContain('Value: 7.20');
    expect(mail.raw).toContain('Condition: error_rate(api_requests_total) 7.20 > 5');
    expect(mail.raw).toContain('Alert: http://localhost:3000/alerts/active/');
  });

  it('retries a temporary SMTP refusal and gives up on a permanent one', async () => {
    server.answer('serverError');
    expect(await attemptAlertDelivery(emailChannel, settings(), exampleAlertNotification())).toMatchObject({ ok: false, retryable: true, status: 451 });
    server.answer('rejected');
    expect(await attemptAlertDelivery(emailChannel, settings(), exampleAlertNotification())).toMatchObject({ ok: false, retryable: false, status: 550 });
    server.answer('accepted');
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
