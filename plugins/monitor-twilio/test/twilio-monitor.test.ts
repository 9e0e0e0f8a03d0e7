import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeHttpServer, type FakeHttpServer } from '@platform/sdk/testing';
import { startMonitorHarness, type MonitorHarness } from '@platform/plugin-health/testing';
import { expectHttpFailureModes } from '@platform/plugin-health/testing/http-failure-modes';
import twilioPlugin, { twilioMonitor } from '../src/index.ts';

const SID = 'AC0123456789abcdef0123456789abcdef';
const TOKEN = 'twilio_secret_token';

describe('Twilio monitor', () => {
  let api: FakeHttpServer;
  let h: MonitorHarness;
  let accountStatus = 'active';
  beforeAll(async () => {
    api = await startFakeHttpServer((req, res) => {
      res.setHeader('content-type', 'application/json');
      if (req.headers.authorization !== 'Basic ' + Buffer.from(`${SID}:${TOKEN}`).toString('base64')) {
        res.statusCode = 401;
        return res.end(JSON.stringify({ code: 20003, message: 'Authenticate', more_info: 'https://www.twilio.com/docs/errors/20003', status: 401 }));
      }
      expect(req.path).toBe(`/2010-04-01/Accounts/${SID}.json`);
      res.end(JSON.stringify({ sid: SID, friendly_name: 'Acme prod', status: accountStatus, type: 'Full', date_created: 'Thu, 30 Jul 2015 20:00:00 +0000', uri: `/2010-04-01/Accounts/${SID}.json` }));
    });
    h = await startMonitorHarness(twilioPlugin);
  });
  afterAll(async () => {
    await h?.close();
    await api?.close();
  });

  it('fetches the account with basic auth', async () => {
    await h.configure({ baseUrl: api.url, accountSid: SID, authToken: TOKEN });
    expect(await h.check('twilio')).toMatchObject({ status: 'healthy', message: 'account active (Full)' });
  });

  it('is unhealthy for a suspended account and for bad credentials', async () => {
    accountStatus = 'suspended';
    expect(await h.check('twilio')).toMatchObject({ lastResult: 'unhealthy', message: 'account suspended' });
    await h.configure({ authToken: 'twilio_secret_wrong' });
    expect((await h.check('twilio')).message).toBe(`HTTP 401 from GET /2010-04-01/Accounts/${SID}.json: Authenticate`);
  });

  it('validates the account SID format', async () => {
    expect((await h.t.inject({ method: 'PUT', url: '/api/plugins/monitor-twilio/settings', payload: { accountSid: 'not-a-sid' } })).statusCode).toBe(400);
  });

  it('reports slow answers, TLS errors, 5xx, invalid JSON and timeouts', async () => {
    accountStatus = 'active';
    await expectHttpFailureModes(twilioMonitor, { baseUrl: api.url, accountSid: SID, authToken: TOKEN }, api);
  });
});
