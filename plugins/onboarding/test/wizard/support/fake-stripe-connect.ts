import { randomBytes } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { startFakeHttpServer, type FakeHttpServer } from '@platform/testing';

export interface FakeStripeConnect {
  server: FakeHttpServer;
  url: string;
  clientId: string;
  secretKey: string;
  accountId: string;
  close(): Promise<void>;
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

/**
 * A local connect.stripe.com: `GET /oauth/authorize` (the user approves at once: redirect to `redirect_uri` with
 * `code`, `scope` and `state`) and `POST /oauth/token` (form-encoded, the platform's secret key as bearer; codes
 * single-use; answers as Stripe does with `access_token`, `stripe_user_id`, `livemode`, `scope`...).
 */
export async function startFakeStripeConnect(): Promise<FakeStripeConnect> {
  const clientId = 'ca_fakeConnectClient';
  const secretKey = 'sk_test_fakePlatformKey';
  const accountId = `acct_${randomBytes(8).toString('hex')}`;
  const codes = new Set<string>();
  const server = await startFakeHttpServer(async (req, res) => {
    const url = new URL(req.path, 'http://fake');
    if (req.method === 'GET' && url.pathname === '/oauth/authorize') {
      if (url.searchParams.get('client_id') !== clientId || url.searchParams.get('response_type') !== 'code') return void json(res, 400, { error: 'invalid_request' });
      const code = `ac_${randomBytes(12).toString('hex')}`;
      codes.add(code);
      const q = new URLSearchParams({ code, scope: url.searchParams.get('scope') ?? 'read_write', state: url.searchParams.get('state') ?? '' });
      res.writeHead(302, { location: `${url.searchParams.get('redirect_uri')}?${q}` });
      return void res.end();
    }
    if (req.method === 'POST' && url.pathname === '/oauth/token') {
      if (req.headers.authorization !== `Bearer ${secretKey}`) return void json(res, 401, { error: 'invalid_client', error_description: 'No such API key' });
      const form = new URLSearchParams(req.body);
      if (form.get('grant_type') !== 'authorization_code') return void json(res, 400, { error: 'unsupported_grant_type' });
      const code = form.get('code') ?? '';
      if (!codes.delete(code)) return void json(res, 400, { error: 'invalid_grant', error_description: `Authorization code does not exist: ${code}` });
      return void json(res, 200, { access_token: `sk_test_${randomBytes(12).toString('hex')}`, livemode: false, refresh_token: `rt_${randomBytes(12).toString('hex')}`, token_type: 'bearer', stripe_publishable_key: 'pk_test_fake', stripe_user_id: accountId, scope: 'read_write' });
    }
    json(res, 404, { error: { message: 'Unrecognized request URL' } });
  });
  return { server, url: server.url, clientId, secretKey, accountId, close: () => server.close() };
}
