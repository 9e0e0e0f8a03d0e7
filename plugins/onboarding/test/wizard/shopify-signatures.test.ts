import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { nextPageInfo, shopifyAuthorizeUrl, shopifyQueryHmac, verifyShopifyQuery, verifyShopifyWebhook } from '../../src/wizard/providers/shopify-oauth.ts';
import { shopifyAmountToMinor } from '../../src/wizard/import/shopify-amount.ts';

describe("Shopify's signatures", () => {
  // Shopify's documented example: code, shop, state, timestamp signed with the app secret "hush".
  const query = { code: '0907a61c0c8d55e99db179b68161bc00', shop: 'some-shop.myshopify.com', state: '0.6784241404160823', timestamp: '1337178173' };
  it('signs the sorted query without hmac, hex HMAC-SHA256', () => {
    const message = 'code=0907a61c0c8d55e99db179b68161bc00&shop=some-shop.myshopify.com&state=0.6784241404160823&timestamp=1337178173';
    expect(shopifyQueryHmac({ ...query, hmac: 'ignored' }, 'hush')).toBe(createHmac('sha256', 'hush').update(message).digest('hex'));
  });
  it('accepts its own signature and refuses a changed parameter, a wrong secret or a malformed hmac', () => {
    const hmac = shopifyQueryHmac(query, 'hush');
    expect(verifyShopifyQuery({ ...query, hmac }, 'hush')).toBe(true);
    expect(verifyShopifyQuery({ ...query, shop: 'evil.myshopify.com', hmac }, 'hush')).toBe(false);
    expect(verifyShopifyQuery({ ...query, hmac }, 'other')).toBe(false);
    expect(verifyShopifyQuery({ ...query, hmac: 'zz' }, 'hush')).toBe(false);
    expect(verifyShopifyQuery(query, 'hush')).toBe(false);
  });
  it('checks webhook bodies by their base64 HMAC', () => {
    const body = Buffer.from('{"id":1}');
    const header = createHmac('sha256', 'hush').update(body).digest('base64');
    expect(verifyShopifyWebhook(body, header, 'hush')).toBe(true);
    expect(verifyShopifyWebhook(Buffer.from('{"id":2}'), header, 'hush')).toBe(false);
    expect(verifyShopifyWebhook(body, undefined, 'hush')).toBe(false);
  });
  it('builds the authorize URL with the scopes comma-separated', () => {
    const url = new URL(shopifyAuthorizeUrl('https://x.myshopify.com/', { apiKey: 'k', scopes: ['read_orders', 'read_products'], redirectUri: 'https://p.test/cb', state: 's' }));
    expect(url.pathname).toBe('/admin/oauth/authorize');
    expect(Object.fromEntries(url.searchParams)).toEqual({ client_id: 'k', scope: 'read_orders,read_products', redirect_uri: 'https://p.test/cb', state: 's' });
  });
  it("follows the Link header's next page", () => {
    expect(nextPageInfo('<https://x.myshopify.com/admin/api/2024-10/orders.json?limit=50&page_info=abc>; rel="next"')).toBe('abc');
    expect(nextPageInfo('<https://x/admin/api/2024-10/orders.json?page_info=p>; rel="previous", <https://x/admin/api/2024-10/orders.json?page_info=n>; rel="next"')).toBe('n');
    expect(nextPageInfo('<https://x/orders.json?page_info=p>; rel="previous"')).toBeNull();
    expect(nextPageInfo(null)).toBeNull();
  });
  it('reads decimal amounts as minor units of the currency', () => {
    expect(shopifyAmountToMinor('123.45', 'USD')).toBe(12345);
    expect(shopifyAmountToMinor('10', 'USD')).toBe(1000);
    expect(shopifyAmountToMinor('500', 'JPY')).toBe(500);
    expect(shopifyAmountToMinor('1.005', 'USD')).toBe(101);
    expect(shopifyAmountToMinor('-1.00', 'USD')).toBeNull();
    expect(shopifyAmountToMinor('1.00', 'XXX1')).toBeNull();
    expect(shopifyAmountToMinor(12, 'USD')).toBeNull();
  });
});
