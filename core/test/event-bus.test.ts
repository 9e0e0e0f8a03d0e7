import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { runSql } from '../src/db/orm.ts';
import { claimDueDeliveries } from '../src/events/outbox-store.ts';
import { createEventBus, IN_PROCESS_SUBSCRIBER, type EventBusDeps, type KernelEventBus } from '../src/events/event-bus.ts';
import { matchesEventPattern } from '@platform/sdk';
import { createTestDatabase, openKernelDatabase, type KernelDatabase, type TestDatabase } from './fixtures/kernel-test-database.ts';
import { createRecordingLogger } from './fixtures/recording-logger.ts';

describe('matchesEventPattern (eventemitter2 wildcard semantics)', () => {
  it.each([
    ['tenant.created', 'tenant.created', true],
    ['tenant.*', 'tenant.created', true],
    ['tenant.*', 'tenant', false],
    ['tenant.*', 'tenant.a.b', false],
    ['tenant.**', 'tenant', true],
    ['tenant.**', 'tenant.a.b', true],
    ['**', 'anything.at.all', true],
    ['*.created', 'tenant.created', true],
    ['a.**.c', 'a.c', true],
    ['a.**.c', 'a.b.x.c', true],
    ['a.**.c', 'a.b.x.d', false],
    ['tenant.created', 'tenant.updated', false],
  ])('%s ~ %s -> %s', (pattern, name, expected) => {
    expect(matchesEventPattern(pattern, name)).toBe(expected);
  });
});

