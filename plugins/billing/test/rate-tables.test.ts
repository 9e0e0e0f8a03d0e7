import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestKernel, type TestClient, type TestKernel } from '@platform/sdk/testing';
import plans from '@platform/plugin-plans';
import { createBillingPlugin } from '@platform/plugin-billing';

/** Tax rates and overage prices share one staff route shape: set (replacing), list, remove (404 when absent), audited. */
describe.each([
  { path: '/api/billing/tax-rates', kind: 'tax_rate', body: { country: 'GB', label: 'VAT', rateBp: 2000, mode: 'exclusive' }, changed: { country: 'GB', label: 'VAT', rateBp: 500, mode: 'exclusive' }, bad: [{ country: 'GB', label: 'VAT', rateBp: 1.5, mode: 'exclusive' }, 'rateBp'] },
  { path: '/api/billing/meter-prices', kind: 'meter_price', body: { meter: 'sms.monthly', currency: 'USD', unitPriceMinor: 5 }, changed: { meter: 'sms.monthly', currency: 'USD', unitPriceMinor: 7 }, bad: [{ meter: 'sms.monthly', currency: 'USD', unitPriceMinor: 'five' }, 'unitPriceMinor'] },
] as const)('rate table $path', ({ path, kind, body, changed, bad }) => {
  let t: TestKernel;
  let tenantAdmin: TestClient;

  beforeAll(async () => {
    t = await createTestKernel({ plugins: [plans, createBillingPlugin()] });
    tenantAdmin = await t.signIn({ role: 'tenant_admin', tenant: 'tenant-a' });
  });
  afterAll(async () => t?.close());

  it('sets, replaces, lists and removes a row, each change audited; a second removal is 404', async () => {
    const first = await t.inject({ method: 'PUT', url: path, payload: body });
    expect(first.statusCode, first.body).toBe(200);
    const second = await t.inject({ method: 'PUT', url: path, payload: changed });
    expect(second.json().id).toBe(first.json().id);
    expect((await t.inject(path)).json()).toEqual([second.json()]);
    expect((await t.inject({ method: 'DELETE', url: `${path}/${first.json().id}` })).statusCode).toBe(204);
    expect((await t.inject(path)).json()).toEqual([]);
    expect((await t.inject({ method: 'DELETE', url: `${path}/${first.json().id}` })).statusCode).toBe(404);
    const trail = await t.sql<{ action: string }>('SELECT action FROM audit WHERE target_id = $1 ORDER BY id', [first.json().id]);
    expect(trail.map((e) => e.action)).toEqual([`billing.${kind}.set`, `billing.${kind}.set`, `billing.${kind}.removed`]);
  });

  it('refuses bad input naming the field and a malformed id, writing nothing; tenant admins cannot touch it', async () => {
    const res = await t.inject({ method: 'PUT', url: path, payload: bad[0] });
    expect(res.statusCode).toBe(400);
    expect(JSON.stringify(res.json())).toContain(bad[1]);
    expect((await t.inject({ method: 'DELETE', url: `${path}/not-a-uuid` })).statusCode).toBe(400);
    expect((await t.inject(path)).json()).toEqual([]);
    expect((await tenantAdmin.inject({ method: 'PUT', url: path, payload: body })).statusCode).toBe(403);
    expect((await tenantAdmin.inject(path)).statusCode).toBe(403);
  });
});
