import { afterAll, expect, it } from 'vitest';
import { SECRET_MASK, startFakeHttpServer, startMonitorHarness } from '@platform/testing';
import acme from '../src/index.ts';

const api = await startFakeHttpServer((req, res) => {
  res.statusCode = req.headers.authorization === 'Bearer key-1' ? 200 : 401;
  res.end(JSON.stringify(res.statusCode === 200 ? { ok: true, region: 'eu-1' } : { error: 'bad key' }));
});
const h = await startMonitorHarness(acme);
afterAll(async () => (await h.close(), await api.close()));

it('is healthy when Acme answers, and never shows the key', async () => {
  await h.configure({ baseUrl: api.url, apiKey: 'key-1' });
  expect(await h.check('acme')).toMatchObject({ status: 'healthy', message: 'pong from eu-1' });
  expect(api.requests.at(-1)).toMatchObject({ method: 'GET', path: '/v1/ping' });
  expect((await h.t.inject('/api/plugins/monitor-acme/settings')).json().values.apiKey).toBe(SECRET_MASK);
  await h.configure({ apiKey: 'key-2' });
  expect(await h.check('acme')).toMatchObject({ lastResult: 'unhealthy', message: expect.stringContaining('HTTP 401') });
});