describe('event bus on PostgreSQL', () => {
  let db: TestDatabase;
  const opened: KernelDatabase[] = [];
  const buses: KernelEventBus[] = [];

  const open = async () => {
    const handle = await openKernelDatabase(db.url);
    opened.push(handle);
    return handle;
  };
  const bus = (handle: KernelDatabase, overrides: Partial<EventBusDeps> = {}) => {
    const b = createEventBus({
      orm: handle.orm,
      embedded: false,
      databaseUrl: db.url,
      logger: createRecordingLogger(),
      relayPollMs: 50,
      instanceId: `test-${buses.length}`,
      ...overrides,
    });
    buses.push(b);
    return b;
  };
  const deliveries = (handle: KernelDatabase) =>
    runSql<{ name: string; subscriber: string; status: string; attempts: number }>(
      handle.orm.em.fork(),
      `SELECT o.name, d.subscriber, d.status, d.attempts FROM kernel_outbox_delivery d JOIN kernel_outbox o ON o.id = d.event_id ORDER BY d.event_id, d.subscriber`,
    );

  beforeEach(async () => {
    db = await createTestDatabase();
  });

  afterEach(async () => {
    for (const b of buses.splice(0)) await b.stop();
    for (const h of opened.splice(0)) await h.dispose();
    await db.drop();
  });

  it('never delivers an event emitted in a rolled-back transaction', async () => {
    const handle = await open();
    const events = bus(handle);
    const durable: string[] = [];
    const inProcess: string[] = [];
    events.subscribe('test.orders', 'order.*', (_payload, meta) => void durable.push(meta.name));
    events.on('order.*', (_payload, meta) => void inProcess.push(meta.name));

    await events.start();
    await expect(
      handle.orm.em.fork().transactional(async (em) => {
        await events.emitDurable(em, 'order.created', { id: 1 });
        // The relay keeps polling meanwhile; uncommitted rows are invisible to it.
        await new Promise((resolve) => setTimeout(resolve, 200));
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    await handle.orm.em.fork().transactional((em) => events.emitDurable(em, 'order.paid', { id: 2 }));

    await vi.waitFor(() => expect(durable).toEqual(['order.paid']), { timeout: 5_000, interval: 20 });
    await events.drain();

    expect(durable).toEqual(['order.paid']);
    expect(inProcess).toEqual(['order.paid']);
    const outbox = await runSql<{ name: string }>(handle.orm.em.fork(), 'SELECT name FROM kernel_outbox');
    expect(outbox.map((r) => r.name)).toEqual(['order.paid']);
  });

  it('delivers a committed event to every durable subscriber after a restart between commit and delivery', async () => {
    const before = await open();
    const busA = bus(before);
    const seenByA: string[] = [];
    busA.subscribe('billing.on-tenant', 'tenant.*', () => void seenByA.push('billing'));
    busA.subscribe('audit.everything', '**', () => void seenByA.push('audit'));
    busA.subscribe('unrelated', 'invoice.*', () => void seenByA.push('unrelated'));

    await before.orm.em.fork().transactional((em) => busA.emitDurable(em, 'tenant.created', { tenantId: 't1', slug: 'acme' }));
    // The process "dies" before its relay ever ran.
    await busA.stop();
    await before.dispose();
    opened.splice(opened.indexOf(before), 1);

    const after = await open();
    const busB = bus(after, { instanceId: 'restarted' });
    const seenByB: Array<{ subscriber: string; payload: unknown; meta: { name: string; id?: string } }> = [];
    busB.subscribe('billing.on-tenant', 'tenant.*', (payload, meta) => void seenByB.push({ subscriber: 'billing', payload, meta }));
    busB.subscribe('audit.everything', '**', (payload, meta) => void seenByB.push({ subscriber: 'audit', payload, meta }));
    busB.subscribe('unrelated', 'invoice.*', (payload, meta) => void seenByB.push({ subscriber: 'unrelated', payload, meta }));
    const inProcess: unknown[] = [];
    busB.on('tenant.created', (payload) => void inProcess.push(payload));

    await busB.drain();

    expect(seenByA).toEqual([]);
    expect(seenByB.map((s) => s.subscriber).sort()).toEqual(['audit', 'billing']);
    for (const s of seenByB) {
      expect(s.payload).toEqual({ tenantId: 't1', slug: 'acme' });
      expect(s.meta.name).toBe('tenant.created');
      expect(s.meta.id).toMatch(/^\d+$/);
    }
    expect(inProcess).toEqual([{ tenantId: 't1', slug: 'acme' }]);
    expect(await deliveries(after)).toEqual([
      { name: 'tenant.created', subscriber: IN_PROCESS_SUBSCRIBER, status: 'delivered', attempts: 1 },
      { name: 'tenant.created', subscriber: 'audit.everything', status: 'delivered', attempts: 1 },
      { name: 'tenant.created', subscriber: 'billing.on-tenant', status: 'delivered', attempts: 1 },
    ]);

    // Delivered means delivered: another pass (or another instance) does not repeat it.
    await busB.drain();
    expect(seenByB).toHaveLength(2);
  });

  it('retries a failing handler with backoff, dead-letters it after maxAttempts, and re-queues it on demand', async () => {
    const handle = await open();
    const events = bus(handle, { retryBaseMs: 10 });
    const attempts: number[] = [];
    let healthy = false;
    events.subscribe(
      'mailer.welcome',
      'user.created',
      () => {
        attempts.push(Date.now());
        if (!healthy) throw new Error('smtp is down');
      },
      { maxAttempts: 3 },
    );

    // No transaction: the outbox row and its deliveries are still written atomically.
    await events.emitDurable(handle.orm.em.fork(), 'user.created', { userId: 'u1' });

    await vi.waitFor(
      async () => {
        await events.drain();
        expect(await events.listDeadLetters()).toHaveLength(1);
      },
      { timeout: 5_000, interval: 5 },
    );

    expect(attempts).toHaveLength(3);
    // Backoff after the n-th failure is retryBaseMs * 2^n: 20 ms, then 40 ms.
    expect(attempts[1] - attempts[0]).toBeGreaterThanOrEqual(20);
    expect(attempts[2] - attempts[1]).toBeGreaterThanOrEqual(40);

    const [dead] = await events.listDeadLetters();
    expect(dead).toMatchObject({ name: 'user.created', payload: { userId: 'u1' }, subscriber: 'mailer.welcome', attempts: 3, maxAttempts: 3 });
    expect(dead.lastError).toContain('smtp is down');
    expect(dead.lastAttemptAt).toBeInstanceOf(Date);
    expect(await events.listDeadLetters({ subscriber: 'someone.else' })).toEqual([]);

    // Dead stays dead: draining again does not call the handler.
    await events.drain();
    expect(attempts).toHaveLength(3);

    healthy = true;
    expect(await events.retryDeadLetter(dead.eventId, 'mailer.welcome')).toBe(true);
    await events.drain();
    expect(attempts).toHaveLength(4);
    expect(await events.listDeadLetters()).toEqual([]);
    expect(await events.retryDeadLetter(dead.eventId, 'mailer.welcome')).toBe(false);
    const rows = await deliveries(handle);
    expect(rows.find((r) => r.subscriber === 'mailer.welcome')).toMatchObject({ status: 'delivered', attempts: 1 });
  });

  it('wakes up on NOTIFY after commit instead of waiting for the poll', async () => {
    const handle = await open();
    const events = bus(handle, { relayPollMs: 60_000 });
    const seen: number[] = [];
    events.subscribe('test.notify', 'ping', (payload) => void seen.push((payload as { n: number }).n));
    await events.start();
    // Let the first (empty) pass and the LISTEN connection settle.
    await new Promise((resolve) => setTimeout(resolve, 300));

    await handle.orm.em.fork().transactional((em) => events.emitDurable(em, 'ping', { n: 1 }));
    await vi.waitFor(() => expect(seen).toEqual([1]), { timeout: 3_000, interval: 10 });
  });

  it('runs a subscriber with a concurrency side by side (never more at once than it asked), others in event order', async () => {
    const handle = await open();
    const events = bus(handle, { batchSize: 50 });
    let running = 0;
    let mostAtOnce = 0;
    const parallelSeen: number[] = [];
    const orderedSeen: number[] = [];
    events.subscribe('test.side-by-side', 'work.*', async (payload: any) => {
      running++;
      mostAtOnce = Math.max(mostAtOnce, running);
      await new Promise((resolve) => setTimeout(resolve, 20));
      parallelSeen.push(payload.i);
      running--;
    }, { concurrency: 4 });
    events.subscribe('test.in-order', 'work.*', async (payload: any) => {
      await new Promise((resolve) => setTimeout(resolve, 1));
      orderedSeen.push(payload.i);
    });
    expect(() => events.subscribe('test.bad', 'work.*', () => undefined, { concurrency: 0 })).toThrow(/concurrency/);
    await handle.orm.em.fork().transactional(async (em) => {
      for (let i = 0; i < 20; i++) await events.emitDurable(em, 'work.item', { i });
    });
    await events.start();
    await vi.waitFor(() => expect(parallelSeen).toHaveLength(20), { timeout: 10_000, interval: 20 });
    await vi.waitFor(() => expect(orderedSeen).toHaveLength(20), { timeout: 10_000, interval: 20 });
    await events.drain();

    expect(mostAtOnce).toBe(4);
    expect([...parallelSeen].sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i));
    expect(orderedSeen).toEqual(Array.from({ length: 20 }, (_, i) => i));
    const rows = await deliveries(handle);
    expect(rows.filter((r) => r.status !== 'delivered')).toEqual([]);
  });

  it('delivers each event once per subscriber when two instances relay the same outbox', async () => {
    const handleA = await open();
    const handleB = await open();
    const calls: Array<{ instance: string; id: string }> = [];
    const inProcessCalls: string[] = [];
    for (const [handle, instance] of [
      [handleA, 'a'],
      [handleB, 'b'],
    ] as const) {
      const events = bus(handle, { instanceId: instance, relayPollMs: 10, batchSize: 5 });
      events.subscribe('counter', 'load.*', (_payload, meta) => void calls.push({ instance, id: meta.id! }));
      events.on('load.*', (_payload, meta) => void inProcessCalls.push(meta.id!));
      await events.start();
    }

    const producer = buses[0];
    for (let i = 0; i < 40; i++) {
      await handleA.orm.em.fork().transactional((em) => producer.emitDurable(em, 'load.item', { i }));
    }

    await vi.waitFor(() => expect(inProcessCalls.length).toBeGreaterThanOrEqual(40), { timeout: 10_000, interval: 20 });
    await vi.waitFor(() => expect(calls.length).toBeGreaterThanOrEqual(40), { timeout: 10_000, interval: 20 });
    for (const b of buses) await b.drain();

    expect(calls).toHaveLength(40);
    expect(new Set(calls.map((c) => c.id)).size).toBe(40);
    expect(inProcessCalls).toHaveLength(40);
    expect(new Set(inProcessCalls).size).toBe(40);
  });

  it('renews the lease while a slow handler runs, so another instance does not deliver the same event again', async () => {
    const handleA = await open();
    const handleB = await open();
    const calls: Array<{ instance: string; at: number }> = [];
    let releaseA!: () => void;
    const aFinished = new Promise<void>((resolve) => (releaseA = resolve));
    const busA = bus(handleA, { instanceId: 'slow', leaseMs: 300, relayPollMs: 20 });
    busA.subscribe('test.slow', 'slow.job', async () => {
      calls.push({ instance: 'slow', at: Date.now() });
      await aFinished;
    });
    await busA.start();
    await handleA.orm.em.fork().transactional((em) => busA.emitDurable(em, 'slow.job', { n: 1 }));
    await vi.waitFor(() => expect(calls).toHaveLength(1), { timeout: 5_000, interval: 10 });

    const busB = bus(handleB, { instanceId: 'fast', leaseMs: 300, relayPollMs: 20 });
    busB.subscribe('test.slow', 'slow.job', () => void calls.push({ instance: 'fast', at: Date.now() }));
    await busB.start();
    // Four leases long: without the heartbeat B would claim the event after 300 ms.
    await new Promise((resolve) => setTimeout(resolve, 1_200));
    releaseA();
    await busA.drain();
    await busB.drain();

    expect(calls.map((c) => c.instance)).toEqual(['slow']);
    const rows = await deliveries(handleA);
    expect(rows.find((r) => r.subscriber === 'test.slow')).toMatchObject({ status: 'delivered', attempts: 1 });
  });

  it('delivers what a dead instance had claimed once its short lease lapses', async () => {
    const handle = await open();
    const events = bus(handle, { instanceId: 'survivor', leaseMs: 300, relayPollMs: 20 });
    const seen: number[] = [];
    events.subscribe('test.orphan', 'orphan.*', (payload) => void seen.push((payload as { n: number }).n));
    await events.emitDurable(handle.orm.em.fork(), 'orphan.job', { n: 1 });
    // Another instance claims it (lease 500 ms) and dies: nobody renews its lease.
    const claimed = await claimDueDeliveries(handle.orm.em.fork(), ['test.orphan'], 10, 500, 'dead-instance');
    expect(claimed).toHaveLength(1);
    const diedAt = Date.now();
    await events.start();
    await vi.waitFor(() => expect(seen).toEqual([1]), { timeout: 5_000, interval: 10 });
    expect(Date.now() - diedAt).toBeGreaterThanOrEqual(400);
  });
});
