import type { ServerResponse } from 'node:http';
import type { FakeHandler, RecordedRequest } from '@platform/testing';
import type { ProviderCallbackRequest } from '@platform/sdk/messaging';
import { twilioSignature } from '../src/twilio-signature.ts';

export const SID = 'AC0123456789abcdef0123456789abcdef';
export const TOKEN = 'twilio_auth_token_0123';
export const MESSAGE_SID = 'SM1f0e3c6a9b2d4e8f0a1b2c3d4e5f6a7b';

function json(res: ServerResponse, status: number, body: unknown): void {
  res.statusCode = status;
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.end(JSON.stringify(body));
}

/** Twilio's 401 body. */
export const wrongCredentials: FakeHandler = (_req, res) =>
  json(res, 401, { code: 20003, message: 'Authenticate', more_info: 'https://www.twilio.com/docs/errors/20003', status: 401 });

/** A Twilio REST error (`{ code, message, more_info, status }`). */
export function twilioError(status: number, code: number, message: string): FakeHandler {
  return (_req, res) => json(res, status, { code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status });
}

/**
 * The Messages API and the Account resource as Twilio answers them, for `SID` with basic auth
 * `SID:TOKEN` (or `keys` as API key sid → secret). The Message resource echoes the form it got.
 */
export function twilioApi(opts: { status?: string; price?: string | null; numSegments?: string; accountStatus?: string; keys?: Record<string, string> } = {}): FakeHandler {
  const credentials = new Set([Buffer.from(`${SID}:${TOKEN}`).toString('base64'), ...Object.entries(opts.keys ?? {}).map(([k, v]) => Buffer.from(`${k}:${v}`).toString('base64'))]);
  return (req: RecordedRequest, res) => {
    const auth = String(req.headers.authorization ?? '');
    if (!auth.startsWith('Basic ') || !credentials.has(auth.slice(6))) return wrongCredentials(req, res);
    if (req.method === 'GET' && req.path === `/2010-04-01/Accounts/${SID}.json`) {
      return json(res, 200, { sid: SID, friendly_name: 'Acme prod', status: opts.accountStatus ?? 'active', type: 'Full', auth_token: '[redacted]', date_created: 'Thu, 30 Jul 2015 20:00:00 +0000', uri: `/2010-04-01/Accounts/${SID}.json` });
    }
    if (req.method === 'POST' && req.path === `/2010-04-01/Accounts/${SID}/Messages.json`) {
      const form = new URLSearchParams(req.body);
      if (!form.get('To') || !form.get('Body') || !(form.get('From') || form.get('MessagingServiceSid'))) return twilioError(400, 21604, "A 'To' phone number is required.")(req, res);
      const now = 'Mon, 07 Dec 2026 15:00:00 +0000';
      return json(res, 201, {
        account_sid: SID,
        api_version: '2010-04-01',
        body: form.get('Body'),
        date_created: now,
        date_sent: null,
        date_updated: now,
        direction: 'outbound-api',
        error_code: null,
        error_message: null,
        from: form.get('From'),
        messaging_service_sid: form.get('MessagingServiceSid'),
        num_media: '0',
        num_segments: opts.numSegments ?? '1',
        price: opts.price ?? null,
        price_unit: 'USD',
        sid: MESSAGE_SID,
        status: opts.status ?? 'queued',
        subresource_uris: { media: `/2010-04-01/Accounts/${SID}/Messages/${MESSAGE_SID}/Media.json` },
        to: form.get('To'),
        uri: `/2010-04-01/Accounts/${SID}/Messages/${MESSAGE_SID}.json`,
      });
    }
    return twilioError(404, 20404, `The requested resource ${req.path} was not found`)(req, res);
  };
}

/** A status callback as Twilio posts it: form-encoded, signed over the URL and the sorted parameters. */
export function twilioStatusCallback(authToken: string, url: string, params: Record<string, string>, signedUrl = url): ProviderCallbackRequest {
  const form = new URLSearchParams(params);
  return {
    method: 'POST',
    url,
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': twilioSignature(authToken, signedUrl, form), 'i-twilio-idempotency-token': 'b7a1c9d2-0000-4000-8000-000000000001' },
    rawBody: Buffer.from(form.toString(), 'utf8'),
  };
}

export const UNDELIVERED_CALLBACK = {
  AccountSid: SID,
  ApiVersion: '2010-04-01',
  ErrorCode: '30003',
  From: '+15017122661',
  MessageSid: MESSAGE_SID,
  MessageStatus: 'undelivered',
  SmsSid: MESSAGE_SID,
  SmsStatus: 'undelivered',
  To: '+2348030000001',
};
