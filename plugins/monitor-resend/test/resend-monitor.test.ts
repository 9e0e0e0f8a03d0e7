import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeHttpServer, type FakeHttpServer } from '@platform/sdk/testing';
import { startMonitorHarness, type MonitorHarness } from '@platform/plugin-health/testing';
import { expectHttpFailureModes } from '@platform/plugin-health/testing/http-failure-modes';
import resendPlugin, { resendMonitor } from '../src/index.ts';

const KEY = 're_secret_123456';

describe('Resend (email) monitor', () => {
  let api: FakeHttpServer;
  let h: MonitorHarness;
  const verifiedDomains = [
    { id: 'd91cd9bd-1176-453e-8fc1-35364d380206', name: 'mail.acme.com', status: 'verified', created_at: '2023-04-26 20:21:26.347412+00', region: 'us-east-1' },
    { id: 'a1b2', name: 'news.acme.com', status: 'not_started', created_at: '2023-05-01 10:00:00+00', region: 'eu-west-1' },
  ];
  let domains = verifiedDomains;
  beforeAll(async () => {
    api = await startFakeHttpServer((req, res) => {
      res.setHeader('content-type', 'application/json');
      if (req.headers.authorization !== `Bearer ${KEY}`) {
        res.statusCode = 401;
        return res.end(JSON.stringify({ statusCode: 401, message: 'API key is invalid', name: 'validation_error' }));
      }
      expect(req.path).toBe('/domains');
      res.end(JSON.stringify({ object: 'list', data: domains }));
    });
    h = await startMonitorHarness(resendPlugin);
    await h.configure({ baseUrl: api.url, apiKey: KEY });
  });
  afterAll(async () => {
    await h?.close();
    await api?.close();
  });

  it('lists domains and counts the verified ones', async () => {
    expect(await h.check('resend')).toMatchObject({ status: 'healthy', message: '1 verified domain' });
  });

  it('degrades when a domain fails verification or none is verified', async () => {
    domains = [{ ...domains[0], status: 'failed' }];
    expect((await h.check('resend')).message).toBe('domain verification failing: mail.acme.com');
    domains = [];
    expect(await h.check('resend')).toMatchObject({ lastResult: 'degraded', message: 'no verified sending domain' });
  });

  it('reports an invalid key with Resend\'s message', async () => {
    await h.configure({ apiKey: 're_secret_wrong' });
    expect((await h.check('resend')).message).toBe('HTTP 401 from GET /domains: API key is invalid');
  });

  it('reports slow answers, TLS errors, 5xx, invalid JSON and timeouts', async () => {
    domains = verifiedDomains;
    await expectHttpFailureModes(resendMonitor, { baseUrl: api.url, apiKey: KEY }, api);
  });
});
