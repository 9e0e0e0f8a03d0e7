import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeHttpServer, type FakeHttpServer } from '@platform/sdk/testing';
import type { TenantInfo } from '@platform/sdk';
import { startMonitorHarness, type MonitorHarness } from '@platform/plugin-health/testing';
import { expectHttpFailureModes } from '@platform/plugin-health/testing/http-failure-modes';
import shopifyPlugin, { shopifyMonitor } from '../src/index.ts';

const TOKENS: Record<string, { name: string; plan: string }> = {
  shpat_secret_alpha: { name: 'Alpha Outfitters', plan: 'shopify_plus' },
  shpat_secret_bravo: { name: 'Bravo Goods', plan: 'frozen' },
};

/** Shopify Admin REST: `GET /admin/api/<version>/shop.json`, `X-Shopify-Access-Token`. */
describe('Shopify monitor (per tenant)', () => {
  let api: FakeHttpServer;
  let h: MonitorHarness;
  let alpha: TenantInfo, bravo: TenantInfo, charlie: TenantInfo;
  beforeAll(async () => {
    api = await startFakeHttpServer((req, res) => {
      res.setHeader('content-type', 'application/json; charset=utf-8');
      const shop = TOKENS[String(req.headers['x-shopify-access-token'])];
      if (!shop) {
        res.statusCode = 401;
        return res.end(JSON.stringify({ errors: '[API] Invalid API key or access token (unrecognized login or wrong password)' }));
      }
      if (req.path !== '/admin/api/2025-01/shop.json') {
        res.statusCode = 404;
        return res.end(JSON.stringify({ errors: 'Not Found' }));
      }
      res.setHeader('x-shopify-shop-api-call-limit', '1/40');
      res.end(JSON.stringify({ shop: { id: 548380009, name: shop.name, email: 'owner@example.com', myshopify_domain: `${shop.name.split(' ')[0].toLowerCase()}.myshopify.com`, plan_name: shop.plan, currency: 'USD' } }));
    });
    h = await startMonitorHarness(shopifyPlugin);
    [alpha, bravo, charlie] = [await h.tenant('alpha'), await h.tenant('bravo'), await h.tenant('charlie')];
    await h.configure({ shopDomain: 'alpha.myshopify.com', accessToken: 'shpat_secret_alpha', baseUrl: api.url }, alpha);
    await h.configure({ shopDomain: 'bravo.myshopify.com', accessToken: 'shpat_secret_bravo', baseUrl: api.url }, bravo);
  });
  afterAll(async () => {
    await h?.close();
    await api?.close();
  });

  it("checks each tenant's own shop with its own token", async () => {
    expect(await h.check('shopify', alpha)).toMatchObject({ status: 'healthy', message: 'Alpha Outfitters (shopify_plus)', details: { plan: 'shopify_plus', callLimit: '1/40' } });
    expect(api.requests.at(-1)!.headers['x-shopify-access-token']).toBe('shpat_secret_alpha');
  });

  it('reports a frozen shop as unhealthy', async () => {
    expect(await h.check('shopify', bravo)).toMatchObject({ lastResult: 'unhealthy', message: 'shop Bravo Goods is frozen' });
  });

  it('leaves a tenant without a shop unchecked', async () => {
    const targets = (await h.t.inject('/api/health/services/shopify/targets')).json();
    expect(targets.find((x: any) => x.tenantId === charlie.id)).toMatchObject({ checked: false, problem: 'not configured: setting "shopDomain" is not set' });
  });

  it('reports a revoked token with Shopify\'s message', async () => {
    await h.configure({ accessToken: 'shpat_secret_revoked' }, alpha);
    const view = await h.check('shopify', alpha);
    expect(view).toMatchObject({ lastResult: 'unhealthy', message: 'HTTP 401 from GET /admin/api/2025-01/shop.json: [API] Invalid API key or access token (unrecognized login or wrong password)' });
  });

  it('reports slow answers, TLS errors, 5xx, invalid JSON and timeouts', async () => {
    await expectHttpFailureModes(shopifyMonitor, { shopDomain: 'alpha.myshopify.com', accessToken: 'shpat_secret_alpha', apiVersion: '2025-01', baseUrl: api.url }, api, { tenant: alpha });
  });
});
