import { defineAlertChannel, defineAlertChannelPlugin } from '@platform/sdk/alert-channels';
import { Type } from '@platform/sdk';
import { smtpServerSettings } from '@platform/sdk/smtp';
import { emailMessage } from './email-message.ts';
import { sendOverSmtp } from './smtp-delivery.ts';

/** Email over SMTP (nodemailer). */
export const emailChannel = defineAlertChannel({
  id: 'email',
  name: 'Email',
  description: 'Sends an email per notification over SMTP',
  configSchema: Type.Object({
    ...smtpServerSettings(),
    from: Type.String({ minLength: 3, description: 'Sender, e.g. "Alerts <alerts@example.com>"' }),
    to: Type.Array(Type.String({ pattern: '^[^@\\s]+@[^@\\s]+$' }), { minItems: 1, maxItems: 50, description: 'Recipients' }),
  }),
  handles: ['firing', 'repeat', 'acknowledged', 'resolved'],
  timeoutMs: 15_000,
  send: (ctx, n) => sendOverSmtp(ctx.config, emailMessage(n), ctx.timeoutMs),
});

export default defineAlertChannelPlugin(emailChannel, { version: '0.1.0', kernel: '^0.1.0', description: 'Alert channel: email over SMTP' });
