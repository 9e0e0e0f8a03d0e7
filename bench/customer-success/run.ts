// bench/customer-success: the nightly health scores of BENCH_TENANTS (10,000) tenants with a year of history each,
// on the test PostgreSQL server, with every plugin that contributes a health signal installed (usage recency from
// the audit trail, activation from onboarding, error rate from logging, failing monitors from health, billing risk
// from billing, support load from support). Seeded straight by SQL: per tenant a year of weekly audited activity
// (52 entries), weekly metered usage on 2 meters (104 usage records), monthly error hours (12), 2 monitors, an
// onboarding session, a plan, an invoice, and a ticket for one tenant in ten.
// Measured: the plugin's real nightly path, the `customer-success.nightly-scores` job run once (every tenant's
// signals computed, snapshot with breakdown and reasons stored). Target: < 60 s.
// Floor, measured in the same run on the same data: the same signal inputs read for every tenant by one set-based
// SQL statement per signal (nothing computed or written). Printed: both times (wall and this process's CPU), their
// ratio, and snapshots stored.
// Run: node --import tsx bench/customer-success/run.ts   (BENCH_TENANTS=1000 for a quick look)
import { createTestKernel } from '@platform/sdk/testing';
import storage from '@platform/plugin-storage';
import messaging from '@platform/plugin-messaging';
import onboarding from '@platform/plugin-onboarding';
import plans from '@platform/plugin-plans';
import billing from '@platform/plugin-billing';
import logging from '@platform/plugin-logging';
import health from '@platform/plugin-health';
import support from '@platform/plugin-support';
import { createCustomerSuccessPlugin } from '@platform/plugin-customer-success';
import { runCustomer360Bench } from './customer-360.ts';

const TENANTS = Number(process.env.BENCH_TENANTS ?? 10_000);
const TARGET_S = 60;
const now = new Date('2026-07-02T02:00:00Z');
const YEAR_AGO = new Date(now.getTime() - 365 * 86_400_000);

