import { createHmac, randomBytes } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { startFakeHttpServer, type FakeHttpServer, type RecordedRequest } from '@platform/testing';

export interface FakeShopify {
  server: FakeHttpServer;
  url: string;
  shop: string;
  apiKey: string;
  apiSecret: string;
  /** Webhook subscriptions created, as Shopify keeps them. */
  webhooks: { id: number; topic: string; address: string }[];
  /** Scopes the merchant grants (default: those asked for). */
  grant: string[] | null;
  /** Paths (without query) answered with a 500 until removed: an outage of one endpoint. */
  failing: Set<string>;
  close(): Promise<void>;
}

/** Shopify's HMAC of a query (every parameter but `hmac`, sorted, `k=v` joined by `&`, hex HMAC-SHA256). */
export function signShopifyQuery(params: Record<string, string>, secret: string): string {
  const message = Object.keys(params).filter((k) => k !== 'hmac').sort().map((k) => `${k}=${params[k]}`).join('&');
  return createHmac('sha256', secret).update(message).digest('hex');
}

function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

/**
 * A local Shopify for one shop with Shopify's real shapes: the OAuth authorize page (the merchant approves at
 * once and is redirected to `redirect_uri` with `code`, `hmac`, `host`, `shop`, `state`, `timestamp`), the
 * code exchange at `POST /admin/oauth/access_token` (codes single-use), and the Admin REST API's webhooks and
 * orders (cursor pagination through the `Link` header), checking `X-Shopify-Access-Token`.
 */
export async function startFakeShopify(opts: { shop?: string; orders?: number; apiKey?: string; apiSecret?: string } = {}): Promise<FakeShopify> {
  const shop = opts.shop ?? 'acme-test.myshopify.com';
  const apiKey = opts.apiKey ?? 'fake-shopify-client-id';
  const apiSecret = opts.apiSecret ?? 'fake-shopify-client-secret';
  const codes = new Map<string, string[]>();
  const tokens = new Set<string>();
  const orders = Array.from({ length: opts.orders ?? 120 }, (_, i) => ({
    id: 5_000_000 + i,
    name: `#${1001 + i}`,
    total_price: `${(i % 90) + 10}.${String(i % 100).padStart(2, '0')}`,
    currency: 'USD',
    created_at: new Date(Date.UTC(2026, 0, 1) + i * 3_600_000).toISOString(),
    email: `buyer${i}@example.com`,
  }));
  const webhooks: FakeShopify['webhooks'] = [];
  const state: FakeShopify = { server: null as unknown as FakeHttpServer, url: '', shop, apiKey, apiSecret, webhooks, grant: null, failing: new Set(), close: async () => undefined };

  const authorized = (req: RecordedRequest) => tokens.has(String(req.headers['x-shopify-access-token'] ?? ''));

  const server = await startFakeHttpServer(async (req, res) => {
    const url = new URL(req.path, 'http://fake');
    const p = url.pathname;
    if (state.failing.has(p)) return void json(res, 500, { errors: 'Internal Server Error' });
    if (req.method === 'GET' && p === '/admin/oauth/authorize') {
      if (url.searchParams.get('client_id') !== apiKey) return void json(res, 400, { error: 'invalid_request', error_description: 'Unknown client_id' });
      const code = randomBytes(12).toString('hex');
      codes.set(code, state.grant ?? (url.searchParams.get('scope') ?? '').split(','));
      const params: Record<string, string> = { code, host: Buffer.from(`${shop}/admin`).toString('base64url'), shop, state: url.searchParams.get('state') ?? '', timestamp: String(Math.floor(Date.now() / 1000)) };
      params.hmac = signShopifyQuery(params, apiSecret);
      res.writeHead(302, { location: `${url.searchParams.get('redirect_uri')}?${new URLSearchParams(params)}` });
      return void res.end();
    }
    if (req.method === 'POST' && p === '/admin/oauth/access_token') {
      const body = req.json<{ client_id: string; client_secret: string; code: string }>();
      if (body.client_id !== apiKey || body.client_secret !== apiSecret) return void json(res, 401, { errors: '[API] Invalid API key or access token (unrecognized login or wrong password)' });
      const scopes = codes.get(body.code);
      if (!scopes) return void json(res, 400, { error: 'invalid_request', error_description: 'The authorization code was not found or was already used' });
      codes.delete(body.code);
      const token = `shpat_${randomBytes(16).toString('hex')}`;
      tokens.add(token);
      return void json(res, 200, { access_token: token, scope: scopes.join(',') });
    }
    const api = p.match(/^\/admin\/api\/(\d{4}-\d{2})\/(.+)$/);
    if (api) {
      if (!authorized(req)) return void json(res, 401, { errors: '[API] Invalid API key or access token (unrecognized login or wrong password)' });
      const [, version, resource] = api;
      if (req.method === 'POST' && resource === 'webhooks.json') {
        const { webhook } = req.json<{ webhook: { topic: string; address: string } }>();
        if (webhooks.some((w) => w.topic === webhook.topic && w.address === webhook.address)) return void json(res, 422, { errors: { address: ['for this topic has already been taken'] } });
        const created = { id: 9_000 + webhooks.length, topic: webhook.topic, address: webhook.address };
        webhooks.push(created);
        return void json(res, 201, { webhook: { ...created, format: 'json', api_version: version, created_at: new Date().toISOString() } });
      }
      if (req.method === 'GET' && resource === 'orders/count.json') {
        const min = Date.parse(url.searchParams.get('created_at_min') ?? '1970-01-01');
        return void json(res, 200, { count: orders.filter((o) => Date.parse(o.created_at) >= min).length });
      }
      if (req.method === 'GET' && resource === 'orders.json') {
        const limit = Math.min(Number(url.searchParams.get('limit') ?? 50), 250);
        const pageInfo = url.searchParams.get('page_info');
        const cursor = pageInfo ? (JSON.parse(Buffer.from(pageInfo, 'base64url').toString()) as { offset: number; min: number }) : { offset: 0, min: Date.parse(url.searchParams.get('created_at_min') ?? '1970-01-01') };
        const matching = orders.filter((o) => Date.parse(o.created_at) >= cursor.min);
        const page = matching.slice(cursor.offset, cursor.offset + limit);
        const headers: Record<string, string> = {};
        if (cursor.offset + limit < matching.length) {
          const next = Buffer.from(JSON.stringify({ offset: cursor.offset + limit, min: cursor.min })).toString('base64url');
          headers.link = `<${state.url}/admin/api/${version}/orders.json?limit=${limit}&page_info=${next}>; rel="next"`;
        }
        return void json(res, 200, { orders: page }, headers);
      }
    }
    json(res, 404, { errors: 'Not Found' });
  });
  state.server = server;
  state.url = server.url;
  state.close = () => server.close();
  return state;
}
