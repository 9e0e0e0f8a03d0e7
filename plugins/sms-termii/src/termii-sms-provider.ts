import { CallbackSignatureError, defineSmsProvider, ProviderError, type DeliveryUpdate, type ProviderSendResult } from '@platform/sdk/messaging';
import { apiUrl, BaseUrl } from '@platform/sdk/monitors';
import { Secret, Type, type Static } from '@platform/sdk';
import { termiiErrorFromResponse } from './termii-errors.ts';
import { isValidTermiiSignature } from './termii-signature.ts';
import { deliveryStatusOfTermii } from './termii-status.ts';

export const termiiSmsConfig = Type.Object({
  baseUrl: BaseUrl('https://api.ng.termii.com', "Your account's base URL (shown on the Termii dashboard)"),
  apiKey: Secret(Type.String({ minLength: 1, description: 'API key' })),
  senderId: Type.String({ minLength: 3, maxLength: 11, description: 'Approved sender id (3 to 11 characters), used unless a message names its own' }),
  channel: Type.Union([Type.Literal('generic'), Type.Literal('dnd')], {
    default: 'generic',
    description: "Route: 'generic' (promotional, not delivered to numbers on DND) or 'dnd' (transactional, delivered despite DND)",
  }),
  webhookSecret: Type.Optional(
    Secret(Type.String({ minLength: 1, description: "The account's secret key: Termii signs delivery reports with it (X-Termii-Signature); without it every report is refused" })),
  ),
});

export type TermiiSmsConfig = Static<typeof termiiSmsConfig>;

/** `POST /api/sms/send`'s answer: `{ code: 'ok', message_id, message_id_str?, message: 'Successfully Sent', balance, user }`. */
interface TermiiSendAnswer {
  code?: string;
  message_id?: string | number;
  message_id_str?: string;
  message?: string;
  balance?: number | string;
  user?: string;
}

/** A delivery report (`type: 'outbound'`) as Termii posts it to the account's webhook. */
interface TermiiReport {
  type?: string;
  id?: string;
  message_id?: string | number;
  receiver?: string;
  sender?: string;
  sent_at?: string;
  cost?: string;
  status?: string;
  channel?: string;
}

async function termiiJson<T>(response: Response): Promise<T> {
  const text = await response.text();
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new ProviderError('unavailable', `HTTP ${response.status}: invalid JSON from Termii: ${text.slice(0, 120)}`, response.status);
  }
}

/** Termii's id as a string: `message_id_str` when given (a large numeric `message_id` loses digits in JSON). */
function messageIdOf(body: { message_id?: string | number; message_id_str?: string }): string | null {
  const id = body.message_id_str ?? body.message_id;
  return id == null || id === '' ? null : String(id);
}

/**
 * Termii Messaging API: `POST /api/sms/send` (JSON, the API key in the body), `to` in international format
 * without `+`. Delivery reports arrive on the webhook set in the Termii dashboard (point it at this
 * configuration's callback URL), signed with `X-Termii-Signature`. The API takes no idempotency key: a crash
 * between Termii's answer and the messaging plugin's write can send twice.
 */
export const termiiSmsProvider = defineSmsProvider({
  id: 'termii',
  name: 'Termii',
  description: 'Termii Messaging API; delivery reports through the signed webhook',
  configSchema: termiiSmsConfig,

  async send(ctx, message): Promise<ProviderSendResult> {
    const c = ctx.config;
    const response = await ctx.fetch(apiUrl(c.baseUrl, '/api/sms/send'), {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ api_key: c.apiKey, to: message.to.replace(/^\+/, ''), from: message.from ?? c.senderId, sms: message.body, type: 'plain', channel: c.channel }),
    });
    if (!response.ok) throw await termiiErrorFromResponse(response);
    const body = await termiiJson<TermiiSendAnswer>(response);
    const id = messageIdOf(body);
    if (!id) throw new ProviderError('unavailable', `HTTP ${response.status}: Termii answered without a message id: ${String(body.message ?? '').slice(0, 120)}`, response.status);
    return { providerMessageId: id, status: 'sent' };
  },

  async testConnection(ctx) {
    const c = ctx.config;
    const response = await ctx.fetch(`${apiUrl(c.baseUrl, '/api/get-balance')}?api_key=${encodeURIComponent(c.apiKey)}`, { headers: { accept: 'application/json' } });
    if (!response.ok) throw await termiiErrorFromResponse(response);
    const body = await termiiJson<{ user?: string; balance?: number | string; currency?: string }>(response);
    if (body.balance === undefined) throw new ProviderError('unavailable', `HTTP ${response.status}: Termii answered without a balance`, response.status);
    return { detail: `balance ${body.balance} ${body.currency ?? ''}`.trim() + (body.user ? ` (${body.user})` : '') };
  },

  /** A delivery report: JSON, signed over the raw body with the account's secret key. */
  parseStatusCallback(request, ctx): DeliveryUpdate[] {
    const signature = request.headers['x-termii-signature'];
    if (!signature) throw new CallbackSignatureError('The X-Termii-Signature header is missing');
    const secret = ctx.config.webhookSecret;
    if (!secret) throw new CallbackSignatureError('This Termii configuration has no webhook secret: its reports cannot be verified');
    if (!isValidTermiiSignature(secret, signature, request.rawBody)) throw new CallbackSignatureError('The X-Termii-Signature does not match this body');
    let report: TermiiReport;
    try {
      report = JSON.parse(request.rawBody.toString('utf8')) as TermiiReport;
    } catch {
      return [];
    }
    if (!report || typeof report !== 'object' || (report.type && report.type !== 'outbound')) return [];
    const id = messageIdOf(report);
    const status = deliveryStatusOfTermii(report.status);
    if (!id || !status) return [];
    const failed = status === 'failed' || status === 'undelivered';
    return [{ providerMessageId: id, status, ...(failed && report.status ? { reason: `Termii: ${report.status}` } : {}) }];
  },
});