const t = await createTestKernel({
  plugins: [storage, messaging, onboarding, plans, billing, logging, health, support, createCustomerSuccessPlugin({ clock: () => now })],
  config: { logLevel: 'warn' },
});
try {
  const plan = await t.inject({ method: 'POST', url: '/api/plans/plans', payload: { key: 'bench', name: 'Bench', priceAmount: 4900, currency: 'USD', interval: 'monthly', quotas: { 'api_calls.monthly': 5000, 'sms.monthly': 500 } } });
  if (plan.statusCode !== 201) throw new Error(plan.body);
  const planId: string = plan.json().id;
  const seedStarted = performance.now();
  const chunk = 1000;
  await t.sql(
    `INSERT INTO logging_error_groups (fingerprint, error_type, normalized_message, sample_message, service, first_seen, last_seen, count)
     SELECT 'bench-' || g, 'TypeError', 'error ' || g, 'error ' || g, 'api', $1, $2, 0 FROM generate_series(1, 20) g`,
    [YEAR_AGO, now],
  );
  for (let i = 0; i < TENANTS; i += chunk) {
    const n = Math.min(chunk, TENANTS - i);
    const [{ ids }] = await t.sql<{ ids: string[] }>(
      `WITH ins AS (
         INSERT INTO tenants (id, slug, name, status, locale, created_at)
         SELECT gen_random_uuid(), 'bench-' || k, 'Bench ' || k, 'active', 'en', $2 FROM generate_series($1::int, $1::int + $3::int - 1) k RETURNING id)
       SELECT array_agg(id) AS ids FROM ins`,
      [i, YEAR_AGO, n],
    );
    await t.sql(
      `INSERT INTO plans_assignments (id, tenant_id, plan_id, effective_from, billing_anchor, reason)
       SELECT gen_random_uuid(), id, $2, $3, $3, 'bench' FROM unnest($1::uuid[]) u(id)`,
      [ids, planId, YEAR_AGO],
    );
    // A year of weekly activity (the last one 0–20 days ago, so recency varies) and weekly usage on 2 meters.
    await t.sql(
      `INSERT INTO audit (at, actor_type, actor_id, actor_label, tenant_id, action)
       SELECT $2::timestamptz - ((w * 7 + (ord % 21)) || ' days')::interval, 'user', 'user-' || ord, 'bench', id, 'records.updated'
       FROM unnest($1::uuid[]) WITH ORDINALITY u(id, ord), generate_series(0, 51) w`,
      [ids, now],
    );
    await t.sql(
      `INSERT INTO plans_usage_records (id, tenant_id, meter, quantity, at, idempotency_key)
       SELECT gen_random_uuid(), id, m, 10 + (ord % 50), $2::timestamptz - (w * 7 || ' days')::interval, 'bench-' || m || '-' || w
       FROM unnest($1::uuid[]) WITH ORDINALITY u(id, ord), generate_series(0, 51) w, unnest(ARRAY['api_calls.monthly', 'sms.monthly']) m`,
      [ids, now],
    );
    await t.sql(
      `INSERT INTO logging_error_group_hours (fingerprint, tenant_id, hour, count)
       SELECT 'bench-' || (1 + (ord + mo) % 20), id, date_trunc('hour', $2::timestamptz - (mo * 30 || ' days')::interval - interval '3 hours'), 1 + (ord % 40)
       FROM unnest($1::uuid[]) WITH ORDINALITY u(id, ord), generate_series(0, 11) mo`,
      [ids, now],
    );
    await t.sql(
      `INSERT INTO health_monitor_state (monitor_id, target_key, tenant_id, status)
       SELECT 'http', id || '-' || s, id, CASE WHEN s = 1 AND ord % 25 = 0 THEN 'unhealthy' ELSE 'healthy' END
       FROM unnest($1::uuid[]) WITH ORDINALITY u(id, ord), generate_series(1, 2) s`,
      [ids],
    );
    await t.sql(
      `INSERT INTO onboarding_sessions (id, tenant_id, status, current_step, completed_steps, skipped_steps, completed_at)
       SELECT gen_random_uuid(), id, CASE WHEN ord % 5 = 0 THEN 'in_progress' ELSE 'completed' END, 'done', ARRAY['profile', 'plan'], ARRAY[]::text[],
              CASE WHEN ord % 5 = 0 THEN NULL ELSE $2::timestamptz END
       FROM unnest($1::uuid[]) WITH ORDINALITY u(id, ord)`,
      [ids, YEAR_AGO],
    );
    await t.sql(
      `INSERT INTO billing_invoices (id, tenant_id, issuer, sequence, number, kind, state, currency, subtotal_minor, tax_minor, total_minor, issued_at, due_at)
       SELECT gen_random_uuid(), id, 'platform', $3::int + ord, 'BENCH-' || ($3::int + ord), 'manual', CASE WHEN ord % 20 = 0 THEN 'open' ELSE 'paid' END,
              'USD', 4900, 0, 4900, $2::timestamptz - interval '20 days', $2::timestamptz - interval '5 days'
       FROM unnest($1::uuid[]) WITH ORDINALITY u(id, ord)`,
      [ids, now, i],
    );
    await t.sql(
      `INSERT INTO support_tickets (id, tenant_id, subject, body, category, priority, status, reporter_email, first_response_due_at, resolution_due_at, created_at, updated_at)
       SELECT gen_random_uuid(), id, 'Bench ticket', 'It fails.', 'problem', 'normal', 'open', 'bench@example.test', $2, $2, $2, $2
       FROM unnest($1::uuid[]) WITH ORDINALITY u(id, ord) WHERE ord % 10 = 0`,
      [ids, now],
    );
  }
  await t.sql('ANALYZE');
  const [{ audit, usage }] = await t.sql<{ audit: string; usage: string }>(`SELECT (SELECT count(*) FROM audit)::text AS audit, (SELECT count(*) FROM plans_usage_records)::text AS usage`);
  console.log(`seeded ${TENANTS} tenants with a year of history (${audit} audit entries, ${usage} usage records) in ${((performance.now() - seedStarted) / 1000).toFixed(1)} s`);

  // Floor: every signal's input for every tenant, one set-based statement per signal, nothing computed or written.
  const windowFrom = new Date(now.getTime() - 30 * 86_400_000);
  const floorCpu = process.cpuUsage();
  const floorStarted = performance.now();
  await Promise.all([
    t.sql(`SELECT DISTINCT ON (tenant_id) tenant_id, at, action FROM audit WHERE tenant_id IS NOT NULL AND actor_type <> 'system' ORDER BY tenant_id, at DESC`),
    t.sql(`SELECT tenant_id, status, cardinality(completed_steps) FROM onboarding_sessions`),
    t.sql(`SELECT tenant_id, sum(count) FROM logging_error_group_hours WHERE hour >= $1 GROUP BY tenant_id`, [windowFrom]),
    t.sql(`SELECT tenant_id, count(*), count(*) FILTER (WHERE status = 'unhealthy') FROM health_monitor_state WHERE status <> 'unknown' GROUP BY tenant_id`),
    t.sql(`SELECT tenant_id, count(*) FILTER (WHERE state = 'open' AND due_at < $1) FROM billing_invoices GROUP BY tenant_id`, [now]),
    t.sql(`SELECT tenant_id, count(*) FROM support_tickets WHERE status IN ('open', 'pending', 'on_hold') GROUP BY tenant_id`),
  ]);
  const floorS = (performance.now() - floorStarted) / 1000;
  const floorCpuS = (() => {
    const u = process.cpuUsage(floorCpu);
    return (u.user + u.system) / 1e6;
  })();

  const cpu = process.cpuUsage();
  const started = performance.now();
  await t.kernel.services.jobs.runNow('customer-success.nightly-scores');
  const elapsedS = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  const cpuS = (used.user + used.system) / 1e6;
  const [{ scores }] = await t.sql<{ scores: number }>(`SELECT count(*)::int AS scores FROM customer_success_scores WHERE day = $1::date`, [now.toISOString().slice(0, 10)]);
  const [{ failed }] = await t.sql<{ failed: number }>(
    `SELECT count(*)::int AS failed FROM customer_success_scores, jsonb_array_elements(breakdown) l WHERE (l ->> 'failed')::boolean`,
  );

  console.log('');
  console.log('| Tenants | Nightly scores (wall) | CPU of this process | Per tenant | SQL floor (wall) | Ratio to floor | Snapshots | Failed signals | Target |');
  console.log('|---|---|---|---|---|---|---|---|---|');
  console.log(
    `| ${TENANTS} | ${elapsedS.toFixed(1)} s | ${cpuS.toFixed(1)} s | ${((elapsedS * 1000) / TENANTS).toFixed(2)} ms | ${floorS.toFixed(2)} s (CPU ${floorCpuS.toFixed(2)} s) | ${(elapsedS / floorS).toFixed(1)}× | ${scores} | ${failed} | < ${TARGET_S} s ${elapsedS < TARGET_S ? 'met' : 'MISSED'} |`,
  );
  if (scores !== TENANTS) throw new Error(`expected ${TENANTS} snapshots, found ${scores}`);

  // The customer 360 page (item 2): its own kernel, one tenant with a year of history.
  console.log('');
  await runCustomer360Bench();
} finally {
  await t.close();
}
