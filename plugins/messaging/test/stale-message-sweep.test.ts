import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Type } from '@platform/sdk';
import { defineSmsProvider, defineSmsProviderPlugin } from '@platform/sdk/messaging';
import { createTestDatabase, createTestKernel, startFakeHttpServer, type FakeHttpServer, type TestKernel } from '@platform/sdk/testing';
import { createMessagingPlugin } from '../src/index.ts';
import { assign, BASE_URL } from './support/messaging-kernel.ts';

/**
 * An SMS API that takes an `Idempotency-Key` (Stripe-style) and answers `{ id }`; a minute's timeout, so the
 * sending kernel is always shut down before its attempt could time out and record a failure.
 */
const patientSms = defineSmsProvider({
  id: 'patient-sms',
  name: 'Patient SMS',
  timeoutMs: 60_000,
  configSchema: Type.Object({ baseUrl: Type.String({ minLength: 1 }) }),
  async send(ctx, msg) {
    const res = await ctx.fetch(`${ctx.config.baseUrl}/sms`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': ctx.idempotencyKey },
      body: JSON.stringify({ to: msg.to, body: msg.body }),
    });
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    return { providerMessageId: ((await res.json()) as { id: string }).id, status: 'sent', segments: 1 };
  },
  parseStatusCallback() {
    return [];
  },
});
const patientSmsPlugin = defineSmsProviderPlugin(patientSms, { version: '1.0.0', kernel: '^0.1.0' });

/**
 * The stale-message sweep (issue 17): a send whose process dies after the provider took the request and before
 * the answer was recorded leaves its message `queued` with credits reserved. Kernel A sends (`wait: false`) and is
 * shut down the moment the provider has the request, so it records nothing more. Kernels B and C, on the same
 * database, run the sweep: nothing happens while the message is younger than the staleness threshold; past it,
 * exactly one of them resumes it with the same provider idempotency key (the message id), the provider (which
 * honours idempotency keys, as Stripe-style APIs do) sends nothing twice, and the reservation is consumed once.
 */
describe('stale-message sweep', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let provider: FakeHttpServer;
  const secretKey = randomBytes(32);
  let now = Date.now();
  const clock = () => now;
  const kernels: TestKernel[] = [];
  /** idempotency key -> the provider's message id: what the provider actually sent. */
  const accepted = new Map<string, string>();
  let onRequest: (() => Promise<void>) | null = null;

  const boot = async () => {
    const t = await createTestKernel({
      databaseUrl: db.url,
      plugins: [createMessagingPlugin({ clock, sweep: { staleAfterMs: 5 * 60_000, resumeLeaseMs: 60_000 } }), patientSmsPlugin],
      config: { baseUrl: BASE_URL, secretKey },
    });
    kernels.push(t);
    return t;
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    provider = await startFakeHttpServer(async (req, res) => {
      const key = String(req.headers['idempotency-key']);
      if (!accepted.has(key)) accepted.set(key, `SM${accepted.size + 1}`);
      const hook = onRequest;
      onRequest = null;
      if (hook) await hook(); // the provider took the message; the sending kernel is shut down before it hears back
      res.statusCode = 201;
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ id: accepted.get(key) }));
    });
  }, 60_000);
  afterAll(async () => {
    for (const t of kernels) await t.close().catch(() => undefined);
    await provider?.close();
    await db?.drop();
  }, 60_000);

  it('resumes a message a dead send left queued exactly once, after the threshold, across two sweeping instances', async () => {
    const a = await boot();
    const created = await a.inject({ method: 'POST', url: '/api/messaging/providers', payload: { channel: 'sms', providerId: 'patient-sms', name: 'provider', config: { baseUrl: provider.url } } });
    expect(created.statusCode, created.body).toBe(201);
    const configId = created.json().id;
    const admin = await a.signIn({ role: 'tenant_admin', tenant: 'swept' });
    const tenantId = admin.tenant!.id;
    await assign(a, tenantId, 'sms', [configId]);
    const topUp = await a.inject({ method: 'POST', url: `/api/messaging/credits/${tenantId}/top-up`, payload: { amount: 5, reason: 'test' } });
    expect(topUp.statusCode, topUp.body).toBe(201);

    let died!: Promise<void>;
    const requestArrived = new Promise<void>((resolve) => {
      onRequest = async () => {
        died = a.close();
        resolve();
        await died;
      };
    });
    const sent = await admin.inject({ method: 'POST', url: '/api/messaging/messages', payload: { channel: 'sms', to: '+14155550100', body: 'hello', wait: false } });
    expect(sent.statusCode, sent.body).toBe(201);
    const messageId = sent.json().id;
    await requestArrived;
    await died;
    expect(provider.requests).toHaveLength(1);
    expect(provider.requests[0]!.headers['idempotency-key']).toBe(messageId);

    const b = await boot();
    const c = await boot();
    const message = async () => (await b.sql<{ status: string; provider_message_id: string | null; credits_reserved: number }>(`SELECT status, provider_message_id, credits_reserved FROM messaging_messages WHERE id = $1`, [messageId]))[0]!;
    const movements = async () => (await b.sql<{ kind: string; amount: number }>(`SELECT kind, amount FROM messaging_credit_ledger WHERE message_id = $1 ORDER BY kind`, [messageId])).map((m) => [m.kind, Number(m.amount)]);
    expect(await message()).toMatchObject({ status: 'queued', provider_message_id: null });
    expect(await movements()).toEqual([['reservation', -1]]);

    // Younger than the threshold: it may still be a live send; nothing happens.
    await Promise.all([b.kernel.services.jobs.runNow('messaging.resume-stale-messages'), c.kernel.services.jobs.runNow('messaging.resume-stale-messages')]);
    expect(provider.requests).toHaveLength(1);
    expect((await message()).status).toBe('queued');

    // Past it: both instances sweep at once; one of them resumes it, once.
    now += 6 * 60_000;
    await Promise.all([b.kernel.services.jobs.runNow('messaging.resume-stale-messages'), c.kernel.services.jobs.runNow('messaging.resume-stale-messages')]);
    expect(provider.requests).toHaveLength(2);
    expect(provider.requests[1]!.headers['idempotency-key']).toBe(messageId);
    expect(accepted.size).toBe(1); // the provider sent one SMS
    expect(await message()).toMatchObject({ status: 'sent', provider_message_id: 'SM1' });
    expect(await movements()).toEqual([['consumption', 0], ['reservation', -1]]);
    const balance = (await b.inject(`/api/messaging/credits/${tenantId}`)).json().balance;
    expect(balance).toBe(4);

    // Sweeping again later finds nothing to do.
    now += 10 * 60_000;
    await b.kernel.services.jobs.runNow('messaging.resume-stale-messages');
    expect(provider.requests).toHaveLength(2);
  }, 120_000);
});
