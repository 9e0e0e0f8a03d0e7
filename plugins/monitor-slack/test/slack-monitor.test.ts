import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeHttpServer, type FakeHandler, type FakeHttpServer } from '@platform/sdk/testing';
import { startMonitorHarness, type MonitorHarness } from '@platform/plugin-health/testing';
import { expectHttpFailureModes } from '@platform/plugin-health/testing/http-failure-modes';
import slackPlugin, { slackMonitor } from '../src/index.ts';

const TOKEN = 'xoxb-secret-1234';

/** Slack's `POST /api/auth.test`; auth errors come back as HTTP 200 with `ok: false`. */
const slackApi: FakeHandler = (req, res) => {
  res.setHeader('content-type', 'application/json; charset=utf-8');
  expect(req).toMatchObject({ method: 'POST', path: '/api/auth.test' });
  if (req.headers.authorization !== `Bearer ${TOKEN}`) return void res.end(JSON.stringify({ ok: false, error: 'invalid_auth' }));
  res.end(JSON.stringify({ ok: true, url: 'https://acme.slack.com/', team: 'Acme', user: 'platform-bot', team_id: 'T12345', user_id: 'U12345', bot_id: 'B12345', is_enterprise_install: false }));
};

describe('Slack monitor', () => {
  let api: FakeHttpServer;
  let h: MonitorHarness;
  beforeAll(async () => {
    api = await startFakeHttpServer(slackApi);
    h = await startMonitorHarness(slackPlugin);
    await h.configure({ baseUrl: api.url, botToken: TOKEN });
  });
  afterAll(async () => {
    await h?.close();
    await api?.close();
  });

  it('calls auth.test with the bot token', async () => {
    expect(await h.check('slack')).toMatchObject({ status: 'healthy', message: 'authenticated as platform-bot in Acme', details: { teamId: 'T12345' } });
  });

  it('reads ok: false as a failure even on HTTP 200', async () => {
    await h.configure({ botToken: 'xoxb-secret-revoked' });
    expect(await h.check('slack')).toMatchObject({ lastResult: 'unhealthy', message: 'auth.test failed: invalid_auth' });
  });

  it('is degraded when rate limited', async () => {
    api.handle((_req, res) => {
      res.statusCode = 429;
      res.setHeader('retry-after', '30');
      res.end(JSON.stringify({ ok: false, error: 'ratelimited' }));
    });
    expect((await h.check('slack')).lastResult).toBe('degraded');
  });

  it('reports slow answers, TLS errors, 5xx, invalid JSON and timeouts', async () => {
    api.handle(slackApi);
    await expectHttpFailureModes(slackMonitor, { baseUrl: api.url, botToken: TOKEN }, api);
  });
});
