import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeHttpServer, type FakeHttpServer } from '@platform/sdk/testing';
import type { TenantInfo } from '@platform/sdk';
import { startMonitorHarness, type MonitorHarness } from '@platform/plugin-health/testing';
import { expectHttpFailureModes } from '@platform/plugin-health/testing/http-failure-modes';
import metaPlugin, { metaAdsMonitor } from '../src/index.ts';

const ACCOUNTS: Record<string, { token: string; name: string; account_status: number }> = {
  '1001': { token: 'EAAB-secret-alpha', name: 'Alpha Ads', account_status: 1 },
  '1002': { token: 'EAAB-secret-bravo', name: 'Bravo Ads', account_status: 3 },
};

/** Graph API: `GET /v21.0/act_<id>?fields=...` with a bearer token; errors are OAuthException objects. */
describe('Meta Ads monitor (per tenant)', () => {
  let api: FakeHttpServer;
  let h: MonitorHarness;
  let alpha: TenantInfo, bravo: TenantInfo;
  beforeAll(async () => {
    api = await startFakeHttpServer((req, res) => {
      res.setHeader('content-type', 'application/json');
      const m = /^\/v21\.0\/act_(\d+)\?fields=name,account_status,currency$/.exec(req.path);
      const account = m ? ACCOUNTS[m[1]] : undefined;
      if (!account || req.headers.authorization !== `Bearer ${account.token}`) {
        res.statusCode = 400;
        return res.end(JSON.stringify({ error: { message: 'Error validating access token: Session has expired.', type: 'OAuthException', code: 190, error_subcode: 463, fbtrace_id: 'AbCdEf' } }));
      }
      res.end(JSON.stringify({ name: account.name, account_status: account.account_status, currency: 'EUR', id: `act_${m![1]}` }));
    });
    h = await startMonitorHarness(metaPlugin);
    alpha = await h.tenant('alpha');
    bravo = await h.tenant('bravo');
    await h.configure({ baseUrl: api.url, adAccountId: 'act_1001', accessToken: 'EAAB-secret-alpha' }, alpha);
    await h.configure({ baseUrl: api.url, adAccountId: '1002', accessToken: 'EAAB-secret-bravo' }, bravo);
  });
  afterAll(async () => {
    await h?.close();
    await api?.close();
  });

  it("reads each tenant's ad account status", async () => {
    expect(await h.check('meta-ads', alpha)).toMatchObject({ status: 'healthy', message: 'Alpha Ads: active', details: { accountStatus: 1, currency: 'EUR' } });
    expect(await h.check('meta-ads', bravo)).toMatchObject({ lastResult: 'degraded', message: 'Bravo Ads: unsettled' });
  });

  it('reports an expired token with the Graph API message', async () => {
    await h.configure({ accessToken: 'EAAB-secret-expired' }, alpha);
    expect((await h.check('meta-ads', alpha)).message).toBe('HTTP 400 from GET /v21.0/act_1001: Error validating access token: Session has expired.');
  });

  it('reports slow answers, TLS errors, 5xx, invalid JSON and timeouts', async () => {
    await expectHttpFailureModes(metaAdsMonitor, { baseUrl: api.url, apiVersion: 'v21.0', adAccountId: '1001', accessToken: 'EAAB-secret-alpha' }, api, { tenant: alpha });
  });
});
