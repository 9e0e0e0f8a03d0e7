import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { createTestDatabase, startFakeHttpServer, type FakeHttpServer, type RecordedRequest } from '@platform/sdk/testing';
import { signInAsAdmin, startPlatformInstance, type PlatformInstance } from './support/platform-instance.ts';

/**
 * A durable event delivered to each recipient exactly once when the process is killed between send and record
 * (issue 17 item 6). A platform rule sends an SMS to two recipients on `tenant.created`. The platform runs in a
 * child process; the fake provider, in this process, kills it with SIGKILL the moment the first SMS request has
 * arrived, before answering: the provider has the message, the platform has recorded neither the answer nor
 * the delivery. A new process on the same database picks the event up again (the dead instance's outbox lease
 * lapses) and finishes it.
 *
 * What is true, and asserted: the redelivered event does not make a second message (the notification's
 * idempotency key `notif:<event>:<rule>:<recipient>` returns the message recorded before the crash); that
 * message, still `queued`, is sent again to the provider with the same provider idempotency key (the message
 * id) as the request that was cut off, and this provider, which honours idempotency keys, answers with the
 * message it already accepted: one SMS per recipient. A provider without idempotency keys would have sent that
 * SMS twice: that is the window the plugin README documents.
 */
const MESSAGING = fileURLToPath(new URL('./support/messaging-with-fixed-templates.ts', import.meta.url));
const SMS_PROVIDER = fileURLToPath(new URL('./support/chaos-sms-provider-plugin.ts', import.meta.url));
const FIRST = '+447911123456';
const SECOND = '+14155552671';

