import { createHmac, timingSafeEqual } from 'node:crypto';
import { ProblemError } from '@platform/sdk';
import { callExternal, joinUrl, unexpectedAnswer } from './external-call.ts';

/**
 * Shopify's OAuth for public apps and the Admin REST calls the wizard makes. The base URL is a template where
 * `{shop}` becomes the shop's domain (`https://{shop}` in production; a local fake in tests).
 */

/** The access scopes a tenant may grant in the wizard. */
export const SHOPIFY_SCOPES = ['read_orders', 'read_products', 'read_customers', 'write_products', 'read_inventory'] as const;
/** Topics the wizard subscribes to once connected. */
export const SHOPIFY_WEBHOOK_TOPICS = ['app/uninstalled', 'orders/create'] as const;

const SHOP_DOMAIN = /^[a-z0-9][a-z0-9-]{0,60}\.myshopify\.com$/;

export function isShopDomain(shop: string): boolean {
  return SHOP_DOMAIN.test(shop);
}

export function shopBaseUrl(template: string, shop: string): string {
  return template.replace('{shop}', shop);
}

export function shopifyAuthorizeUrl(base: string, o: { apiKey: string; scopes: readonly string[]; redirectUri: string; state: string }): string {
  const q = new URLSearchParams({ client_id: o.apiKey, scope: o.scopes.join(','), redirect_uri: o.redirectUri, state: o.state });
  return `${joinUrl(base, '/admin/oauth/authorize')}?${q}`;
}

/**
 * Shopify's HMAC of a callback (or app proxy) query: every parameter but `hmac` (and the legacy `signature`),
 * sorted by name, as `name=value` joined with `&`, HMAC-SHA256 with the app's secret, hex. Compared in constant time.
 */
export function shopifyQueryHmac(query: Record<string, string>, secret: string): string {
  const message = Object.keys(query)
    .filter((k) => k !== 'hmac' && k !== 'signature')
    .sort()
    .map((k) => `${k}=${query[k]}`)
    .join('&');
  return createHmac('sha256', secret).update(message).digest('hex');
}

export function verifyShopifyQuery(query: Record<string, string>, secret: string): boolean {
  if (typeof query.hmac !== 'string' || !/^[0-9a-f]{64}$/i.test(query.hmac)) return false;
  const expected = Buffer.from(shopifyQueryHmac(query, secret), 'hex');
  return timingSafeEqual(expected, Buffer.from(query.hmac, 'hex'));
}

/** A webhook's `X-Shopify-Hmac-Sha256`: base64 HMAC-SHA256 of the raw body with the app's secret. */
export function verifyShopifyWebhook(rawBody: Buffer, header: string | undefined, secret: string): boolean {
  if (!header) return false;
  const expected = createHmac('sha256', secret).update(rawBody).digest();
  const given = Buffer.from(header, 'base64');
  return given.length === expected.length && timingSafeEqual(expected, given);
}

/** `POST /admin/oauth/access_token`: the permanent token and the scopes actually granted. */
export async function exchangeShopifyCode(base: string, o: { apiKey: string; apiSecret: string; code: string }): Promise<{ accessToken: string; scopes: string[] }> {
  const answer = await callExternal('shopify', joinUrl(base, '/admin/oauth/access_token'), {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ client_id: o.apiKey, client_secret: o.apiSecret, code: o.code }),
  });
  if (answer.status === 400 || answer.status === 401 || answer.status === 403) {
    throw new ProblemError(400, 'shopify_code_refused', 'Shopify refused the authorization code (expired or already used); connect again', { field: 'code' });
  }
  if (answer.status !== 200 || typeof answer.body?.access_token !== 'string') throw unexpectedAnswer('shopify', 'access token exchange', answer);
  return { accessToken: answer.body.access_token, scopes: String(answer.body.scope ?? '').split(',').filter(Boolean) };
}

/** Registers each webhook topic (`POST /admin/api/<version>/webhooks.json`); an existing subscription (422) counts as registered. */
export async function registerShopifyWebhooks(base: string, o: { apiVersion: string; accessToken: string; address: string; topics: readonly string[] }): Promise<{ topic: string; id: number | null }[]> {
  const registered: { topic: string; id: number | null }[] = [];
  for (const topic of o.topics) {
    const answer = await callExternal('shopify', joinUrl(base, `/admin/api/${o.apiVersion}/webhooks.json`), {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-shopify-access-token': o.accessToken },
      body: JSON.stringify({ webhook: { topic, address: o.address, format: 'json' } }),
    });
    if (answer.status === 201 || answer.status === 200) registered.push({ topic, id: answer.body?.webhook?.id ?? null });
    else if (answer.status === 422) registered.push({ topic, id: null });
    else throw unexpectedAnswer('shopify', `webhook registration (${topic})`, answer);
  }
  return registered;
}

/** `GET /admin/api/<version>/orders/count.json?status=any`. */
export async function countShopifyOrders(base: string, o: { apiVersion: string; accessToken: string; createdAtMin: string }): Promise<number> {
  const q = new URLSearchParams({ status: 'any', created_at_min: o.createdAtMin });
  const answer = await callExternal('shopify', joinUrl(base, `/admin/api/${o.apiVersion}/orders/count.json?${q}`), { headers: { 'x-shopify-access-token': o.accessToken } });
  if (answer.status !== 200 || typeof answer.body?.count !== 'number') throw unexpectedAnswer('shopify', 'order count', answer);
  return answer.body.count;
}

export interface ShopifyOrder {
  id: number | string;
  name: string;
  total_price: string;
  currency: string;
  created_at: string;
}

/**
 * One page of orders (`GET /admin/api/<version>/orders.json`), following Shopify's cursor pagination: the next
 * page's `page_info` comes from the `Link` header's `rel="next"`.
 */
export async function fetchShopifyOrders(
  base: string,
  o: { apiVersion: string; accessToken: string; createdAtMin: string; pageInfo: string | null; limit: number },
): Promise<{ orders: ShopifyOrder[]; nextPageInfo: string | null }> {
  const q = o.pageInfo
    ? new URLSearchParams({ limit: String(o.limit), page_info: o.pageInfo })
    : new URLSearchParams({ limit: String(o.limit), status: 'any', created_at_min: o.createdAtMin, fields: 'id,name,total_price,currency,created_at' });
  const answer = await callExternal('shopify', joinUrl(base, `/admin/api/${o.apiVersion}/orders.json?${q}`), { headers: { 'x-shopify-access-token': o.accessToken } });
  if (answer.status !== 200 || !Array.isArray(answer.body?.orders)) throw unexpectedAnswer('shopify', 'orders', answer);
  return { orders: answer.body.orders, nextPageInfo: nextPageInfo(answer.headers.get('link')) };
}

/** `page_info` of the `rel="next"` link of a `Link` header, or null. */
export function nextPageInfo(link: string | null): string | null {
  if (!link) return null;
  for (const part of link.split(',')) {
    if (!/rel="?next"?/.test(part)) continue;
    const url = part.match(/<([^>]+)>/)?.[1];
    if (!url) continue;
    try {
      return new URL(url).searchParams.get('page_info');
    } catch {
      return null;
    }
  }
  return null;
}
