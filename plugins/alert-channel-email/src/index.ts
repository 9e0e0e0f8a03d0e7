import { defineAlertChannel, defineAlertChannelPlugin } from '@platform/sdk/alert-channels';
import { Secret, Type } from '@platform/sdk';
import { emailMessage } from './email-message.ts';
import { sendOverSmtp } from './smtp-delivery.ts';

/** Email over SMTP (nodemailer). */
export const emailChannel = defineAlertChannel({
  id: 'email',
  name: 'Email',
  description: 'Sends an email per notification over SMTP',
  configSchema: Type.Object({
    host: Type.String({ minLength: 1 }),
    port: Type.Integer({ minimum: 1, maximum: 65_535, default: 587 }),
    security: Type.Union([Type.Literal('starttls'), Type.Literal('tls'), Type.Literal('none')], { default: 'starttls' }),
    username: Type.Optional(Type.String()),
    password: Secret(Type.Optional(Type.String())),
    from: Type.String({ minLength: 3, description: 'Sender, e.g. "Alerts <alerts@example.com>"' }),
    to: Type.Array(Type.String({ pattern: '^[^@\\s]+@[^@\\s]+$' }), { minItems: 1, maxItems: 50, description: 'Recipients' }),
  }),
  handles: ['firing', 'repeat', 'acknowledged', 'resolved'],
  timeoutMs: 15_000,
  send: (ctx, n) => sendOverSmtp(ctx.config, emailMessage(n), ctx.timeoutMs),
});

export default defineAlertChannelPlugin(emailChannel, { version: '0.1.0', kernel: '^0.1.0', description: 'Alert channel: email over SMTP' });
