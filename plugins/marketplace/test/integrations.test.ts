import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeHttpServer, type FakeHttpServer } from '@platform/sdk/testing';
import { signWebhookBody } from '../src/integrations/webhook-signature.ts';
import { createMarketplaceKernel, publishedAddon, type MarketplaceKernel } from './support/marketplace-kernel.ts';

const GOOD_TOKEN = 'shpat_0123456789abcdef';

/** Shopify's Admin API `shop.json` as a fake: the good token gets the shop, any other a 401, unknown shops a 404. */
function fakeShopify(): Promise<FakeHttpServer> {
  return startFakeHttpServer((req, res) => {
    res.setHeader('content-type', 'application/json');
    const shop = req.path.split('/')[1];
    if (req.path !== `/${shop}/admin/api/2024-10/shop.json`) return void ((res.statusCode = 404), res.end('{"errors":"Not Found"}'));
    if (shop === 'missing.myshopify.com') return void ((res.statusCode = 404), res.end('{"errors":"Not Found"}'));
    if (req.headers['x-shopify-access-token'] !== GOOD_TOKEN) return void ((res.statusCode = 401), res.end('{"errors":"[API] Invalid API key or access token (unrecognized login or wrong password)"}'));
    res.end(JSON.stringify({ shop: { id: 1, name: 'Acme Store', myshopify_domain: shop } }));
  });
}

