import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import logging from '@platform/plugin-logging';
import health from '@platform/plugin-health';
import plans from '@platform/plugin-plans';
import billing from '@platform/plugin-billing';
import metrics from '@platform/plugin-metrics';
import alerts from '@platform/plugin-alerts';
import messaging from '@platform/plugin-messaging';
import storage from '@platform/plugin-storage';
import type { TenantInfo } from '@platform/sdk';
import { createTestKernel, type TestKernel } from '@platform/sdk/testing';
import { createCustomerSuccessPlugin } from '../src/index.ts';

const HOUR = 3_600_000;

/** Each section comes from the plugin owning its data, read through the SDK contract only. */
describe('digest sections contributed by the plugins that own the data', () => {
  let t: TestKernel;
  let a: TenantInfo;
  // A minute ahead: the rows written below (updated_at = now()) fall inside the 24 hours up to it.
  const now = new Date(Date.now() + 60_000);

  beforeAll(async () => {
    t = await createTestKernel({ plugins: [storage, messaging, plans, billing, metrics, alerts, logging, health, createCustomerSuccessPlugin({ clock: () => now })] });
    a = await t.tenant('tenant-a');
    await t.sql(`INSERT INTO health_monitor_state (monitor_id, target_key, tenant_id, status, message) VALUES ('http', 'a-site', $1, 'unhealthy', 'HTTP 503'), ('http', 'a-api', $1, 'healthy', NULL)`, [a.id]);
    await t.sql(
      `INSERT INTO alerts_history (at, instance_id, rule_id, rule_name, severity, fingerprint, tenant_id, from_state, to_state, event)
       VALUES ($1, gen_random_uuid(), gen_random_uuid(), 'High 5xx rate', 'critical', 'fp-a', $2, 'pending', 'firing', 'fired'),
              ($3, gen_random_uuid(), gen_random_uuid(), 'Old alert', 'warning', 'fp-b', NULL, 'pending', 'firing', 'fired')`,
      [new Date(now.getTime() - 2 * HOUR), a.id, new Date(now.getTime() - 30 * HOUR)],
    );
    await t.sql(
      `INSERT INTO logging_error_groups (fingerprint, error_type, normalized_message, sample_message, service, first_seen, last_seen, count)
       VALUES ('fp1', 'TypeError', 'x is undefined', 'x is undefined', 'api', now(), now(), 42)`,
    );
    await t.sql(`INSERT INTO logging_error_group_hours (fingerprint, tenant_id, hour, count) VALUES ('fp1', $1, date_trunc('hour', $2::timestamptz), 42)`, [a.id, new Date(now.getTime() - 3 * HOUR)]);
    const [invoice] = await t.sql<{ id: string }>(
      `INSERT INTO billing_invoices (id, tenant_id, issuer, sequence, number, kind, state, currency, subtotal_minor, tax_minor, total_minor, issued_at, due_at)
       VALUES (gen_random_uuid(), $1, 'platform', 1, 'INV-000001', 'manual', 'open', 'USD', 4900, 0, 4900, now(), now()) RETURNING id`,
      [a.id],
    );
    await t.sql(
      `INSERT INTO billing_payments (id, tenant_id, invoice_id, method, amount_minor, currency, status, failure_reason) VALUES (gen_random_uuid(), $1, $2, 'provider', 4900, 'USD', 'failed', 'card_declined')`,
      [a.id, invoice.id],
    );
  }, 120_000);
  afterAll(async () => t?.close());

  it('assembles platform health, SLOs, alerts, failed payments, top errors and the score sections in order', async () => {
    const res = await t.inject('/api/customer-success/digest');
    expect(res.statusCode, res.body).toBe(200);
    const sections = res.json().sections;
    expect(sections.map((s: any) => s.id)).toEqual(['platform-health', 'slos', 'alerts-fired', 'health-score-drops', 'renewals-at-risk', 'failed-payments', 'top-errors']);
    const byId = Object.fromEntries(sections.map((s: any) => [s.id, s]));
    for (const s of sections) expect(s.error, s.id).toBeUndefined();
    expect(byId['platform-health']).toMatchObject({ status: 'critical', summary: '1 of 2 monitors healthy, 0 degraded, 1 unhealthy' });
    expect(byId['platform-health'].items[0]).toMatchObject({ label: 'http a-site', value: 'unhealthy', tenantId: a.id });
    expect(byId.slos.items.map((i: any) => i.label)).toEqual(['API availability', 'API latency']);
    expect(byId['alerts-fired']).toMatchObject({ status: 'critical', summary: '1 alert fired in the last 24 hours' });
    expect(byId['alerts-fired'].items).toEqual([expect.objectContaining({ label: 'High 5xx rate', tenantId: a.id })]);
    expect(byId['failed-payments'].items).toEqual([expect.objectContaining({ label: 'tenant a', tenantId: a.id, value: '4900 USD minor units' })]);
    expect(byId['failed-payments'].items[0].detail).toContain('card_declined');
    expect(byId['top-errors'].items[0]).toMatchObject({ label: 'TypeError: x is undefined', value: '42×' });
  });
});
