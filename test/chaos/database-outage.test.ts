import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startThrowawayCluster, type ThrowawayCluster } from './support/throwaway-cluster.ts';
import { logEntries, nonJsonLines, ROOT, startPlatformInstance, type PlatformInstance } from './support/platform-instance.ts';

/**
 * Issue #13, items 1, 3 and 7: two platform processes (the CLI, the stock plugin list) on one PostgreSQL
 * of their own, put through a crash with a job in flight and a clean shutdown.
 */
const STOCK_PLUGINS: string[] = JSON.parse(readFileSync(join(ROOT, 'platform.config.json'), 'utf8')).plugins;
const ADMIN_PASSWORD = 'chaos-admin-password';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Answer {
  status: number;
  code: string | null;
  retryAfter: string | null;
  contentType: string | null;
}

async function call(base: string, path: string, init: RequestInit & { token?: string } = {}): Promise<Answer> {
  try {
    const res = await fetch(base + path, {
      ...init,
      headers: { 'content-type': 'application/json', ...(init.token ? { authorization: `Bearer ${init.token}` } : {}), ...(init.headers ?? {}) },
      signal: AbortSignal.timeout(10_000),
    });
    const text = await res.text();
    let code: string | null = null;
    try {
      code = (JSON.parse(text) as { code?: string }).code ?? null;
    } catch {
      /* not JSON */
    }
    return { status: res.status, code, retryAfter: res.headers.get('retry-after'), contentType: res.headers.get('content-type') };
  } catch (err) {
    return { status: 0, code: (err as Error).message, retryAfter: null, contentType: null };
  }
}

