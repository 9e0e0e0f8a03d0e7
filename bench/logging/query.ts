import pg from 'pg';
import { createTestKernel, type TestClient } from '@platform/sdk/testing';
import logging, { LOGGING_RUNTIME, type LoggingRuntime } from '@platform/plugin-logging';
import { createBenchPlugin } from './bench-plugin.ts';

export const QUERY_DATABASE = 'platform_bench_logging_5m';
const DAY = 86_400_000;
/** Bump when the generated data changes, so an earlier database is regenerated. */
const SEED_VERSION = 'v2';

export interface Timing {
  p50: number;
  p95: number;
  max: number;
  lines: number;
}

export interface QueryResult {
  rows: number;
  seededNow: boolean;
  seedSeconds: number | null;
  partitions: number;
  lastErrorsOfTenant: Timing;
  textSearchDay: Timing;
  textSearchAll: Timing;
  rareWordSearch: Timing;
  requestTrace: Timing;
  requestIdSearch: Timing;
}

async function ensureDatabase(serverUrl: string): Promise<string> {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [QUERY_DATABASE]);
    if (!exists.rowCount) await admin.query(`CREATE DATABASE "${QUERY_DATABASE}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${QUERY_DATABASE}`;
  return url.toString();
}

async function time(runs: number, call: () => Promise<{ statusCode: number; body: string; json(): any }>, count: (body: any) => number): Promise<Timing> {
  const ms: number[] = [];
  let lines = 0;
  for (let i = 0; i < runs + 3; i++) {
    const t0 = performance.now();
    const res = await call();
    const elapsed = performance.now() - t0;
    if (res.statusCode !== 200) throw new Error(`query failed: ${res.statusCode} ${res.body}`);
    lines = count(res.json());
    if (i >= 3) ms.push(elapsed);
  }
  ms.sort((a, b) => a - b);
  const at = (q: number) => ms[Math.min(ms.length - 1, Math.ceil(q * ms.length) - 1)];
  return { p50: at(0.5), p95: at(0.95), max: ms[ms.length - 1], lines };
}

/**
 * Query latency over `rows` lines spread over the last 6 days and 50 tenants (~5 % errors, ~10 % warnings, by hash),
 * generated in SQL with generate_series (kept in the database `platform_bench_logging_5m` for later runs).
 * Every figure is an HTTP request through the API (auth, tenant scope, validation, JSON) via inject.
 */
