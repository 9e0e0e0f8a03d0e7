import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestKernel, type TestKernel } from '@platform/sdk/testing';
import { definePlugin } from '@platform/sdk';
import { INCIDENT_STATUS_PAGE_UPDATED, type IncidentStatusPageUpdate } from '@platform/sdk/incidents';
import { MAINTENANCE_WINDOWS, type MaintenanceWindowReader } from '@platform/sdk/maintenance';
import { createHealthPlugin } from '@platform/plugin-health';
import { createStatusPlugin } from '../src/index.ts';

/** What other plugins get from the status plugin: maintenance windows (alert muting) and published incidents. */
describe('status plugin integrations', () => {
  const health = createHealthPlugin({ autoStart: false });
  const status = createStatusPlugin({ snapshotCacheMs: 0 });
  // Stands in for the alerts plugin: looks the reader up through DI, as alerts does.
  const probe: { reader: MaintenanceWindowReader | null } = { reader: null };
  const alertsStandIn = definePlugin({ name: 'alerts-stand-in', version: '1.0.0', kernel: '^0.1.0', dependsOn: ['status'], boot: (ctx) => void (probe.reader = ctx.resolve<MaintenanceWindowReader>(MAINTENANCE_WINDOWS)) });
  let t: TestKernel;
  beforeAll(async () => {
    t = await createTestKernel({ plugins: [health, status, alertsStandIn] });
  });
  afterAll(async () => t?.close());

  const publish = async (update: Partial<IncidentStatusPageUpdate>) => {
    const payload: IncidentStatusPageUpdate = {
      incidentId: '7a1c9a43-1d2e-4c9f-9b1a-000000000001',
      title: 'Checkout errors',
      status: 'investigating',
      severity: 2,
      impact: 'major',
      message: 'Some card payments fail.',
      affectedSystems: ['stripe'],
      affectedTenantIds: [],
      published: true,
      startedAt: '2025-10-22T12:00:00.000Z',
      resolvedAt: null,
      at: '2025-10-22T12:00:00.000Z',
      ...update,
    };
    const em = t.kernel.orm.em.fork();
    await em.transactional((tem) => t.kernel.services.events.emitDurable(tem, INCIDENT_STATUS_PAGE_UPDATED, payload as any));
    await t.kernel.services.events.drain();
  };
  const knownIssues = async () => (await t.kernel.app.inject({ method: 'GET', url: '/api/status', remoteAddress: '10.9.9.9' })).json().data.knownIssues;

  it('provides the maintenance windows in progress to the alerts plugin', async () => {
    const now = Date.now();
    const mk = (title: string, startOffsetH: number, endOffsetH: number, components: string[]) =>
      t.inject({ method: 'POST', url: '/api/status/maintenance-windows', payload: { title, scheduledStart: new Date(now + startOffsetH * 3600_000).toISOString(), scheduledEnd: new Date(now + endOffsetH * 3600_000).toISOString(), components } });
    expect((await mk('DB upgrade', -1, 1, ['postgres'])).statusCode).toBe(201);
    expect((await mk('Later', 24, 25, [])).statusCode).toBe(201);
    const active = await probe.reader!.activeWindows(new Date(now));
    expect(active).toMatchObject([{ title: 'DB upgrade', components: ['postgres'], tenantId: null }]);
    expect(await probe.reader!.activeWindows(new Date(now + 24.5 * 3600_000))).toMatchObject([{ title: 'Later', components: [] }]);
  });

  it('publishes incidents from the incidents plugin, with their timeline', async () => {
    await publish({});
    let issues = await knownIssues();
    expect(issues).toMatchObject([{ title: 'Checkout errors', status: 'investigating', impact: 'major', componentStatus: 'partial_outage', components: ['stripe'], updates: [{ status: 'investigating' }] }]);
    await publish({ status: 'identified', message: 'A provider outage.', at: '2025-10-22T12:10:00.000Z' });
    await publish({ status: 'investigating', message: 'stale redelivery', at: '2025-10-22T12:05:00.000Z' });
    issues = await knownIssues();
    expect(issues[0]).toMatchObject({ status: 'identified', message: 'A provider outage.' });
    expect(issues[0].updates.map((u: any) => u.status)).toEqual(['investigating', 'identified']);
    await publish({ status: 'resolved', resolvedAt: '2025-10-22T12:30:00.000Z', at: '2025-10-22T12:30:00.000Z' });
    expect(await knownIssues()).toEqual([]);
  });

  it('keeps tenant-specific and unpublished incidents off the public page', async () => {
    await publish({ incidentId: '7a1c9a43-1d2e-4c9f-9b1a-000000000002', title: 'Acme sync broken', affectedTenantIds: ['4f1c0b7e-0000-4000-8000-000000000001'], at: '2025-10-22T13:00:00.000Z' });
    expect(await knownIssues()).toEqual([]);
    await publish({ incidentId: '7a1c9a43-1d2e-4c9f-9b1a-000000000003', title: 'Short blip', at: '2025-10-22T13:00:00.000Z' });
    expect((await knownIssues()).map((i: any) => i.title)).toEqual(['Short blip']);
    await publish({ incidentId: '7a1c9a43-1d2e-4c9f-9b1a-000000000003', title: 'Short blip', published: false, at: '2025-10-22T13:01:00.000Z' });
    expect(await knownIssues()).toEqual([]);
  });
});
