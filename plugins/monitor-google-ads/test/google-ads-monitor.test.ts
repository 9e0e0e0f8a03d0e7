import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeHttpServer, type FakeHttpServer } from '@platform/sdk/testing';
import type { TenantInfo } from '@platform/sdk';
import { startMonitorHarness, type MonitorHarness } from '@platform/plugin-health/testing';
import { expectHttpFailureModes } from '@platform/plugin-health/testing/http-failure-modes';
import googleAdsPlugin, { googleAdsMonitor } from '../src/index.ts';

/** OAuth token endpoint + `POST /v18/customers/<id>/googleAds:search`, with Google's error envelope. */
describe('Google Ads monitor (per tenant)', () => {
  let oauth: FakeHttpServer;
  let ads: FakeHttpServer;
  let h: MonitorHarness;
  let alpha: TenantInfo, bravo: TenantInfo;
  let tokenCalls = 0;
  const customers: Record<string, { name: string; status: string }> = { '1234567890': { name: 'Alpha', status: 'ENABLED' }, '2223334444': { name: 'Bravo', status: 'SUSPENDED' } };

  beforeAll(async () => {
    oauth = await startFakeHttpServer((req, res) => {
      res.setHeader('content-type', 'application/json; charset=utf-8');
      const form = new URLSearchParams(req.body);
      tokenCalls++;
      if (form.get('grant_type') !== 'refresh_token' || form.get('client_secret') !== 'gads-client-secret' || !form.get('refresh_token')?.startsWith('1//secret')) {
        res.statusCode = 400;
        return res.end(JSON.stringify({ error: 'invalid_grant', error_description: 'Token has been expired or revoked.' }));
      }
      res.end(JSON.stringify({ access_token: `ya29.${form.get('refresh_token')!.slice(-5)}`, expires_in: 3599, scope: 'https://www.googleapis.com/auth/adwords', token_type: 'Bearer' }));
    });
    ads = await startFakeHttpServer((req, res) => {
      res.setHeader('content-type', 'application/json; charset=UTF-8');
      const m = /^\/v18\/customers\/(\d{10})\/googleAds:search$/.exec(req.path);
      if (req.headers['developer-token'] !== 'gads-dev-secret' || !String(req.headers.authorization).startsWith('Bearer ya29.')) {
        res.statusCode = 401;
        return res.end(JSON.stringify({ error: { code: 401, message: 'Request had invalid authentication credentials.', status: 'UNAUTHENTICATED' } }));
      }
      expect(req.json()).toEqual({ query: 'SELECT customer.id, customer.descriptive_name, customer.status FROM customer LIMIT 1' });
      const c = m ? customers[m[1]] : undefined;
      res.end(JSON.stringify({ results: [{ customer: { resourceName: `customers/${m![1]}`, id: m![1], descriptiveName: c!.name, status: c!.status } }], fieldMask: 'customer.id,customer.descriptiveName,customer.status', requestId: 'req-1' }));
    });
    h = await startMonitorHarness(googleAdsPlugin);
    alpha = await h.tenant('alpha');
    bravo = await h.tenant('bravo');
    // Platform-wide: the developer token and OAuth client; per tenant: the customer and refresh token.
    await h.configure({ baseUrl: ads.url, tokenUrl: `${oauth.url}/token`, developerToken: 'gads-dev-secret', clientId: 'client.apps.googleusercontent.com', clientSecret: 'gads-client-secret' });
    await h.configure({ customerId: '123-456-7890', refreshToken: '1//secret-alpha' }, alpha);
    await h.configure({ customerId: '2223334444', refreshToken: '1//secret-bravo' }, bravo);
  });
  afterAll(async () => {
    await h?.close();
    await ads?.close();
    await oauth?.close();
  });

  it("queries each tenant's customer with an access token from its refresh token", async () => {
    expect(await h.check('google-ads', alpha)).toMatchObject({ status: 'healthy', message: 'Alpha: enabled' });
    expect(ads.requests.at(-1)!.headers.authorization).toBe('Bearer ya29.alpha');
    expect(await h.check('google-ads', bravo)).toMatchObject({ lastResult: 'unhealthy', message: 'customer Bravo is SUSPENDED' });
  });

  it('caches the access token between checks', async () => {
    const before = tokenCalls;
    await h.check('google-ads', alpha);
    expect(tokenCalls).toBe(before);
  });

  it('reports a revoked refresh token with Google\'s description', async () => {
    const charlie = await h.tenant('charlie');
    await h.configure({ customerId: '1234567890', refreshToken: 'stale-refresh-xyz' }, charlie);
    expect((await h.check('google-ads', charlie)).message).toBe('HTTP 400 from POST /token: Token has been expired or revoked.');
  });

  it('reports 5xx, invalid JSON and timeouts on the search call', async () => {
    const config = { baseUrl: ads.url, tokenUrl: `${oauth.url}/token`, apiVersion: 'v18', developerToken: 'gads-dev-secret', clientId: 'c', clientSecret: 'gads-client-secret', customerId: '1234567890', refreshToken: '1//secret-alpha' };
    await expectHttpFailureModes(googleAdsMonitor, config, ads, { tenant: alpha });
  });
});
