import { Secret, Type } from '@platform/sdk';
import { defineEmailProvider, defineEmailProviderPlugin, formatEmailAddress, providerErrorFromResponse, ProviderError } from '@platform/sdk/messaging';
import { mailgunDeliveryUpdates, mailgunMessageId } from './mailgun-events.ts';

/**
 * Mailgun: POST /v3/{domain}/messages, form-encoded, basic auth `api:<key>`; events by webhook, HMAC-signed in
 * the body. The API has no idempotency key: a crash between Mailgun's answer and our database write can send
 * twice; `v:message_id` lets the events be matched either way.
 */
export const mailgunProvider = defineEmailProvider({
  id: 'mailgun',
  name: 'Mailgun',
  description: 'Sends through the Mailgun messages API; delivery, permanent failure, complaint and open events by webhook',
  configSchema: Type.Object({
    baseUrl: Type.String({ default: 'https://api.mailgun.net', description: 'API base URL (https://api.eu.mailgun.net for EU domains)' }),
    domain: Type.String({ minLength: 1, pattern: '^[A-Za-z0-9.-]+$', description: 'Sending domain, e.g. mg.example.com' }),
    apiKey: Secret(Type.String({ minLength: 1, description: 'Private API key' })),
    fromEmail: Type.String({ pattern: '^[^@\\s]+@[^@\\s]+$', description: 'Default sender address' }),
    fromName: Type.Optional(Type.String({ description: 'Default sender name' })),
    webhookSigningKey: Secret(Type.Optional(Type.String({ description: 'HTTP webhook signing key' }))),
  }),
  async send(ctx, msg) {
    const { config } = ctx;
    const form = new URLSearchParams();
    form.append('from', formatEmailAddress(msg.from ?? { email: config.fromEmail, name: config.fromName }));
    for (const to of msg.to) form.append('to', formatEmailAddress(to));
    form.append('subject', msg.subject);
    form.append('text', msg.text);
    if (msg.html) form.append('html', msg.html);
    if (msg.replyTo) form.append('h:Reply-To', formatEmailAddress(msg.replyTo));
    for (const [name, value] of Object.entries(msg.headers ?? {})) form.append(`h:${name}`, value);
    for (const [name, value] of Object.entries({ ...msg.tags, message_id: msg.id })) form.append(`v:${name}`, value);
    const res = await ctx.fetch(`${config.baseUrl}/v3/${encodeURIComponent(config.domain)}/messages`, {
      method: 'POST',
      headers: { authorization: basicAuth(config.apiKey), 'content-type': 'application/x-www-form-urlencoded' },
      body: form.toString(),
    });
    if (!res.ok) throw await providerErrorFromResponse(res);
    const body = (await res.json()) as { id?: string; message?: string };
    if (!body.id) throw new ProviderError('unavailable', `Mailgun answered without an id: ${body.message ?? ''}`, res.status);
    return { providerMessageId: mailgunMessageId(body.id), status: 'sent' };
  },
  async testConnection(ctx) {
    const res = await ctx.fetch(`${ctx.config.baseUrl}/v3/domains/${encodeURIComponent(ctx.config.domain)}`, { headers: { authorization: basicAuth(ctx.config.apiKey) } });
    if (!res.ok) throw await providerErrorFromResponse(res);
    const body = (await res.json()) as { domain?: { name?: string; state?: string } };
    return { detail: `domain ${body.domain?.name ?? ctx.config.domain} is ${body.domain?.state ?? 'known'}` };
  },
  parseEvents: (request, ctx) => mailgunDeliveryUpdates(request.rawBody, ctx.config.webhookSigningKey),
});

function basicAuth(apiKey: string): string {
  return `Basic ${Buffer.from(`api:${apiKey}`).toString('base64')}`;
}

export default defineEmailProviderPlugin(mailgunProvider, { version: '0.1.0', kernel: '^0.1.0' });
