import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestKernel, type TestClient, type TestKernel } from '@platform/sdk/testing';
import example from '@platform/plugin-example';
import featureFlags from '@platform/plugin-feature-flags';
import status from '@platform/plugin-status';
import health from '@platform/plugin-health';
import { expectProblem } from './support/http.ts';

/** The seeded flag `platform.maintenance_mode` refuses writes from non-staff; staff still act, sign-in still works. */
describe('maintenance mode', () => {
  let t: TestKernel;
  let admin: TestClient;
  let staffInTenant: TestClient;

  const setMaintenance = async (on: boolean) => {
    const flag = await t.inject('/api/feature-flags/flags/platform.maintenance_mode');
    expect(flag.statusCode, flag.body).toBe(200);
    const res = await t.inject({ method: 'PUT', url: `/api/feature-flags/flags/${flag.json().id}`, payload: { ...(flag.json() as Record<string, unknown>), enabled: on, reason: on ? 'maintenance window' : 'done' } });
    expect(res.statusCode, res.body).toBe(200);
    t.kernel.services.maintenance.refresh();
  };

  beforeAll(async () => {
    t = await createTestKernel({ plugins: [featureFlags, health, status, example] });
    admin = await t.signIn({ role: 'tenant_admin', tenant: 'maint-a' });
    staffInTenant = await t.signIn({ role: 'admin', tenant: 'maint-a' });
  });
  afterAll(async () => t?.close());

  it('lets everything through while the flag is off', async () => {
    expect((await t.inject('/api/maintenance')).json()).toEqual({ active: false, retryAfterSeconds: 300 });
    const res = await admin.inject({ method: 'POST', url: '/api/example/notes', payload: { title: 'before', body: 'x' } });
    expect(res.statusCode, res.body).toBe(201);
  });

  it('refuses tenant writes with 503 maintenance and Retry-After, lets reads, staff and sign-in through', async () => {
    await setMaintenance(true);
    try {
      const anonymous = await t.kernel.app.inject('/api/maintenance');
      expect(anonymous.json()).toEqual({ active: true, retryAfterSeconds: 300 });
      // The public status page says so (JSON and HTML).
      const statusDoc = (await t.kernel.app.inject({ url: '/api/status', remoteAddress: '10.9.0.1' })).json().data;
      expect(statusDoc).toMatchObject({ maintenanceMode: true, platformMaintenance: true, systemStatus: 'maintenance' });
      const page = await t.kernel.app.inject({ url: '/status', remoteAddress: '10.9.0.2' });
      expect(page.body).toContain('The platform is in maintenance');

      for (const [method, url, payload] of [
        ['POST', '/api/example/notes', { title: 'during', body: 'x' }],
        ['POST', '/api/nav-overrides', { itemId: 'kernel.users', label: 'People' }],
        ['DELETE', '/api/example/notes/00000000-0000-4000-8000-000000000000', undefined],
      ] as const) {
        const res = await admin.inject({ method, url, payload });
        const body = expectProblem(res, 503, 'maintenance');
        expect(res.headers['retry-after']).toBe('300');
        expect(body.retryAfterSeconds).toBe(300);
      }
      // Reads go on, and so do POSTs that only read (a route declaring `readOnly`: flag evaluation).
      expect((await admin.inject('/api/example/notes')).statusCode).toBe(200);
      const evaluation = await admin.inject({ method: 'POST', url: '/api/feature-flags/evaluate', payload: { flag: 'platform.maintenance_mode' } });
      expect(evaluation.statusCode, evaluation.body).toBe(200);
      // Staff still act, in a tenant or not.
      const staffWrite = await staffInTenant.inject({ method: 'POST', url: '/api/example/notes', payload: { title: 'by staff', body: 'x' } });
      expect(staffWrite.statusCode, staffWrite.body).toBe(201);
      // Signing in still works (a wrong password is the ordinary 401, not a 503).
      expectProblem(await t.kernel.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'admin@platform.local', password: 'wrong' } }), 401, 'invalid_credentials');
      const login = await t.kernel.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'admin@platform.local', password: 'test-admin-password' } });
      expect(login.statusCode, login.body).toBe(200);
    } finally {
      await setMaintenance(false);
    }
    const after = await admin.inject({ method: 'POST', url: '/api/example/notes', payload: { title: 'after', body: 'x' } });
    expect(after.statusCode, after.body).toBe(201);
  });
});
