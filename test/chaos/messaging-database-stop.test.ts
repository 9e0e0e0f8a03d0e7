import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { createTestKernel, startFakeHttpServer, type FakeHttpServer, type TestClient, type TestKernel } from '@platform/sdk/testing';
import { createMessagingPlugin } from '@platform/plugin-messaging';
import { fakeEmailPlugin, fakeSmsPlugin } from '../../plugins/messaging/test/support/fake-providers.ts';
import { startThrowawayCluster, type ThrowawayCluster } from './support/throwaway-cluster.ts';

/**
 * Messaging sends while the database stops (issue 17, fault tests), on a PostgreSQL cluster of the test's own
 * (initdb/pg_ctl). Two moments: the database dies after the message was written and while the provider holds the
 * request (the provider accepted it; the platform cannot record that), and the database is down when the request
 * arrives. Each time the caller gets 503 `database_unavailable` problem+json, never a 500, and the process keeps
 * serving; once the database is back nothing is lost and nothing is sent twice: the caller's retry with its
 * idempotency key answers with the one message, the stale-message sweep finishes the one the outage cut off with the
 * same provider idempotency key (the provider, honouring keys, sends it once), the credits are charged once, and the
 * message refused outright is sent by the retry, once.
 */
describe('messaging: the database stops mid-request', () => {
  let cluster: ThrowawayCluster;
  let t: TestKernel;
  let admin: TestClient;
  let provider: FakeHttpServer;
  let tenantId: string;
  let now = Date.now();
  /** idempotency key -> the provider's id: what the provider sent. */
  const accepted = new Map<string, string>();
  let stopDatabaseOnNextRequest = false;

  const send = (idempotencyKey: string) =>
    admin.inject({ method: 'POST', url: '/api/messaging/messages', payload: { channel: 'sms', to: '+14155550100', body: `order ${idempotencyKey}`, idempotencyKey } });
  const expectRefusedClearly = (res: { statusCode: number; headers: Record<string, unknown>; json(): any }) => {
    expect(res.statusCode).toBe(503);
    expect(String(res.headers['content-type'])).toContain('application/problem+json');
    expect(res.json().code).toBe('database_unavailable');
  };
  const waitForDatabase = async () => {
    for (let i = 0; i < 100; i++) {
      if ((await t.inject('/api/messaging/messages')).statusCode === 200) return;
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error('the platform did not reconnect to the database');
  };
  const balance = async () => (await t.inject(`/api/messaging/credits/${tenantId}`)).json().balance as number;

  beforeAll(async () => {
    cluster = await startThrowawayCluster();
    // The throwaway cluster runs with synchronous_commit off (fast for other tests), so a crash could lose the last
    // commits; this test is about what the platform does, not about that setting: commits are durable here.
    const setup = new pg.Client({ connectionString: cluster.url });
    await setup.connect();
    await setup.query('ALTER DATABASE postgres SET synchronous_commit = on');
    await setup.end();
    provider = await startFakeHttpServer((req, res) => {
      if (stopDatabaseOnNextRequest) {
        stopDatabaseOnNextRequest = false;
        cluster.stop('immediate'); // the provider has the request; the platform's database is gone
      }
      const key = String(req.headers['idempotency-key']);
      if (!accepted.has(key)) accepted.set(key, `SM${accepted.size + 1}`);
      res.statusCode = 201;
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ sid: accepted.get(key), status: 'sent', segments: 1 }));
    });
    t = await createTestKernel({ databaseUrl: cluster.url, plugins: [createMessagingPlugin({ clock: () => now }), fakeSmsPlugin, fakeEmailPlugin] });
    const config = await t.inject({
      method: 'POST',
      url: '/api/messaging/providers',
      payload: { channel: 'sms', providerId: 'fake-sms', name: 'Provider', config: { baseUrl: provider.url, apiKey: 'key-live-0123456789', signingSecret: 'whsec-0123456789abcdef' } },
    });
    expect(config.statusCode, config.body).toBe(201);
    admin = await t.signIn({ role: 'tenant_admin', tenant: 'outage' });
    tenantId = admin.tenant!.id;
    expect((await t.inject({ method: 'PUT', url: '/api/messaging/assignments', payload: { tenantId, channel: 'sms', providerConfigIds: [config.json().id] } })).statusCode).toBe(200);
    expect((await t.inject({ method: 'POST', url: `/api/messaging/credits/${tenantId}/top-up`, payload: { amount: 5, reason: 'test' } })).statusCode).toBe(201);
  }, 180_000);

  afterAll(async () => {
    await t?.close().catch(() => undefined);
    await provider?.close();
    cluster?.destroy();
  }, 60_000);

  it('answers 503 when the database dies while the provider holds the request; the retry and the sweep send it once', async () => {
    stopDatabaseOnNextRequest = true;
    expectRefusedClearly(await send('order-1'));
    expect(accepted.size).toBe(1);
    // Still down: refused clearly again, and the process keeps answering.
    expectRefusedClearly(await send('order-1'));

    cluster.start();
    await waitForDatabase();
    // The retry with the same key answers with the one message, written before the outage, not a second one.
    const retry = await send('order-1');
    expect(retry.statusCode, retry.body).toBe(200);
    expect(retry.json()).toMatchObject({ created: false, status: 'queued', providerMessageId: null });
    const messageId = retry.json().id;
    expect(provider.requests.filter((r) => r.headers['idempotency-key'] === messageId)).toHaveLength(1);

    // Past the staleness threshold the sweep resumes it with the same provider key: the provider sends nothing twice.
    now += 6 * 60_000;
    await t.kernel.services.jobs.runNow('messaging.resume-stale-messages');
    const message = (await t.inject(`/api/messaging/messages/${messageId}`)).json();
    expect(message).toMatchObject({ status: 'sent', providerMessageId: 'SM1' });
    expect(provider.requests.filter((r) => r.headers['idempotency-key'] === messageId)).toHaveLength(2);
    expect(accepted.size).toBe(1);
    expect(await balance()).toBe(4); // one SMS, charged once
    const [{ n }] = await t.sql<{ n: number }>(`SELECT count(*)::int AS n FROM messaging_messages WHERE idempotency_key = 'order-1'`);
    expect(n).toBe(1);
  }, 120_000);

  it('answers 503 when the database is down as the request arrives, having sent nothing; the retry sends it once', async () => {
    const requestsBefore = provider.requests.length;
    cluster.stop('immediate');
    expectRefusedClearly(await send('order-2'));
    expect(provider.requests.length).toBe(requestsBefore);

    cluster.start();
    await waitForDatabase();
    const retry = await send('order-2');
    expect(retry.statusCode, retry.body).toBe(201);
    expect(retry.json()).toMatchObject({ status: 'sent', created: true });
    expect(provider.requests.length).toBe(requestsBefore + 1);
    expect(accepted.size).toBe(2);
    expect(await balance()).toBe(3);
    const [{ n }] = await t.sql<{ n: number }>(`SELECT count(*)::int AS n FROM messaging_messages WHERE idempotency_key = 'order-2'`);
    expect(n).toBe(1);
  }, 120_000);
});
