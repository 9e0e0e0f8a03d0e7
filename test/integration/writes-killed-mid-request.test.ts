import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestKernel, type TestClient, type TestKernel } from '@platform/sdk/testing';
import { startFakeSmtpServer, type FakeSmtpServer } from '@platform/testing';
import { importPlugins, readPluginList } from '../../core/src/plugins/plugin-list.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));

/**
 * The database connection dies in the middle of a write: a trigger on `audit` terminates the backend that inserts
 * the audit row of one chosen request (matched by its request id), which is the last thing most writes do. The
 * request must answer 503 `database_unavailable` (never a 500), and no table may keep anything of it: the work and
 * its audit commit together or not at all. The same request sent again afterwards succeeds, and does write.
 * Every configured plugin is loaded, as in a deployment.
 */
describe('writes whose connection is killed mid-request leave nothing half-written', () => {
  let t: TestKernel;
  let admin: TestClient;
  let tenantId: string;
  let smtp: FakeSmtpServer;

  /** Tables that change on their own while the test runs (log pipeline, job bookkeeping, metrics...). */
  const BACKGROUND = /^(platform_logs|system_metrics|logging_|metrics_|health_|status_|kernel_job_runs$|sessions$|alerts_evaluations|messaging_pending_updates$|customer_success_)/;

  const counts = async (): Promise<Record<string, number>> => {
    const tables = await t.sql<{ name: string }>(`SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY 1`);
    const out: Record<string, number> = {};
    for (const { name } of tables) if (!BACKGROUND.test(name)) out[name] = (await t.sql<{ n: number }>(`SELECT count(*)::int AS n FROM "${name}"`))[0].n;
    return out;
  };
  const changed = (before: Record<string, number>, after: Record<string, number>) =>
    Object.keys(after).filter((name) => after[name] !== before[name]).map((name) => `${name}: ${before[name]} -> ${after[name]}`);

  beforeAll(async () => {
    smtp = await startFakeSmtpServer();
    t = await createTestKernel({ plugins: await importPlugins(readPluginList(join(root, 'platform.config.json')), root), config: { logLevel: 'silent' } });
    // Writes that email (GDPR verification, invitations) need an email provider.
    const provider = await t.inject({ method: 'POST', url: '/api/messaging/providers', payload: { channel: 'email', providerId: 'smtp', name: 'Test SMTP', config: { host: '127.0.0.1', port: smtp.port, security: 'none', fromEmail: 'platform@platform.test' } } });
    expect(provider.statusCode, provider.body).toBe(201);
    const assign = await t.inject({ method: 'PUT', url: '/api/messaging/assignments', payload: { tenantId: null, channel: 'email', providerConfigIds: [provider.json().id] } });
    expect(assign.statusCode, assign.body).toBeLessThan(300);
    admin = await t.signIn({ role: 'tenant_admin', tenant: 'killed-a' });
    tenantId = admin.tenant!.id;
    await t.sql(
      `INSERT INTO logging_error_groups (fingerprint, error_type, normalized_message, sample_message, service, first_seen, last_seen, count)
       VALUES ($1, 'Error', 'boom', 'boom', 'api', now(), now(), 1)`,
      [ERROR_GROUP],
    );
    const monitors = await t.inject('/api/health/monitors?range=[0,0]');
    expect(monitors.statusCode, monitors.body).toBe(200);
    monitorId = monitors.json()[0].id;
    await t.sql(`CREATE TABLE chaos_kill_request (request_id text PRIMARY KEY)`);
    await t.sql(`
      CREATE FUNCTION chaos_kill_on_audit() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER AS $$
      BEGIN
        IF NEW.request_id IS NOT NULL AND EXISTS (SELECT 1 FROM chaos_kill_request WHERE request_id = NEW.request_id) THEN
          PERFORM pg_terminate_backend(pg_backend_pid());
        END IF;
        RETURN NEW;
      END $$`);
    await t.sql(`CREATE TRIGGER chaos_kill_on_audit BEFORE INSERT ON audit FOR EACH ROW EXECUTE FUNCTION chaos_kill_on_audit()`);
  }, 240_000);
  afterAll(async () => {
    await t?.close();
    await smtp?.close();
  });

  /** `state`: for a write to a table the counts leave out, or one that updates a row: what must not change when killed. */
  type Case = { name: string; as: 'staff' | 'tenant_admin'; method: 'POST' | 'PUT' | 'PATCH'; url: () => string; payload: () => Record<string, unknown>; state?: () => Promise<unknown> };
  const unique = () => randomUUID().slice(0, 8);
  /** Each call answers the next of `values`, so every send changes the row (normal, killed, again). */
  const cycle = <T,>(values: T[]) => {
    let i = 0;
    return () => values[i++ % values.length];
  };
  const nextGroupStatus = cycle(['resolved', 'ignored', 'unresolved']);
  const nextTimeoutMs = cycle([4_000, 5_000, 6_000]);
  const ERROR_GROUP = 'c0ffee00'.repeat(4);
  let monitorId = '';
  const cases: Case[] = [
    { name: 'kernel: create a tenant (provisioning hooks run)', as: 'staff', method: 'POST', url: () => '/api/tenants', payload: () => ({ slug: `killed-${unique()}`, name: 'Killed' }) },
    { name: 'plans: create a plan', as: 'staff', method: 'POST', url: () => '/api/plans/plans', payload: () => ({ key: `k-${unique()}`, name: 'K', priceAmount: 100, currency: 'USD', interval: 'monthly' }) },
    { name: 'feature-flags: create a flag', as: 'staff', method: 'POST', url: () => '/api/feature-flags/flags', payload: () => ({ key: `killed.f${unique()}`, name: 'Killed', type: 'boolean', enabled: true, reason: 'chaos' }) },
    { name: 'messaging: top up credits', as: 'staff', method: 'POST', url: () => `/api/messaging/credits/${tenantId}/top-up`, payload: () => ({ amount: 5, reason: 'chaos' }) },
    { name: 'support: open a ticket', as: 'tenant_admin', method: 'POST', url: () => '/api/support/tickets', payload: () => ({ subject: `Killed ${unique()}`, body: 'Help', category: 'question' }) },
    { name: 'gdpr: open a request', as: 'staff', method: 'POST', url: () => '/api/gdpr/requests', payload: () => ({ tenantId, kind: 'export', email: `p-${unique()}@example.com` }) },
    { name: 'marketplace: create an add-on', as: 'staff', method: 'POST', url: () => '/api/marketplace/addons', payload: () => ({ name: `Bundle ${unique()}`, kind: 'sms_credits', provision: { credits: 10 }, pricing: 'one_off', amountMinor: 100, currency: 'USD' }) },
    { name: 'billing: add a charge', as: 'staff', method: 'POST', url: () => '/api/billing/charges', payload: () => ({ description: `c ${unique()}`, amountMinor: 100, currency: 'USD' }) },
    { name: 'onboarding: invite a user', as: 'tenant_admin', method: 'POST', url: () => '/api/onboarding/invitations', payload: () => ({ email: `i-${unique()}@example.com`, role: 'tenant_member' }) },
    { name: 'billing: set a tax rate', as: 'staff', method: 'PUT', url: () => '/api/billing/tax-rates', payload: () => ({ country: 'GB', label: `VAT ${unique()}`, rateBp: 2000, mode: 'exclusive' }) },
    { name: 'incidents: declare an incident', as: 'staff', method: 'POST', url: () => '/api/incidents/incidents', payload: () => ({ title: `Killed ${unique()}`, severity: 3 }) },
    { name: 'backups: schedule backups', as: 'staff', method: 'POST', url: () => '/api/backups/schedules', payload: () => ({ tenantId, hourUtc: 3, keepDaily: 7, keepWeekly: 4 }) },
    {
      name: 'logging: open a DEBUG window',
      as: 'staff',
      method: 'POST',
      url: () => '/api/logging/debug-windows',
      payload: () => ({ tenantId, minutes: 5, reason: 'chaos' }),
      state: () => t.sql('SELECT count(*)::int AS n FROM logging_debug_windows'),
    },
    {
      name: 'logging: change an error group status',
      as: 'staff',
      method: 'PUT',
      url: () => `/api/logging/errors/${ERROR_GROUP}`,
      payload: () => ({ status: nextGroupStatus(), reason: 'chaos' }),
      state: () => t.sql('SELECT status, status_changed_by, resolved_at FROM logging_error_groups WHERE fingerprint = $1', [ERROR_GROUP]),
    },
    {
      name: "health: edit a monitor's settings",
      as: 'staff',
      method: 'PUT',
      url: () => `/api/health/monitors/${monitorId}`,
      payload: () => ({ timeoutMs: nextTimeoutMs() }),
      state: () => t.sql('SELECT timeout_ms FROM health_monitor_overrides WHERE monitor_id = $1', [monitorId]),
    },
  ];

  const send = (c: Case, requestId: string) => {
    const opts = { method: c.method, url: c.url(), payload: c.payload(), headers: { 'x-request-id': requestId } };
    return c.as === 'staff' ? t.inject({ ...opts, headers: { ...opts.headers, 'x-tenant-id': tenantId } }) : admin.inject(opts);
  };

  it.each(cases)('$name', async (c) => {
    // First the write as it normally goes: it must succeed and audit under its request id (else the kill below would not fire).
    const normalId = `ok-${randomUUID()}`;
    const normal = await send(c, normalId);
    expect(normal.statusCode, normal.body).toBeLessThan(300);
    expect((await t.sql<{ n: number }>('SELECT count(*)::int AS n FROM audit WHERE request_id = $1', [normalId]))[0].n).toBeGreaterThan(0);

    const before = await counts();
    const stateBefore = await c.state?.();
    const killedId = `kill-${randomUUID()}`;
    await t.sql('INSERT INTO chaos_kill_request VALUES ($1)', [killedId]);
    try {
      const killed = await send(c, killedId);
      expect(killed.statusCode, killed.body).toBe(503);
      expect(killed.json().code).toBe('database_unavailable');
    } finally {
      await t.sql('DELETE FROM chaos_kill_request');
    }
    // Work that left the request (an outbox event, a provisioning step) would show as a changed count.
    const after = await counts();
    expect(changed(before, after)).toEqual([]);
    expect(await c.state?.()).toEqual(stateBefore);
    expect((await t.sql<{ n: number }>('SELECT count(*)::int AS n FROM audit WHERE request_id = $1', [killedId]))[0].n).toBe(0);

    // The platform is still fine: the same write goes through.
    const again = await send(c, `again-${randomUUID()}`);
    expect(again.statusCode, again.body).toBeLessThan(300);
  }, 60_000);
});
