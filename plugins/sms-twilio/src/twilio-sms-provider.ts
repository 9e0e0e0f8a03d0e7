import { CallbackSignatureError, defineSmsProvider, ProviderError, type DeliveryUpdate, type ProviderSendResult } from '@platform/sdk/messaging';
import { apiUrl, basicAuth, BaseUrl } from '@platform/sdk/monitors';
import { Secret, Type, type Static } from '@platform/sdk';
import { isValidTwilioSignature } from './twilio-signature.ts';
import { twilioErrorFromResponse } from './twilio-errors.ts';
import { twilioPriceToCost } from './twilio-price.ts';
import { deliveryStatusOfTwilio, sendStatusOfTwilio, twilioFailureReason } from './twilio-status.ts';

export const twilioSmsConfig = Type.Object({
  baseUrl: BaseUrl('https://api.twilio.com'),
  accountSid: Type.String({ pattern: '^AC[0-9a-fA-F]{32}$', description: 'Account SID (AC...)' }),
  authToken: Secret(
    Type.String({ minLength: 1, description: "The account's auth token: Twilio signs status callbacks with it; it authenticates the API calls unless an API key is set" }),
  ),
  apiKeySid: Type.Optional(Type.String({ pattern: '^SK[0-9a-fA-F]{32}$', description: 'API key SID (SK...): authenticates instead of the auth token' })),
  apiKeySecret: Type.Optional(Secret(Type.String({ minLength: 1, description: "The API key's secret" }))),
  from: Type.Optional(Type.String({ minLength: 1, maxLength: 20, description: 'Default sender: an E.164 number, a short code or an alphanumeric sender id' })),
  messagingServiceSid: Type.Optional(Type.String({ pattern: '^MG[0-9a-fA-F]{32}$', description: 'Messaging service SID (MG...): Twilio picks the sender from its pool' })),
});

export type TwilioSmsConfig = Static<typeof twilioSmsConfig>;

/** The Message resource as the Messages API returns it (the fields used here). */
interface TwilioMessage {
  sid?: string;
  status?: string;
  num_segments?: string | null;
  price?: string | null;
  price_unit?: string | null;
  error_code?: number | null;
  error_message?: string | null;
}

interface TwilioAccount {
  sid?: string;
  friendly_name?: string;
  status?: string;
  type?: string;
}

/** Basic auth with the API key when one is set, else with the account SID and auth token. */
export function twilioAuthorization(c: TwilioSmsConfig): string {
  return c.apiKeySid && c.apiKeySecret ? basicAuth(c.apiKeySid, c.apiKeySecret) : basicAuth(c.accountSid, c.authToken);
}

async function twilioJson<T>(response: Response): Promise<T> {
  const text = await response.text();
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new ProviderError('unavailable', `HTTP ${response.status}: invalid JSON from Twilio: ${text.slice(0, 120)}`, response.status);
  }
}

/**
 * Twilio Programmable Messaging: `POST /2010-04-01/Accounts/{AccountSid}/Messages.json` (form-encoded,
 * basic auth), with this configuration's callback URL as `StatusCallback`. The Messages API takes no
 * idempotency key: a crash between Twilio's 201 and the messaging plugin's write can send twice.
 */
export const twilioSmsProvider = defineSmsProvider({
  id: 'twilio',
  name: 'Twilio',
  description: 'Twilio Messages API; delivery status through signed status callbacks',
  configSchema: twilioSmsConfig,

  async send(ctx, message): Promise<ProviderSendResult> {
    const c = ctx.config;
    const from = message.from ?? c.from;
    if (!from && !c.messagingServiceSid) throw new ProviderError('auth', 'No sender: set "from" or "messagingServiceSid" on the Twilio configuration');
    const form = new URLSearchParams({ To: message.to, Body: message.body });
    if (c.messagingServiceSid) form.set('MessagingServiceSid', c.messagingServiceSid);
    if (from) form.set('From', from);
    form.set('StatusCallback', ctx.callbackUrl);
    const response = await ctx.fetch(apiUrl(c.baseUrl, `/2010-04-01/Accounts/${c.accountSid}/Messages.json`), {
      method: 'POST',
      headers: { authorization: twilioAuthorization(c), 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: form.toString(),
    });
    if (!response.ok) throw await twilioErrorFromResponse(response);
    const body = await twilioJson<TwilioMessage>(response);
    if (!body.sid) throw new ProviderError('unavailable', `HTTP ${response.status}: Twilio answered without a message sid`, response.status);
    const delivery = deliveryStatusOfTwilio(body.status);
    if (delivery === 'failed' || delivery === 'undelivered') {
      const code = body.error_code == null ? undefined : String(body.error_code);
      throw new ProviderError('rejected', `Twilio ${body.status}${code ? ` (${code})` : ''}: ${body.error_message ?? 'no reason given'}`, response.status, code);
    }
    const segments = Number.parseInt(body.num_segments ?? '', 10);
    const cost = twilioPriceToCost(body.price, body.price_unit);
    return {
      providerMessageId: body.sid,
      status: sendStatusOfTwilio(body.status),
      ...(Number.isInteger(segments) && segments > 0 ? { segments } : {}),
      ...(cost ? { cost } : {}),
    };
  },

  async testConnection(ctx) {
    const c = ctx.config;
    const response = await ctx.fetch(apiUrl(c.baseUrl, `/2010-04-01/Accounts/${c.accountSid}.json`), {
      headers: { authorization: twilioAuthorization(c), accept: 'application/json' },
    });
    if (!response.ok) throw await twilioErrorFromResponse(response);
    const account = await twilioJson<TwilioAccount>(response);
    if (account.status !== 'active') throw new ProviderError('auth', `Twilio account ${account.status ?? 'in an unknown state'}`, response.status);
    return { detail: `account "${account.friendly_name ?? account.sid}" active (${account.type ?? 'unknown type'})` };
  },

  /** A status callback: form-encoded `MessageSid`, `MessageStatus`, `ErrorCode`..., signed with `X-Twilio-Signature`. */
  parseStatusCallback(request, ctx): DeliveryUpdate[] {
    const params = new URLSearchParams(request.rawBody.toString('utf8'));
    const signature = request.headers['x-twilio-signature'];
    if (!signature) throw new CallbackSignatureError('The X-Twilio-Signature header is missing');
    if (!isValidTwilioSignature(ctx.config.authToken, signature, request.url, params)) throw new CallbackSignatureError('The X-Twilio-Signature does not match this request');
    const sid = params.get('MessageSid') ?? params.get('SmsSid');
    const status = deliveryStatusOfTwilio(params.get('MessageStatus') ?? params.get('SmsStatus'));
    if (!sid || !status) return [];
    const reason = twilioFailureReason(params.get('ErrorCode'));
    return [{ providerMessageId: sid, status, ...(reason ? { reason } : {}) }];
  },
});
