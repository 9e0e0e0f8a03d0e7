import nodemailer from 'nodemailer';
import { Type } from '@platform/sdk';
import { defineEmailProvider, defineEmailProviderPlugin, formatEmailAddress } from '@platform/sdk/messaging';
import { smtpServerSettings, smtpTransportOptions } from '@platform/sdk/smtp';
import { smtpProviderError } from './smtp-failure.ts';

/**
 * Any SMTP server, through nodemailer: one connection per message. The `Message-ID` is made from the platform's
 * message id, so it is the provider message id. SMTP has no idempotency key and no events: a crash between the
 * server's `250` and our database write can send twice, and delivery stays `sent`.
 */
export const smtpProvider = defineEmailProvider({
  id: 'smtp',
  name: 'SMTP',
  description: 'Sends through any SMTP server (relay, Postfix, a provider\'s SMTP endpoint); no delivery events',
  configSchema: Type.Object({
    ...smtpServerSettings(),
    fromEmail: Type.String({ pattern: '^[^@\\s]+@[^@\\s]+$', description: 'Default sender address' }),
    fromName: Type.Optional(Type.String({ description: 'Default sender name' })),
  }),
  async send(ctx, msg) {
    const { config } = ctx;
    const transport = nodemailer.createTransport(smtpTransportOptions(config, ctx.timeoutMs));
    const drop = () => transport.close();
    ctx.signal.addEventListener('abort', drop, { once: true });
    const from = msg.from ?? { email: config.fromEmail, name: config.fromName };
    const messageId = `<${msg.id}@${from.email.split('@')[1]}>`;
    try {
      await transport.sendMail({
        from: formatEmailAddress(from),
        to: msg.to.map((a) => formatEmailAddress(a)),
        ...(msg.replyTo ? { replyTo: formatEmailAddress(msg.replyTo) } : {}),
        subject: msg.subject,
        text: msg.text,
        ...(msg.html ? { html: msg.html } : {}),
        headers: { ...msg.headers, 'X-Platform-Message-Id': msg.id },
        messageId,
      });
      return { providerMessageId: messageId, status: 'sent' };
    } catch (err) {
      throw smtpProviderError(err);
    } finally {
      ctx.signal.removeEventListener('abort', drop);
      transport.close();
    }
  },
  async testConnection(ctx) {
    const transport = nodemailer.createTransport(smtpTransportOptions(ctx.config, ctx.timeoutMs));
    try {
      await transport.verify();
      return { detail: `${ctx.config.host}:${ctx.config.port} accepted the connection${ctx.config.username ? ' and the login' : ''}` };
    } catch (err) {
      throw smtpProviderError(err);
    } finally {
      transport.close();
    }
  },
});

export default defineEmailProviderPlugin(smtpProvider, { version: '0.1.0', kernel: '^0.1.0' });
