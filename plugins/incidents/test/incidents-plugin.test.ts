import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestKernel, type TestClient, type TestKernel } from '@platform/sdk/testing';
import incidents from '../src/index.ts';

describe('incidents plugin', () => {
  let t: TestKernel;
  let support: TestClient;
  let admin: TestClient;
  beforeAll(async () => {
    t = await createTestKernel({ plugins: [incidents] });
    support = await t.signIn({ role: 'support' });
    admin = await t.signIn({ role: 'admin' });
  });
  afterAll(async () => t?.close());

  const create = (client: TestClient, payload: Record<string, unknown>) => client.inject({ method: 'POST', url: '/api/incidents/incidents', payload });
  const detail = async (id: string) => (await t.inject(`/api/incidents/incidents/${id}`)).json();

  it('declares an incident with a first timeline entry, and lists it react-admin style', async () => {
    const res = await create(support, { title: 'Builds failing', severity: 2, affectedSystems: ['builds'], description: 'Runner queue stuck' });
    expect(res.statusCode, res.body).toBe(201);
    const incident = res.json();
    expect(incident).toMatchObject({ title: 'Builds failing', severity: 2, status: 'investigating', affectedSystems: ['builds'], resolvedAt: null, createdByLabel: expect.stringContaining('support') });
    const d = await detail(incident.id);
    expect(d.timeline).toEqual([expect.objectContaining({ entryType: 'created', message: expect.stringContaining('SEV2 incident declared by') })]);
    expect(d.severityLevel).toMatchObject({ label: 'SEV2', response: 'On-call + backup, 30 min updates' });
    const list = await t.inject(`/api/incidents/incidents?filter=${encodeURIComponent('{"severity":2}')}&range=[0,9]`);
    expect(list.headers['content-range']).toMatch(/^incidents 0-0\/1$/);
    expect((await t.inject(`/api/incidents/incidents?filter=${encodeURIComponent('{"affectedSystem":"api"}')}`)).json()).toEqual([]);
  });

  it('reserves SEV1 for holders of incidents.create_sev1', async () => {
    expect((await create(admin, { title: 'Everything is down', severity: 1 })).json()).toMatchObject({ status: 403, code: 'forbidden' });
    expect((await create(t.client, { title: 'Everything is down', severity: 1 })).statusCode).toBe(201);
    const sev3 = (await create(admin, { title: 'Slow search', severity: 3 })).json();
    expect((await admin.inject({ method: 'PATCH', url: `/api/incidents/incidents/${sev3.id}`, payload: { severity: 1 } })).statusCode).toBe(403);
  });

  it('dedupes on incident_key', async () => {
    const first = await create(support, { title: 'API errors', severity: 3, incidentKey: 'api_high_error_rate_2026-01-08' });
    expect(first.statusCode).toBe(201);
    const again = await create(support, { title: 'API errors again', severity: 3, incidentKey: 'api_high_error_rate_2026-01-08' });
    expect(again.json()).toMatchObject({ status: 409, code: 'duplicate_incident', field: 'incidentKey', incidentId: first.json().id });
  });

  it('answers 400 naming the field for bad input', async () => {
    expect((await create(support, { title: 'x', severity: 5 })).json()).toMatchObject({ status: 400, field: 'severity' });
    // JSON bodies are typed, not coerced (as query strings are): a number as text is a 400 naming the field.
    expect((await create(support, { title: 'x', severity: '2' })).json()).toMatchObject({ status: 400, code: 'validation_failed', field: 'severity' });
    expect((await create(support, { title: 'x', severity: true })).json()).toMatchObject({ status: 400, code: 'validation_failed', field: 'severity' });
    expect((await create(support, { title: '', severity: 3 })).json()).toMatchObject({ status: 400, field: 'title' });
    expect((await create(support, { title: 'x', severity: 3, colour: 'red' })).json()).toMatchObject({ status: 400, field: 'colour' });
    expect((await create(support, { title: 'x', severity: 3, affectedTenantIds: ['not-a-uuid'] })).json()).toMatchObject({ status: 400, field: 'affectedTenantIds.0' });
  });

  it('blocks resolving a SEV2 without a postmortem, then resolves with one', async () => {
    const incident = (await create(support, { title: 'Payments broken', severity: 2 })).json();
    const status = (body: Record<string, unknown>, client = admin) => client.inject({ method: 'POST', url: `/api/incidents/incidents/${incident.id}/status`, payload: body });
    expect((await status({ status: 'identified', message: 'Stripe webhook secret rotated' })).statusCode).toBe(200);
    expect((await status({ status: 'resolved' })).json()).toMatchObject({ status: 409, code: 'postmortem_required' });
    const pmByAdmin = await admin.inject({ method: 'PUT', url: `/api/incidents/incidents/${incident.id}/postmortem`, payload: { whatHappened: 'x' } });
    expect(pmByAdmin.statusCode).toBe(403);
    const pm = await support.inject({
      method: 'PUT',
      url: `/api/incidents/incidents/${incident.id}/postmortem`,
      payload: { whatHappened: 'Webhooks failed for 40 min', impact: '312 payments delayed', rootCause: 'Secret rotated without deploy', lessonsLearned: 'Rotate with a runbook', actionItems: [{ title: 'Add rotation runbook', owner: 'ops', dueDate: '2026-02-01' }] },
    });
    expect(pm.statusCode, pm.body).toBe(200);
    expect(pm.json().actionItems).toEqual([{ title: 'Add rotation runbook', owner: 'ops', dueDate: '2026-02-01', status: 'open' }]);
    const resolved = await status({ status: 'resolved', message: 'Deployed the new secret' });
    expect(resolved.statusCode, resolved.body).toBe(200);
    expect(resolved.json()).toMatchObject({ status: 'resolved', resolvedByLabel: expect.stringContaining('admin'), resolvedAt: expect.any(String) });
    const d = await detail(incident.id);
    expect(d.timeline.map((e: any) => e.entryType)).toEqual(['created', 'status_change', 'postmortem', 'status_change']);
    expect(d.timeline[3].message).toMatch(/from identified to resolved by .*: Deployed the new secret/);
    expect(d.postmortemComplete).toBe(true);
  });

  it('lets the creator resolve, but not another responder without incidents.resolve', async () => {
    const other = await t.signIn({ role: 'support' });
    const incident = (await create(support, { title: 'Minor glitch', severity: 4 })).json();
    const resolve = (client: TestClient) => client.inject({ method: 'POST', url: `/api/incidents/incidents/${incident.id}/status`, payload: { status: 'resolved' } });
    expect((await resolve(other)).json()).toMatchObject({ status: 403 });
    expect((await resolve(support)).statusCode).toBe(200);
    const viewer = await t.signIn({ role: 'read_only' });
    expect((await viewer.inject({ method: 'POST', url: `/api/incidents/incidents/${incident.id}/timeline`, payload: { message: 'x' } })).statusCode).toBe(403);
  });

  it('keeps the timeline append-only: corrections are new entries, UPDATE and DELETE are refused', async () => {
    const incident = (await create(support, { title: 'Search slow', severity: 3 })).json();
    const add = (payload: Record<string, unknown>) => support.inject({ method: 'POST', url: `/api/incidents/incidents/${incident.id}/timeline`, payload });
    const first = (await add({ message: 'Root cause: cache eviction' })).json();
    const correction = await add({ message: 'Correction: root cause was an index rebuild', entryType: 'correction', correctsEntryId: first.id });
    expect(correction.statusCode, correction.body).toBe(201);
    expect((await add({ message: 'no target', entryType: 'correction' })).json()).toMatchObject({ status: 400, field: 'correctsEntryId' });
    await expect(t.sql(`UPDATE incidents_timeline SET message = 'rewritten' WHERE id = $1`, [first.id])).rejects.toThrow(/append-only/);
    await expect(t.sql(`DELETE FROM incidents_timeline WHERE id = $1`, [first.id])).rejects.toThrow(/append-only/);
    await expect(t.sql(`TRUNCATE incidents_timeline CASCADE`)).rejects.toThrow(/append-only/);
    const entries = (await detail(incident.id)).timeline;
    expect(entries.map((e: any) => [e.entryType, e.message])).toEqual([
      ['created', expect.any(String)],
      ['manual', 'Root cause: cache eviction'],
      ['correction', 'Correction: root cause was an index rebuild'],
    ]);
    expect(entries[2].correctsEntryId).toBe(first.id);
  });

  it('computes MTTR by severity with a weekly trend', async () => {
    const mttr = (await t.inject('/api/incidents/stats/mttr?weeks=4')).json();
    expect(mttr.bySeverity.find((s: any) => s.severity === 2).resolved).toBe(1);
    expect(mttr.weeks).toHaveLength(4);
    expect(mttr.postmortems).toEqual({ sev12Resolved: 1, withPostmortem: 1 });
    expect((await t.inject('/api/incidents/severities')).json()).toHaveLength(4);
  });

  it('publishes the status page message through an event when chosen', async () => {
    const incident = (await create(support, { title: 'Login errors', severity: 3, statusPageMessage: 'Some users cannot sign in', publishToStatusPage: true, affectedSystems: ['auth'] })).json();
    await support.inject({ method: 'POST', url: `/api/incidents/incidents/${incident.id}/status`, payload: { status: 'monitoring' } });
    const events = await t.sql<{ payload: any }>(`SELECT payload FROM kernel_outbox WHERE name = 'incidents.status_page_updated' AND payload->>'incidentId' = $1 ORDER BY id`, [incident.id]);
    expect(events.map((e) => [e.payload.status, e.payload.message, e.payload.impact, e.payload.published])).toEqual([
      ['investigating', 'Some users cannot sign in', 'minor', true],
      ['monitoring', 'Some users cannot sign in', 'minor', true],
    ]);
    const quiet = (await create(support, { title: 'Internal only', severity: 4 })).json();
    expect(await t.sql(`SELECT 1 FROM kernel_outbox WHERE payload->>'incidentId' = $1`, [quiet.id])).toEqual([]);
  });

  it('shows tenants only published incidents that affect them', async () => {
    const a = await t.signIn({ role: 'tenant_member', tenant: 'tenant-a' });
    const b = await t.signIn({ role: 'tenant_member', tenant: 'tenant-b' });
    await create(support, { title: 'Only A', severity: 3, publishToStatusPage: true, statusPageMessage: 'A is slow', affectedTenantIds: [a.tenant!.id] });
    await create(support, { title: 'Only B', severity: 3, publishToStatusPage: true, statusPageMessage: 'B is slow', affectedTenantIds: [b.tenant!.id] });
    await create(support, { title: 'Unpublished for A', severity: 3, affectedTenantIds: [a.tenant!.id] });
    const seenByA = (await a.inject('/api/incidents/tenant/incidents')).json().map((i: any) => i.title);
    const seenByB = (await b.inject('/api/incidents/tenant/incidents')).json().map((i: any) => i.title);
    expect(seenByA).toContain('Only A');
    expect(seenByA).toContain('Login errors');
    expect(seenByA).not.toContain('Only B');
    expect(seenByA).not.toContain('Unpublished for A');
    expect(seenByB).toContain('Only B');
    expect(seenByB).not.toContain('Only A');
    expect((await a.inject('/api/incidents/tenant/incidents')).json()[0]).not.toHaveProperty('description');
    expect((await a.inject('/api/incidents/incidents')).statusCode).toBe(403);
  });
});
