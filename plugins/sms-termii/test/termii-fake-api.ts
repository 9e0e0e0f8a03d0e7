import type { ServerResponse } from 'node:http';
import { createHmac } from 'node:crypto';
import type { FakeHandler, RecordedRequest } from '@platform/testing';
import type { ProviderCallbackRequest } from '@platform/sdk/messaging';

export const API_KEY = 'TLtermii_api_key_0123456789';
export const SECRET_KEY = 'termii_secret_key_abcdef';
export const MESSAGE_ID = '9122821270554876574';

function json(res: ServerResponse, status: number, body: unknown): void {
  res.statusCode = status;
  res.setHeader('content-type', 'application/json');
  res.end(JSON.stringify(body));
}

/** Termii's answer to an unknown API key. */
export const wrongCredentials: FakeHandler = (_req, res) => json(res, 401, { message: 'Invalid API key' });

/** A Termii error answer (`{ code?, message }`). */
export function termiiError(status: number, message: string, code?: string): FakeHandler {
  return (_req, res) => json(res, status, code ? { code, message } : { message });
}

/** `POST /api/sms/send` and `GET /api/get-balance` as Termii answers them for `API_KEY`. */
export function termiiApi(opts: { idAsNumber?: boolean } = {}): FakeHandler {
  return (req: RecordedRequest, res) => {
    const url = new URL(req.path, 'http://termii.local');
    if (req.method === 'GET' && url.pathname === '/api/get-balance') {
      if (url.searchParams.get('api_key') !== API_KEY) return wrongCredentials(req, res);
      return json(res, 200, { user: 'Acme Ltd', balance: 3120.5, currency: 'NGN' });
    }
    if (req.method === 'POST' && url.pathname === '/api/sms/send') {
      const body = req.json<Record<string, unknown>>();
      if (body.api_key !== API_KEY) return wrongCredentials(req, res);
      if (!/^\d{10,15}$/.test(String(body.to))) return termiiError(400, 'Invalid phone number format')(req, res);
      // Termii's message_id is a 19-digit number; some answers carry it as a JSON number plus message_id_str.
      const raw = opts.idAsNumber ? `{"code":"ok","message_id":${MESSAGE_ID},"message_id_str":"${MESSAGE_ID}","message":"Successfully Sent","balance":3119.5,"user":"Acme Ltd"}` : null;
      if (raw) {
        res.setHeader('content-type', 'application/json');
        res.end(raw);
        return;
      }
      return json(res, 200, { code: 'ok', message_id: MESSAGE_ID, message: 'Successfully Sent', balance: 3119.5, user: 'Acme Ltd' });
    }
    return json(res, 404, { message: 'Not Found' });
  };
}

/** A delivery report as Termii posts it: JSON, `X-Termii-Signature` = hex HMAC-SHA512(secret key, raw body). */
export function termiiReport(secretKey: string, url: string, fields: Record<string, unknown> = {}): ProviderCallbackRequest {
  const rawBody = Buffer.from(
    JSON.stringify({
      type: 'outbound',
      id: '2b1b0f5c-9a7e-4c3d-8f61-0e5d4c3b2a19',
      message_id: MESSAGE_ID,
      receiver: '2348030000001',
      sender: 'AcmeCo',
      message: 'Your verification code is 481516',
      sent_at: '2026-12-07 16:00:03',
      cost: '4.00',
      status: 'DND Active on Phone Number',
      channel: 'generic',
      ...fields,
    }),
    'utf8',
  );
  return {
    method: 'POST',
    url,
    headers: { 'content-type': 'application/json', 'x-termii-signature': createHmac('sha512', secretKey).update(rawBody).digest('hex') },
    rawBody,
  };
}
