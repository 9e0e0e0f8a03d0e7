import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestKernel, type TestKernel } from '@platform/sdk/testing';
import { createHealthPlugin } from '../src/index.ts';
import { latestPlannedAt } from '../src/schedule/cadence.ts';
import { manualClock, scriptedMonitorPlugin } from '../testing/scripted-monitor.ts';

/** The scheduler on a hand-driven clock, and two instances sharing one database. */
describe('health scheduler', () => {
  const clock = manualClock(Math.floor(Date.now() / 60_000) * 60_000);
  const opts = { autoStart: false, clock: clock.now, heartbeatMs: 1000, stateSyncMs: 1_000_000 };
  const healthA = createHealthPlugin({ ...opts, instanceId: 'instance-a' });
  const healthB = createHealthPlugin({ ...opts, instanceId: 'instance-b' });
  const monA = scriptedMonitorPlugin('svc', { tier: 'critical' });
  const monB = scriptedMonitorPlugin('svc', { tier: 'critical' });
  let a: TestKernel;
  let b: TestKernel;

  beforeAll(async () => {
    a = await createTestKernel({ plugins: [healthA, monA.plugin] });
    b = await createTestKernel({ plugins: [healthB, monB.plugin], config: { databaseUrl: a.databaseUrl } });
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
  });

  const tickBoth = async () => {
    await Promise.all([healthA.runtime().scheduler.tick(), healthB.runtime().scheduler.tick()]);
    await Promise.all([healthA.runtime().scheduler.settle(), healthB.runtime().scheduler.settle()]);
  };
  const nextPlanned = () => Math.min(...[healthA, healthB].map((h) => h.runtime().directory.target('svc', 'platform')!.nextPlannedAt));
  const history = () => a.sql<{ planned_at: Date; instance_id: string }>(`SELECT planned_at, instance_id FROM health_check_history WHERE monitor_id = 'svc' ORDER BY planned_at`);

  it('runs a never-checked target at once (catch-up), on one instance only', async () => {
    await tickBoth();
    const rows = await history();
    expect(rows).toHaveLength(1);
    const target = healthA.runtime().directory.target('svc', 'platform')!;
    expect(new Date(rows[0].planned_at).getTime()).toBe(latestPlannedAt(clock.now(), 60_000, target.offsetMs));
    expect(monA.calls.length + monB.calls.length).toBe(1);
  });

  it('runs each planned check once across instances, on a fixed 1-minute grid', async () => {
    for (let i = 0; i < 5; i++) {
      clock.advance(60_000);
      await tickBoth();
      await tickBoth(); // a second pass in the same minute must not re-run it
    }
    const rows = await history();
    expect(rows).toHaveLength(6);
    const gaps = rows.slice(1).map((r, i) => new Date(r.planned_at).getTime() - new Date(rows[i].planned_at).getTime());
    expect(gaps).toEqual([60_000, 60_000, 60_000, 60_000, 60_000]);
    expect(monA.calls.length + monB.calls.length).toBe(6);
    const lost = healthA.runtime().scheduler.metrics.claimsLost + healthB.runtime().scheduler.metrics.claimsLost;
    expect(lost).toBeGreaterThanOrEqual(5);
  });

  it('checks a failing target four times as often until it recovers', async () => {
    monA.set({ status: 'unhealthy' });
    monB.set({ status: 'unhealthy' });
    const before = (await history()).length;
    clock.set(nextPlanned());
    await tickBoth(); // the regular check fails: the instance that ran it moves to the 15 s grid
    // The other instance learns it from the database (every stateSyncMs in production).
    await healthB.runtime().scheduler['syncFailing'](clock.now());
    await healthA.runtime().scheduler['syncFailing'](clock.now());
    for (let i = 0; i < 4; i++) {
      clock.set(nextPlanned());
      await tickBoth();
    }
    const rows = (await history()).slice(before);
    expect(rows.length).toBe(5);
    const gaps = rows.slice(1).map((r, i) => new Date(r.planned_at).getTime() - new Date(rows[i].planned_at).getTime());
    expect(gaps).toEqual([15_000, 15_000, 15_000, 15_000]);
    const [state] = await a.sql<{ status: string }>(`SELECT status FROM health_monitor_state WHERE monitor_id = 'svc'`);
    expect(state.status).toBe('unhealthy');

    monA.set({ status: 'healthy' });
    monB.set({ status: 'healthy' });
    for (let i = 0; i < 2; i++) {
      clock.set(nextPlanned());
      await tickBoth();
    }
    const [recovered] = await a.sql<{ status: string }>(`SELECT status FROM health_monitor_state WHERE monitor_id = 'svc'`);
    expect(recovered.status).toBe('healthy');
    await healthA.runtime().scheduler['syncFailing'](clock.now());
    await healthB.runtime().scheduler['syncFailing'](clock.now());
    const last = new Date((await history()).at(-1)!.planned_at).getTime();
    expect(nextPlanned() - last).toBeGreaterThan(15_000); // back on the 1-minute grid
    expect((nextPlanned() - healthA.runtime().directory.target('svc', 'platform')!.offsetMs) % 60_000).toBe(0);
  });

  it('beats a heartbeat per instance, so the API knows the scheduler lives', async () => {
    const beats = await a.sql<{ instance_id: string }>(`SELECT instance_id FROM health_scheduler_instances ORDER BY instance_id`);
    expect(beats.map((r) => r.instance_id)).toEqual(['instance-a', 'instance-b']);
    const live = await healthA.runtime().views.liveness();
    expect(live).toMatchObject({ alive: true, instances: 2 });
  });

  it('runs the loop by itself when started, and stops cleanly', async () => {
    const real = createHealthPlugin({ loopMs: 20, tierIntervalSeconds: { critical: 1 }, instanceId: 'instance-real' });
    const mon = scriptedMonitorPlugin('fast', { tier: 'critical' });
    const k = await createTestKernel({ plugins: [real, mon.plugin] });
    try {
      await new Promise((r) => setTimeout(r, 2200));
      expect(mon.calls.length).toBeGreaterThanOrEqual(2);
      const m = real.runtime().scheduler.metrics.snapshot(real.runtime().scheduler.queueState());
      expect(m.lagMs.p99 ?? 0).toBeLessThan(250);
    } finally {
      await k.close();
    }
    const n = mon.calls.length;
    await new Promise((r) => setTimeout(r, 1200));
    expect(mon.calls.length).toBe(n);
  });
});
