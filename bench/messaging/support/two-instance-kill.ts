import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { createTestDatabase } from '@platform/sdk/testing';
import { signInAsAdmin, startPlatformInstance, type PlatformInstance } from '../../../test/chaos/support/platform-instance.ts';
import { benchPhone, type CountingSmsProvider } from './counting-sms-provider.ts';

const PLUGINS = [
  fileURLToPath(new URL('../../../test/chaos/support/messaging-with-fixed-templates.ts', import.meta.url)),
  fileURLToPath(new URL('../../../test/chaos/support/chaos-sms-provider-plugin.ts', import.meta.url)),
  fileURLToPath(new URL('./bench-events-plugin.ts', import.meta.url)),
];

export interface KillOutcome {
  events: number;
  sentBeforeKill: number;
  lost: number;
  duplicated: number;
  repeatedKeys: number;
  requests: number;
  drainMsAfterKill: number;
}

/**
 * Two platform processes on one fresh database, a platform rule sending one SMS per `bench.kill` event (to the
 * event's `payload.phones`), `events` events written through instance A, both instances' relays working on
 * them; when the provider has sent half, A is killed with SIGKILL. Then B must finish: every recipient gets
 * exactly one message (lost: none; duplicated: more than one distinct message for a recipient).
 */
export async function killOneOfTwoHalfway(provider: CountingSmsProvider, events: number): Promise<KillOutcome> {
  const db = await createTestDatabase();
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  const instances: PlatformInstance[] = [];
  try {
    const start = async (name: string) => {
      const i = await startPlatformInstance({ name, databaseUrl: db.url, plugins: PLUGINS, env: { RELAY_POLL_MS: '100', LOG_LEVEL: 'warn' } });
      instances.push(i);
      return i;
    };
    const a = await start('bench-a');
    const token = await signInAsAdmin(a);
    const call = async (instance: PlatformInstance, method: string, url: string, body: unknown) => {
      const res = await fetch(`${instance.url}${url}`, { method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
      const text = await res.text();
      if (res.status >= 300) throw new Error(`${method} ${url}: ${res.status} ${text}`);
      return JSON.parse(text);
    };
    const config = await call(a, 'POST', '/api/messaging/providers', { channel: 'sms', providerId: 'chaos-sms', name: 'Bench', config: { baseUrl: provider.url } });
    await call(a, 'PUT', '/api/messaging/assignments', { tenantId: null, channel: 'sms', providerConfigIds: [config.id] });
    await call(a, 'POST', '/api/messaging/notification-rules', { name: 'Kill bench', eventPattern: 'bench.kill', channel: 'sms', templateKey: 'welcome', recipientPaths: ['payload.phones'] });
    const b = await start('bench-b');
    provider.reset();

    for (let from = 0; from < events; from += 500) await call(a, 'POST', '/api/bench-events/emit', { name: 'bench.kill', from, count: Math.min(500, events - from) });
    const deadline = Date.now() + 300_000;
    while (provider.sent() < events / 2) {
      if (Date.now() > deadline) throw new Error(`only ${provider.sent()} sent before the kill`);
      await new Promise((r) => setTimeout(r, 5));
    }
    const sentBeforeKill = provider.sent();
    await a.crash();
    const killedAt = performance.now();
    const done = async () => {
      const { rows } = await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM kernel_outbox_delivery WHERE subscriber = 'messaging.notifications' AND status = 'delivered'`);
      return rows[0]!.n >= events;
    };
    while (!(await done())) {
      if (Date.now() > deadline) throw new Error(`instance B did not finish: ${provider.sent()} of ${events} sent\n${b.output().slice(-3000)}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    const drainMsAfterKill = performance.now() - killedAt;
    const per = provider.sentPerRecipient();
    let lost = 0;
    let duplicated = 0;
    for (let seq = 0; seq < events; seq++) {
      const n = per.get(benchPhone(seq)) ?? 0;
      if (n === 0) lost += 1;
      if (n > 1) duplicated += n - 1;
    }
    return { events, sentBeforeKill, lost, duplicated, repeatedKeys: provider.repeatedKeys(), requests: provider.requests(), drainMsAfterKill };
  } finally {
    for (const i of instances) await i.stop().catch(() => undefined);
    await client.end().catch(() => undefined);
    await db.drop().catch(() => undefined);
  }
}
