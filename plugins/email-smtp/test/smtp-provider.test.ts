import { describe, expect, it } from 'vitest';
import { describeEmailProviderContract, exampleEmailMessage } from '@platform/testing/email-provider-contract';
import { startFakeSmtpServer } from '@platform/testing';
import { attemptProviderSend } from '@platform/sdk/messaging';
import messaging from '@platform/plugin-messaging';
import smtpPlugin, { smtpProvider } from '../src/index.ts';

const USERS = { 'mailer@acme.example': 'smtp-password-7f3a' };
const MESSAGE_ID = '<6f1c2a4e-8b3d-4c5e-9f7a-0b1c2d3e4f5a@acme.example>';

describeEmailProviderContract({
  provider: smtpProvider,
  fake: () => startFakeSmtpServer(USERS),
  config: (url) => {
    const { hostname, port } = new URL(url);
    return { host: hostname, port: Number(port), security: 'none' as const, username: 'mailer@acme.example', password: 'smtp-password-7f3a', fromEmail: 'no-reply@acme.example', fromName: 'Acme' };
  },
  providerMessageId: MESSAGE_ID,
  expectSendRequest(mail, message) {
    expect(mail.user).toBe('mailer@acme.example');
    expect(mail.from).toBe('billing@acme.example');
    expect(mail.to).toEqual(['ada@example.com', 'grace@example.com']);
    expect(mail.raw).toContain('From: Acme Billing <billing@acme.example>');
    expect(mail.raw).toContain('To: Ada Lovelace <ada@example.com>, grace@example.com');
    expect(mail.raw).toContain('Reply-To: Acme Support <support@acme.example>');
    expect(mail.raw).toContain('Subject: Your invoice INV-1042');
    expect(mail.raw).toContain(`Message-ID: ${MESSAGE_ID}`);
    expect(mail.raw).toContain('X-Entity-Ref-ID: INV-1042');
    expect(mail.raw).toContain(`X-Platform-Message-ID: ${message.id}`);
    expect(mail.raw).toMatch(/Content-Type: multipart\/alternative/);
    expect(mail.raw).toContain('Hello Ada, your invoice INV-1042 for €42.00 is ready.');
    expect(mail.raw).toContain('<strong>INV-1042</strong>');
  },
  testsConnection: true,
  kernel: { plugin: smtpPlugin, messaging },
});

describe('SMTP provider', () => {
  it('sends without a login to a relay that needs none, with the configured sender when the message has none', async () => {
    const server = await startFakeSmtpServer();
    try {
      const outcome = await attemptProviderSend(
        smtpProvider,
        { host: '127.0.0.1', port: server.port, security: 'none', fromEmail: 'no-reply@acme.example', fromName: 'Acme' },
        exampleEmailMessage({ from: undefined, html: undefined }),
        { idempotencyKey: 'k', callbackUrl: 'https://platform.example/cb' },
      );
      expect(outcome).toEqual({ ok: true, result: { providerMessageId: '<6f1c2a4e-8b3d-4c5e-9f7a-0b1c2d3e4f5a@acme.example>', status: 'sent' } });
      const mail = server.requests.at(-1)!;
      expect(mail.user).toBeNull();
      expect(mail.from).toBe('no-reply@acme.example');
      expect(mail.raw).toContain('From: Acme <no-reply@acme.example>');
      expect(mail.raw).not.toMatch(/multipart\/alternative/);
    } finally {
      await server.close();
    }
  });
});