describe('chaos: the database goes away under two instances', () => {
  let cluster: ThrowawayCluster;
  let instances: PlatformInstance[] = [];
  let token: string;
  let admin: pg.Client | null = null;

  beforeAll(async () => {
    cluster = await startThrowawayCluster();
    const secretKey = randomBytes(32).toString('hex');
    // The probes below sign in every 200 ms: the sign-in rate limit (10 a minute) would answer 429 before the outage ends.
    const start = (name: string) => startPlatformInstance({ name, databaseUrl: cluster.url, plugins: STOCK_PLUGINS, adminPassword: ADMIN_PASSWORD, secretKey, env: { LOGIN_RATE_MAX: '1000' } });
    // The first applies the migrations; the second starts on a migrated database, as in a rolling deploy.
    instances.push(await start('a'));
    instances.push(await start('b'));
    const login = await fetch(`${instances[0].url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'admin@platform.local', password: ADMIN_PASSWORD }),
    });
    expect(login.status).toBe(200);
    token = ((await login.json()) as { token: string }).token;
  }, 300_000);

  afterAll(async () => {
    await admin?.end().catch(() => undefined);
    try {
      cluster?.start();
    } catch {
      /* already running */
    }
    await Promise.all(instances.map((i) => i.stop()));
    cluster?.destroy();
  }, 120_000);

  /** Polls until every instance answers 2xx on a database read; returns the milliseconds it took. */
  async function untilAllAnswer(deadlineMs: number): Promise<number> {
    const t0 = Date.now();
    const pending = new Set(instances);
    while (pending.size && Date.now() - t0 < deadlineMs) {
      for (const i of [...pending]) {
        const a = await call(i.url, '/api/audit?range=[0,0]', { token });
        if (a.status >= 200 && a.status < 300) pending.delete(i);
      }
      if (pending.size) await sleep(100);
    }
    if (pending.size) throw new Error(`no 2xx within ${deadlineMs} ms from ${[...pending].map((i) => i.name).join(', ')}`);
    return Date.now() - t0;
  }

  it('a crash with alerts.deliver in flight leaves both instances alive, answering 2xx within 5 s of the database coming back', async () => {
    // Hold alerts.deliver (and the evaluations that dispatch) in the database: its claim waits on this lock.
    admin = new pg.Client({ connectionString: cluster.url, application_name: 'chaos-locker' });
    admin.on('error', () => undefined); // it dies with the crash
    await admin.connect();
    await admin.query('BEGIN');
    await admin.query('LOCK TABLE alerts_deliveries IN ACCESS EXCLUSIVE MODE');
    // Watched from another session: inside the locker's transaction pg_stat_activity is a frozen snapshot.
    const watcher = new pg.Client({ connectionString: cluster.url, application_name: 'chaos-watcher' });
    watcher.on('error', () => undefined);
    await watcher.connect();
    const waiting = async () =>
      Number((await watcher.query<{ n: string }>(`SELECT count(*) AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query ILIKE '%alerts_deliveries%'`)).rows[0].n);
    const t0 = Date.now();
    while ((await waiting()) < 1) {
      if (Date.now() - t0 > 30_000) throw new Error('alerts.deliver never reached the lock');
      await sleep(200);
    }
    // A moment more, so the other instance's ticks pile up behind the lock too.
    await sleep(1500);
    const inFlight = await waiting();
    expect(inFlight).toBeGreaterThanOrEqual(1);
    await watcher.end();

    cluster.stop('immediate');
    admin = null;
    // Down for a while: pg-boss workers, listeners, flushers and requests all meet the dead database.
    for (let s = 0; s < 6; s++) {
      await sleep(500);
      for (const i of instances) expect(i.alive(), `${i.name} died (exit ${i.exitCode()}):\n${i.stderr()}\n${i.stdout().slice(-4000)}`).toBe(true);
    }
    cluster.start();
    const recoveredInMs = await untilAllAnswer(5_000);
    console.log(`chaos: ${inFlight} job statement(s) in flight at the crash; both instances answered 2xx ${recoveredInMs} ms after the database was back`);
    for (const i of instances) {
      expect(i.alive()).toBe(true);
      expect((await call(i.url, '/livez')).status).toBe(200);
    }
    // Readiness follows the database (the probe pings; allow it a moment).
    for (const i of instances) {
      let ready = await call(i.url, '/readyz');
      for (let n = 0; n < 20 && ready.status !== 200; n++) ready = (await sleep(250), await call(i.url, '/readyz'));
      expect(ready.status).toBe(200);
    }
  }, 180_000);

  it('while the database is down, reads and writes answer 503 database_unavailable with Retry-After, never 500', async () => {
    cluster.stop('fast');
    const answers: Array<Answer & { instance: string; what: string }> = [];
    const t0 = Date.now();
    while (Date.now() - t0 < 4_000) {
      for (const i of instances) {
        const probes: Array<[string, Promise<Answer>]> = [
          ['read audit', call(i.url, '/api/audit?range=[0,9]', { token })],
          ['read tenants', call(i.url, '/api/tenants?range=[0,9]', { token })],
          ['write tenant', call(i.url, '/api/tenants', { token, method: 'POST', body: JSON.stringify({ slug: `down-${randomBytes(3).toString('hex')}`, name: 'Down' }) })],
          ['sign in', call(i.url, '/api/auth/login', { method: 'POST', body: JSON.stringify({ email: 'admin@platform.local', password: ADMIN_PASSWORD }) })],
        ];
        for (const [what, p] of probes) answers.push({ ...(await p), instance: i.name, what });
      }
      await sleep(200);
    }
    const livez = await Promise.all(instances.map((i) => call(i.url, '/livez')));
    const readyz = await Promise.all(instances.map((i) => call(i.url, '/readyz')));
    cluster.start();
    await untilAllAnswer(5_000);

    expect(answers.length).toBeGreaterThan(8);
    const serverErrors = answers.filter((a) => a.status >= 500 && !(a.status === 503 && a.code === 'database_unavailable'));
    expect(serverErrors, JSON.stringify(serverErrors.slice(0, 5))).toEqual([]);
    const unavailable = answers.filter((a) => a.status === 503);
    for (const a of unavailable) {
      expect(a.retryAfter).toMatch(/^\d+$/);
      expect(a.contentType).toContain('application/problem+json');
    }
    // Writes and sign-ins need the database whatever is cached: every one of them is a 503.
    for (const what of ['write tenant', 'sign in', 'read audit']) {
      const these = answers.filter((a) => a.what === what);
      expect(these.every((a) => a.status === 503 && a.code === 'database_unavailable'), `${what}: ${JSON.stringify(these.filter((a) => a.status !== 503 || a.code !== 'database_unavailable').slice(0, 3))}`).toBe(true);
    }
    expect(livez.map((a) => a.status)).toEqual([200, 200]);
    expect(readyz.map((a) => [a.status, a.code])).toEqual([
      [503, 'database_unavailable'],
      [503, 'database_unavailable'],
    ]);
    for (const i of instances) expect(i.alive()).toBe(true);
  }, 120_000);

  it('stdout stayed JSON lines only, with one line per outage and instance instead of a stack per failure', async () => {
    // The "available again" line comes from the next probe (every second) and lines are written in batches.
    const settled = (i: PlatformInstance) => {
      const entries = logEntries(i.stdout());
      return entries.filter((e) => e.action === 'database.available').length === entries.filter((e) => e.action === 'database.unavailable').length;
    };
    for (let n = 0; n < 50 && !instances.every(settled); n++) await sleep(100);
    for (const i of instances) {
      const out = i.stdout();
      expect(nonJsonLines(out), `${i.name}: lines that are not JSON`).toEqual([]);
      const entries = logEntries(out);
      const down = entries.filter((e) => e.action === 'database.unavailable');
      const back = entries.filter((e) => e.action === 'database.available');
      // Two outages (the crash, the clean stop); a dead pooled connection met just after a restart may add one short blip.
      expect(down.length, `${i.name}: ${down.map((e) => e.message).join('\n')}`).toBeGreaterThanOrEqual(2);
      expect(down.length).toBeLessThanOrEqual(4);
      expect(back.length).toBe(down.length);
      const stacks = entries.filter((e) => e.level !== 'debug' && e.error?.stack);
      console.log(`chaos: ${i.name} wrote ${entries.length} lines, ${down.length} "database unavailable", ${stacks.length} with a stack${stacks.map((e) => `\n  ${e.timestamp} ${e.level} ${e.message.slice(0, 120)}`).join('')}`);
      console.log(`chaos: ${i.name} transitions: ${[...down, ...back].sort((x, y) => x.timestamp.localeCompare(y.timestamp)).map((e) => `${e.timestamp} ${e.message.slice(0, 80)}`).join('\n  ')}`);
      expect(stacks.length, stacks.map((e) => `${e.action} ${e.message}`).join('\n')).toBeLessThanOrEqual(5);
    }
  });
});