export async function measureQueries(rows: number, runs: number): Promise<QueryResult> {
  const server = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const databaseUrl = await ensureDatabase(server);
  const bench = createBenchPlugin();
  const t = await createTestKernel({ plugins: [logging, bench.plugin], databaseUrl, config: { logLevel: 'error' } });
  try {
    const rt = bench.context().resolve<LoggingRuntime>(LOGGING_RUNTIME);
    const tenants: { id: string; slug: string }[] = [];
    for (let i = 0; i < 50; i++) tenants.push(await t.kernel.services.directory.get(`bench-${i}`) ?? (await t.tenant(`bench-${i}`)));
    await t.sql('CREATE TABLE IF NOT EXISTS bench_logging_seed (version text PRIMARY KEY, rows bigint NOT NULL, seeded_at timestamptz NOT NULL DEFAULT now())');
    const [seed] = await t.sql<{ rows: string; seeded_at: Date }>('SELECT rows, seeded_at FROM bench_logging_seed WHERE version = $1', [SEED_VERSION]);
    let seededNow = false;
    let seedSeconds: number | null = null;
    // The rows span the 6 days before seeding: regenerate once they start to leave the 7-day INFO retention.
    if (!seed || Number(seed.rows) !== rows || Date.now() - new Date(seed.seeded_at).getTime() > DAY) {
      seededNow = true;
      const started = performance.now();
      await t.sql('TRUNCATE platform_logs');
      const now = Date.now();
      await rt.partitions.ensureDaysFor(Array.from({ length: 8 }, (_, i) => new Date(now - i * DAY)));
      const chunk = 500_000;
      for (let from = 0; from < rows; from += chunk) {
        const to = Math.min(rows, from + chunk) - 1;
        // i spreads evenly over the last 6 days (newest = highest i); one request id per 8 lines.
        await t.sql(
          `INSERT INTO platform_logs (id, logged_at, level, tenant_id, tenant_slug, user_id, request_id, service, action, message, data, error_type, error_message, fingerprint)
           SELECT gen_random_uuid(),
                  now() - ((($3::bigint - 1 - i)::float8 / $3::bigint) * interval '6 days'),
                  lvl, ($4::uuid[])[1 + (i % 50)], ($5::text[])[1 + (i % 50)], 'user-' || (i % 5000), 'req-' || (i / 8),
                  'svc-' || (i % 12), (ARRAY['order.placed','order.paid','cart.updated','user.login','report.built','sync.ran'])[1 + (i % 6)],
                  CASE WHEN lvl = 'error' THEN (ARRAY['payment gateway timeout for order ','stock reservation failed for sku ','webhook delivery refused by host '])[1 + (i % 3)] || i
                       WHEN i % 97 = 0 THEN 'upstream timeout after ' || (i % 3000) || ' ms, retrying'
                       ELSE (ARRAY['order ','cart ','user ','report ','sync job '])[1 + (i % 5)] || i || (ARRAY[' placed by customer',' updated in browser',' signed in from mobile',' built for finance',' finished without changes'])[1 + (i % 5)] END,
                  jsonb_build_object('orderId', i, 'sku', 'SKU-' || (i % 977), 'quantity', 1 + i % 5, 'amountCents', i % 100000, 'currency', 'EUR', 'channel', 'web', 'warehouse', 'wh-' || (i % 7), 'attempt', 1 + i % 3),
                  CASE WHEN lvl = 'error' THEN 'UpstreamError' END,
                  CASE WHEN lvl = 'error' THEN 'upstream failed' END,
                  CASE WHEN lvl = 'error' THEN md5('group-' || (i % 3)) END
             FROM generate_series($1::bigint, $2::bigint) AS i,
                  LATERAL (SELECT CASE WHEN (hashint8(i) & 1023) < 51 THEN 'error' WHEN (hashint8(i) & 1023) < 154 THEN 'warn' ELSE 'info' END AS lvl) l`,
          [from, to, rows, tenants.map((x) => x.id), tenants.map((x) => x.slug)],
        );
        process.stdout.write(`  seeded ${(to + 1).toLocaleString('en')} / ${rows.toLocaleString('en')} lines\n`);
      }
      await t.sql('ANALYZE platform_logs');
      // What the hourly `logging.partitions` job does to days that are over (merges full-text pending lists).
      await rt.partitions.run(rt.config.retention, 3);
      await t.sql('DELETE FROM bench_logging_seed');
      await t.sql('INSERT INTO bench_logging_seed (version, rows) VALUES ($1, $2)', [SEED_VERSION, rows]);
      seedSeconds = (performance.now() - started) / 1000;
    }
    const [{ n: partitions }] = await t.sql<{ n: string }>(
      `SELECT count(*) AS n FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE c.relkind = 'r' AND c.relname LIKE 'platform_logs_p%'`,
    );

    const tenant = tenants[7];
    const admin: TestClient = await t.signIn({ role: 'tenant_admin', tenant: tenant.slug });
    const staff = t.client;
    const from = encodeURIComponent(new Date(Date.now() - 8 * DAY).toISOString());
    const count = (b: any) => b.items.length;
    const lastErrorsOfTenant = await time(runs, () => admin.inject(`/api/logging/logs?level=error&limit=100&from=${from}`), count);
    const textSearchDay = await time(runs, () => staff.inject('/api/logging/logs?q=timeout&limit=100'), count);
    const textSearchAll = await time(runs, () => staff.inject(`/api/logging/logs?q=timeout&limit=100&from=${from}`), count);
    // A word in one line of 5 M (an order number): no leaf can be skipped, every window is probed.
    let r = 0;
    const rare = Array.from({ length: runs + 3 }, (_, i) => String(5 * Math.floor((rows / 5) * ((i * 53) % 100) / 100)));
    const rareWordSearch = await time(runs, () => staff.inject(`/api/logging/logs?q=${rare[r++ % rare.length]}&limit=100&from=${from}`), count);
    let k = 0;
    const requestIds = Array.from({ length: runs + 3 }, (_, i) => `req-${Math.floor((rows / 8) * ((i * 37) % 100) / 100)}`);
    const requestTrace = await time(runs, () => staff.inject(`/api/logging/logs/trace/${requestIds[k++ % requestIds.length]}`), count);
    const requestIdSearch = await time(runs, () => staff.inject(`/api/logging/logs?requestId=${requestIds[k++ % requestIds.length]}&from=${from}`), count);
    return { rows, seededNow, seedSeconds, partitions: Number(partitions), lastErrorsOfTenant, textSearchDay, textSearchAll, rareWordSearch, requestTrace, requestIdSearch };
  } finally {
    await t.close();
  }
}
