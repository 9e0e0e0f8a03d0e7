import { Secret, Type } from '@platform/sdk';
import { defineEmailProvider, defineEmailProviderPlugin, providerErrorFromResponse, ProviderError, type EmailAddress } from '@platform/sdk/messaging';
import { verifyEventWebhookSignature } from './event-webhook-signature.ts';
import { sendGridDeliveryUpdates } from './sendgrid-events.ts';

const address = (a: EmailAddress) => (a.name ? { email: a.email, name: a.name } : { email: a.email });

/**
 * SendGrid: POST /v3/mail/send (202 with `X-Message-Id`); events arrive by the signed event webhook. The API has
 * no idempotency key: a crash between SendGrid's 202 and our database write can send twice (the messaging
 * plugin's documented window); `custom_args.message_id` lets the events be matched either way.
 */
export const sendGridProvider = defineEmailProvider({
  id: 'sendgrid',
  name: 'SendGrid',
  description: 'Sends through the SendGrid v3 mail send API; delivery, bounce, drop, spam report and open events by the signed event webhook',
  configSchema: Type.Object({
    baseUrl: Type.String({ default: 'https://api.sendgrid.com', description: 'API base URL (https://api.eu.sendgrid.com for EU subusers)' }),
    apiKey: Secret(Type.String({ minLength: 1, description: 'API key (SG....) with mail.send' })),
    fromEmail: Type.String({ pattern: '^[^@\\s]+@[^@\\s]+$', description: 'Default sender address (a verified sender)' }),
    fromName: Type.Optional(Type.String({ description: 'Default sender name' })),
    webhookPublicKey: Type.Optional(Type.String({ description: "The signed event webhook's verification key (base64)" })),
  }),
  async send(ctx, msg) {
    const { config } = ctx;
    const res = await ctx.fetch(`${config.baseUrl}/v3/mail/send`, {
      method: 'POST',
      headers: { authorization: `Bearer ${config.apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        personalizations: [{ to: msg.to.map(address) }],
        from: address(msg.from ?? { email: config.fromEmail, name: config.fromName }),
        ...(msg.replyTo ? { reply_to: address(msg.replyTo) } : {}),
        subject: msg.subject,
        // SendGrid wants text/plain before text/html.
        content: [{ type: 'text/plain', value: msg.text }, ...(msg.html ? [{ type: 'text/html', value: msg.html }] : [])],
        ...(msg.headers ? { headers: msg.headers } : {}),
        custom_args: { ...msg.tags, message_id: msg.id },
      }),
    });
    if (!res.ok) throw await providerErrorFromResponse(res);
    const id = res.headers.get('x-message-id');
    if (!id) throw new ProviderError('unavailable', `SendGrid answered ${res.status} without X-Message-Id`, res.status);
    return { providerMessageId: id, status: 'sent' };
  },
  async testConnection(ctx) {
    const res = await ctx.fetch(`${ctx.config.baseUrl}/v3/scopes`, { headers: { authorization: `Bearer ${ctx.config.apiKey}` } });
    if (!res.ok) throw await providerErrorFromResponse(res);
    const { scopes = [] } = (await res.json()) as { scopes?: string[] };
    if (!scopes.includes('mail.send')) throw new ProviderError('auth', 'the API key lacks the mail.send scope', res.status);
    return { detail: `${scopes.length} scope(s), mail.send included` };
  },
  parseEvents(request, ctx) {
    verifyEventWebhookSignature(request, ctx.config.webhookPublicKey);
    return sendGridDeliveryUpdates(request.rawBody);
  },
});

export default defineEmailProviderPlugin(sendGridProvider, { version: '0.1.0', kernel: '^0.1.0' });