describe('notification exactly once across kill -9', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let client: pg.Client;
  let provider: FakeHttpServer;
  const instances: PlatformInstance[] = [];
  /** What the provider accepted: idempotency key -> its message id. A repeated key gets the same id back. */
  const accepted = new Map<string, string>();
  let killOnFirstRequest: PlatformInstance | null = null;
  let killed: Promise<void> | null = null;

  const start = () => startPlatformInstance({ databaseUrl: db.url, plugins: [MESSAGING, SMS_PROVIDER], env: { RELAY_POLL_MS: '100' } });

  beforeAll(async () => {
    db = await createTestDatabase();
    client = new pg.Client({ connectionString: db.url });
    await client.connect();
    provider = await startFakeHttpServer((req, res) => {
      if (killOnFirstRequest) {
        // The provider has the request; the platform dies before it hears back.
        const victim = killOnFirstRequest;
        killOnFirstRequest = null;
        killed = victim.crash();
        return;
      }
      const key = String(req.headers['idempotency-key']);
      if (!accepted.has(key)) accepted.set(key, `sms_${accepted.size + 1}`);
      res.setHeader('content-type', 'application/json');
      res.statusCode = 201;
      res.end(JSON.stringify({ id: accepted.get(key) }));
    });
  }, 60_000);

  afterAll(async () => {
    for (const i of instances) await i.stop().catch(() => undefined);
    await client?.end().catch(() => undefined);
    await provider?.close();
    await db?.drop();
  }, 60_000);

  const waitFor = async (what: string, check: () => Promise<boolean>, timeoutMs: number) => {
    const deadline = Date.now() + timeoutMs;
    while (!(await check())) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; instances:\n${instances.map((i) => i.output().slice(-3000)).join('\n---\n')}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  const deliveries = async () =>
    (await client.query<{ recipient: string; status: string; message_id: string | null; attempts: number }>(`SELECT recipient, status, message_id, attempts FROM messaging_notification_deliveries ORDER BY recipient`)).rows;
  const requestsTo = (to: string): RecordedRequest[] => provider.requests.filter((r) => r.json<{ to: string }>().to === to);

  it('sends to each recipient once when the process dies after the provider took the message and before it was recorded', async () => {
    const first = await start();
    instances.push(first);
    const token = await signInAsAdmin(first);
    const call = async (method: string, url: string, body: unknown) => {
      const res = await fetch(`${first.url}${url}`, { method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
      const text = await res.text();
      expect(res.status, `${method} ${url}: ${text}`).toBeLessThan(300);
      return JSON.parse(text);
    };
    const config = await call('POST', '/api/messaging/providers', { channel: 'sms', providerId: 'chaos-sms', name: 'Chaos', config: { baseUrl: provider.url } });
    await call('PUT', '/api/messaging/assignments', { tenantId: null, channel: 'sms', providerConfigIds: [config.id] });
    const rule = await call('POST', '/api/messaging/notification-rules', { name: 'New tenant', eventPattern: 'tenant.created', channel: 'sms', templateKey: 'welcome', recipients: [FIRST, SECOND] });

    killOnFirstRequest = first;
    // The worker may get the SMS to the provider (and the process be killed) before this answer is written: then the
    // call fails with the kill, after the tenant and its event were committed.
    await call('POST', '/api/tenants', { slug: 'exactly-once', name: 'Exactly Once' }).catch((err) => {
      if (killed === null) throw err;
    });
    await waitFor('the first SMS request (and the kill)', async () => killed !== null, 30_000);
    await killed;
    expect(first.alive()).toBe(false);

    // The window: the provider has one SMS request (the worker sends an event's recipients side by side, so it may
    // be either recipient's); the platform recorded that recipient's message queued with no provider id, its
    // delivery pending, and the outbox delivery is still pending (claimed by the dead instance).
    const cutOff = provider.requests[0]!;
    const cutOffTo = cutOff.json<{ to: string }>().to;
    const other = cutOffTo === FIRST ? SECOND : FIRST;
    expect((await deliveries()).find((r) => r.recipient === cutOffTo)).toMatchObject({ status: 'pending', message_id: null });
    const [queued] = (await client.query(`SELECT id, status, provider_message_id FROM messaging_messages WHERE recipient = $1`, [cutOffTo])).rows;
    expect(queued).toMatchObject({ status: 'queued', provider_message_id: null });
    const [outbox] = (await client.query(`SELECT d.status FROM kernel_outbox_delivery d JOIN kernel_outbox o ON o.id = d.event_id WHERE o.name = 'tenant.created' AND d.subscriber = 'messaging.notifications'`)).rows;
    expect(outbox.status).toBe('pending');

    const second = await start();
    instances.push(second);
    await waitFor('both deliveries recorded as sent', async () => {
      const rows = await deliveries();
      return rows.length === 2 && rows.every((r) => r.status === 'sent');
    }, 60_000);

    // The cut-off recipient: the request was made again, with the same provider idempotency key (the message id
    // recorded before the crash), and the provider answered with the message it had accepted: one SMS.
    const cutOffRequests = requestsTo(cutOffTo);
    expect(cutOffRequests).toHaveLength(2);
    expect(cutOffRequests[1]!.headers['idempotency-key']).toBe(cutOff.headers['idempotency-key']);
    expect(cutOff.headers['idempotency-key']).toBe(queued.id);
    // The other recipient: whatever reached the provider carried one key (a request the dead process made and a
    // repeat after the restart, or only the restart's).
    expect(new Set(requestsTo(other).map((r) => r.headers['idempotency-key'])).size).toBe(1);
    // What the provider sent: one message per recipient.
    expect(accepted.size).toBe(2);

    // One message per recipient on the platform, each sent with the provider's id, each keyed by the notification.
    const messages = (await client.query<{ id: string; recipient: string; status: string; provider_message_id: string; idempotency_key: string }>(
      `SELECT id, recipient, status, provider_message_id, idempotency_key FROM messaging_messages ORDER BY recipient`,
    )).rows;
    expect(messages).toHaveLength(2);
    for (const m of messages) {
      expect(m.status).toBe('sent');
      expect(m.idempotency_key).toMatch(new RegExp(`^notif:\\d+:${rule.id}:\\${m.recipient}$`));
    }
    expect(messages.find((m) => m.recipient === cutOffTo)!.id).toBe(queued.id);
    const rows = await deliveries();
    expect(rows.map((r) => r.status)).toEqual(['sent', 'sent']);
    expect(rows.find((r) => r.recipient === cutOffTo)!.attempts).toBe(2);
    const [done] = (await client.query(`SELECT d.status FROM kernel_outbox_delivery d JOIN kernel_outbox o ON o.id = d.event_id WHERE o.name = 'tenant.created' AND d.subscriber = 'messaging.notifications'`)).rows;
    expect(done.status).toBe('delivered');
  }, 240_000);
});