describe('integrations catalog', () => {
  let m: MarketplaceKernel;
  const now = () => Math.floor(m.clock.now / 1000);
  let shopify: FakeHttpServer;

  beforeAll(async () => {
    shopify = await fakeShopify();
    m = await createMarketplaceKernel([], { slugs: ['int-a', 'int-b'], shopifyApiBaseUrl: (shop) => `${shopify.url}/${shop}` });
  });
  afterAll(async () => {
    await m?.t.close();
    await shopify?.close();
  });

  const connect = (client: MarketplaceKernel['alice'], config: Record<string, unknown>, type = 'shopify-admin') =>
    client.inject({ method: 'POST', url: '/api/marketplace/my/integrations', payload: { type, config } });
  let integrationId: string;
  let webhookUrl: string;
  let secret: string;

  it('lists the installed integration types', async () => {
    const res = await m.alice.inject({ method: 'GET', url: '/api/marketplace/integration-types' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual([expect.objectContaining({ id: 'shopify-admin', availability: 'free', addonId: null })]);
  });

  it('refuses credentials the provider refuses, naming the field, and stores nothing', async () => {
    const bad = await connect(m.alice, { shopDomain: 'acme.myshopify.com', accessToken: 'shpat_wrongwrongwrong' });
    expect(bad.statusCode, bad.body).toBe(400);
    expect(bad.json()).toMatchObject({ code: 'credentials_refused', field: 'config.accessToken' });
    expect(bad.body).not.toContain('shpat_wrongwrongwrong');
    const missing = await connect(m.alice, { shopDomain: 'missing.myshopify.com', accessToken: GOOD_TOKEN });
    expect(missing.json()).toMatchObject({ code: 'credentials_refused', field: 'config.shopDomain' });
    for (const [config, field] of [
      [{ shopDomain: 'https://evil.test', accessToken: GOOD_TOKEN }, 'config.shopDomain'],
      [{ shopDomain: 'acme.myshopify.com' }, 'config.accessToken'],
      [{ shopDomain: 'acme.myshopify.com', accessToken: 'x\u0000yyyyyyyyyyy' }, 'config.accessToken'],
    ] as const) {
      const res = await connect(m.alice, config);
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().field).toBe(field);
    }
    expect((await connect(m.alice, { shopDomain: 'acme.myshopify.com', accessToken: GOOD_TOKEN }, 'nope')).json()).toMatchObject({ field: 'type' });
    expect((await m.t.sql<{ n: number }>('SELECT count(*)::int AS n FROM marketplace_integrations'))[0].n).toBe(0);
  });

  it('connects with credentials the provider accepts, sealing the token and giving a signing secret once', async () => {
    const res = await connect(m.alice, { shopDomain: 'acme.myshopify.com', accessToken: GOOD_TOKEN });
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json();
    expect(body).toMatchObject({ type: 'shopify-admin', name: 'Shopify (Admin API)', validationDetail: 'Connected to Acme Store', config: { shopDomain: 'acme.myshopify.com' }, lastDelivery: null });
    expect(body.config.accessToken).not.toBe(GOOD_TOKEN);
    expect(body.webhookSecret).toMatch(/^whsec_/);
    expect(body.webhookUrl).toMatch(/\/api\/marketplace\/hooks\/[A-Za-z0-9_-]+$/);
    integrationId = body.id;
    webhookUrl = body.webhookUrl;
    secret = body.webhookSecret;
    const [stored] = await m.t.sql<{ config: any; webhook_secret: any }>('SELECT config, webhook_secret FROM marketplace_integrations WHERE id = $1', [integrationId]);
    expect(JSON.stringify(stored)).not.toContain(GOOD_TOKEN);
    expect(JSON.stringify(stored)).not.toContain(secret);
    expect(shopify.requests.at(-1)?.headers['x-shopify-access-token']).toBe(GOOD_TOKEN);
    const listed = (await m.alice.inject({ method: 'GET', url: '/api/marketplace/my/integrations' })).json();
    expect(listed).toHaveLength(1);
    expect(listed[0].webhookSecret).toBeUndefined();
    expect((await connect(m.alice, { shopDomain: 'acme.myshopify.com', accessToken: GOOD_TOKEN })).json()).toMatchObject({ code: 'integration_exists' });
  });

  it('keeps a masked token on edit and validates a new one with the provider', async () => {
    const current = (await m.alice.inject({ method: 'GET', url: `/api/marketplace/my/integrations/${integrationId}` })).json();
    const renamed = await m.alice.inject({ method: 'PATCH', url: `/api/marketplace/my/integrations/${integrationId}`, payload: { name: 'Main shop', config: current.config } });
    expect(renamed.statusCode, renamed.body).toBe(200);
    expect(renamed.json()).toMatchObject({ name: 'Main shop', validationDetail: 'Connected to Acme Store' });
    const wrong = await m.alice.inject({ method: 'PATCH', url: `/api/marketplace/my/integrations/${integrationId}`, payload: { config: { accessToken: 'shpat_wrongwrongwrong' } } });
    expect(wrong.json()).toMatchObject({ code: 'credentials_refused', field: 'config.accessToken' });
    expect(shopify.requests.at(-2)?.headers['x-shopify-access-token']).toBe(GOOD_TOKEN);
  });

  it('accepts deliveries signed with the secret, refuses others with 401, and records the last status', async () => {
    const path = new URL(webhookUrl).pathname;
    const body = JSON.stringify({ id: 42, topic: 'orders/create' });
    const bad = await m.t.client.inject({ method: 'POST', url: path, payload: body, headers: { 'content-type': 'application/json', 'x-platform-signature': signWebhookBody('whsec_wrong', body, now()) } });
    expect(bad.statusCode).toBe(401);
    expect((await m.alice.inject({ method: 'GET', url: `/api/marketplace/my/integrations/${integrationId}` })).json().lastDelivery).toMatchObject({ status: 'bad_signature' });
    const unsigned = await m.t.client.inject({ method: 'POST', url: path, payload: body, headers: { 'content-type': 'application/json' } });
    expect(unsigned.statusCode).toBe(401);
    const good = await m.t.client.inject({ method: 'POST', url: path, payload: body, headers: { 'content-type': 'application/json', 'x-platform-signature': signWebhookBody(secret, body, now()) } });
    expect(good.statusCode, good.body).toBe(202);
    const view = (await m.alice.inject({ method: 'GET', url: `/api/marketplace/my/integrations/${integrationId}` })).json();
    expect(view.lastDelivery).toMatchObject({ status: 'accepted', error: null });
    const deliveries = (await m.alice.inject({ method: 'GET', url: `/api/marketplace/my/integrations/${integrationId}/deliveries` })).json();
    expect(deliveries.map((d: any) => d.status)).toEqual(['accepted', 'bad_signature', 'bad_signature']);
    expect(deliveries[0].payload).toBe(body);
    const events = await m.t.sql<{ payload: any }>(`SELECT payload FROM kernel_outbox WHERE name = 'marketplace.integration.delivery'`);
    expect(events).toHaveLength(1);
    expect((await m.t.client.inject({ method: 'POST', url: '/api/marketplace/hooks/unknownunknownunknownunknown', payload: body, headers: { 'content-type': 'application/json' } })).statusCode).toBe(404);
    // A rotated secret: the old one stops working.
    const rotated = (await m.alice.inject({ method: 'POST', url: `/api/marketplace/my/integrations/${integrationId}/rotate-secret`, payload: {} })).json();
    expect(rotated.webhookSecret).not.toBe(secret);
    expect((await m.t.client.inject({ method: 'POST', url: path, payload: body, headers: { 'content-type': 'application/json', 'x-platform-signature': signWebhookBody(secret, body, now()) } })).statusCode).toBe(401);
    expect((await m.t.client.inject({ method: 'POST', url: path, payload: body, headers: { 'content-type': 'application/json', 'x-platform-signature': signWebhookBody(rotated.webhookSecret, body, now()) } })).statusCode).toBe(202);
  });

  it('refuses a replay: a correctly signed delivery whose signed timestamp is outside the 300 s window is 401 and recorded as rejected', async () => {
    const path = new URL(webhookUrl).pathname;
    const current = (await m.alice.inject({ method: 'POST', url: `/api/marketplace/my/integrations/${integrationId}/rotate-secret`, payload: {} })).json().webhookSecret;
    const body = JSON.stringify({ id: 43, topic: 'orders/paid' });
    const send = (signature: string) => m.t.client.inject({ method: 'POST', url: path, payload: body, headers: { 'content-type': 'application/json', 'x-platform-signature': signature } });
    const captured = signWebhookBody(current, body, now());
    expect((await send(captured)).statusCode).toBe(202);
    m.clock.now += 301_000;
    const replayed = await send(captured);
    expect(replayed.statusCode).toBe(401);
    expect(replayed.json().code).toBe('stale_signature');
    expect((await send(signWebhookBody(current, body, now() + 301))).statusCode).toBe(401); // dated ahead
    // the timestamp is signed: moving it forward breaks the signature
    expect((await send(captured.replace(/^t=\d+/, `t=${now()}`))).json().code).toBe('invalid_signature');
    expect((await send(signWebhookBody(current, body, now() - 299))).statusCode).toBe(202);
    const deliveries = (await m.alice.inject({ method: 'GET', url: `/api/marketplace/my/integrations/${integrationId}/deliveries` })).json();
    expect(deliveries.slice(0, 5).map((d: any) => d.status)).toEqual(['accepted', 'bad_signature', 'rejected', 'rejected', 'accepted']);
    expect(deliveries[2].error).toMatch(/replay/);
  });

  it("never shows or changes another tenant's integrations", async () => {
    expect((await m.bob.inject({ method: 'GET', url: '/api/marketplace/my/integrations' })).json()).toEqual([]);
    for (const req of [
      { method: 'GET', url: `/api/marketplace/my/integrations/${integrationId}` },
      { method: 'GET', url: `/api/marketplace/my/integrations/${integrationId}/deliveries` },
      { method: 'PATCH', url: `/api/marketplace/my/integrations/${integrationId}`, payload: { name: 'mine now' } },
      { method: 'POST', url: `/api/marketplace/my/integrations/${integrationId}/rotate-secret`, payload: {} },
      { method: 'DELETE', url: `/api/marketplace/my/integrations/${integrationId}` },
    ] as const) expect((await m.bob.inject(req as any)).statusCode, `${req.method} ${req.url}`).toBe(404);
    expect((await m.bob.inject({ method: 'GET', url: '/api/marketplace/my/integrations', headers: { 'x-tenant-id': m.aId } })).statusCode).toBe(403);
    expect((await m.alice.inject({ method: 'GET', url: `/api/marketplace/my/integrations/${integrationId}` })).json()).toMatchObject({ name: 'Main shop' });
  });

  it('needs a purchase once the type is sold in the marketplace, and connects after buying it', async () => {
    const addon = await publishedAddon(m.t, { name: 'Shopify connector', kind: 'integration', provision: { integrationType: 'shopify-admin' }, pricing: 'monthly', amountMinor: 1000 });
    const types = (await m.bob.inject({ method: 'GET', url: '/api/marketplace/integration-types' })).json();
    expect(types[0]).toMatchObject({ availability: 'needs_purchase', addonId: addon });
    expect((await connect(m.bob, { shopDomain: 'bob.myshopify.com', accessToken: GOOD_TOKEN })).json()).toMatchObject({ code: 'integration_not_purchased', field: 'type' });
    const bought = await m.bob.inject({ method: 'POST', url: '/api/marketplace/my/purchases', payload: { addonId: addon } });
    expect(bought.statusCode, bought.body).toBe(201);
    expect(bought.json()).toMatchObject({ billing: 'not_installed', nextInvoice: null });
    const res = await connect(m.bob, { shopDomain: 'bob.myshopify.com', accessToken: GOOD_TOKEN });
    expect(res.statusCode, res.body).toBe(201);
  });
});
