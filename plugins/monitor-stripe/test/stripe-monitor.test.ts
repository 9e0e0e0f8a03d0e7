import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeHttpServer, type FakeHttpServer } from '@platform/sdk/testing';
import { startMonitorHarness, type MonitorHarness } from '@platform/plugin-health/testing';
import { expectHttpFailureModes } from '@platform/plugin-health/testing/http-failure-modes';
import stripePlugin, { stripeMonitor } from '../src/index.ts';

const SECRET = 'sk_test_secret_51Hx';

/** Stripe's real shapes: `GET /v1/balance` with `Authorization: Bearer sk_...`. */
function stripeApi(req: { method: string; path: string; headers: Record<string, unknown> }, res: any) {
  res.setHeader('content-type', 'application/json');
  if (req.headers.authorization !== `Bearer ${SECRET}`) {
    res.statusCode = 401;
    return res.end(JSON.stringify({ error: { message: 'Invalid API Key provided: sk_test_****51Hx', type: 'invalid_request_error' } }));
  }
  if (req.method !== 'GET' || req.path !== '/v1/balance') {
    res.statusCode = 404;
    return res.end(JSON.stringify({ error: { message: 'Unrecognized request URL', type: 'invalid_request_error' } }));
  }
  res.end(JSON.stringify({
    object: 'balance',
    available: [{ amount: 120034, currency: 'usd', source_types: { card: 120034 } }, { amount: 5000, currency: 'eur', source_types: { card: 5000 } }],
    connect_reserved: [{ amount: 0, currency: 'usd' }],
    livemode: false,
    pending: [{ amount: 800, currency: 'usd', source_types: { card: 800 } }],
  }));
}

describe('Stripe monitor', () => {
  let api: FakeHttpServer;
  let h: MonitorHarness;
  beforeAll(async () => {
    api = await startFakeHttpServer(stripeApi as any);
    h = await startMonitorHarness(stripePlugin);
  });
  afterAll(async () => {
    await h?.close();
    await api?.close();
  });

  it('is not checked until its secret key is set', async () => {
    const r = await h.t.inject('/api/health/services/stripe/targets');
    expect(r.json()[0]).toMatchObject({ checked: false, status: 'unknown', problem: 'not configured: setting "secretKey" is not set' });
  });

  it('retrieves the balance with the secret key', async () => {
    await h.configure({ baseUrl: api.url, secretKey: SECRET });
    const view = await h.check('stripe');
    expect(view).toMatchObject({ status: 'healthy', message: 'balance available in 2 currencies', details: { livemode: false, currencies: ['usd', 'eur'] } });
    expect(api.requests.at(-1)).toMatchObject({ method: 'GET', path: '/v1/balance' });
  });

  it('reports a rejected key with Stripe\'s message, never the key', async () => {
    await h.configure({ secretKey: 'sk_test_secret_wrong' });
    const view = await h.check('stripe');
    expect(view).toMatchObject({ lastResult: 'unhealthy', status: 'healthy', consecutiveFailures: 1 }); // debounced: N=3
    expect(view.message).toBe('HTTP 401 from GET /v1/balance: Invalid API Key provided: sk_test_****51Hx');
    const settings = (await h.t.inject('/api/plugins/monitor-stripe/settings')).json();
    expect(settings.values.secretKey).toBe('••••••');
  });

  it('reports slow answers, TLS errors, 5xx, invalid JSON and timeouts', async () => {
    await expectHttpFailureModes(stripeMonitor, { baseUrl: api.url, secretKey: SECRET }, api);
  });
});
