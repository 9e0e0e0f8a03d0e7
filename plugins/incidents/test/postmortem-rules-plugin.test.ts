import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestKernel, type TestClient, type TestKernel } from '@platform/sdk/testing';
import incidents from '../src/index.ts';

/** The SEV1-2 postmortem rule holds after resolution too, and edit_postmortem is its own permission. */
describe('incidents postmortem rules', () => {
  let t: TestKernel;
  let support: TestClient;
  let admin: TestClient;
  beforeAll(async () => {
    t = await createTestKernel({ plugins: [incidents] });
    support = await t.signIn({ role: 'support' });
    admin = await t.signIn({ role: 'admin' });
  });
  afterAll(async () => t?.close());

  const url = (id: string, tail = '') => `/api/incidents/incidents/${id}${tail}`;
  const create = async (payload: Record<string, unknown>) => {
    const res = await support.inject({ method: 'POST', url: '/api/incidents/incidents', payload });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { id: string };
  };
  const patch = (id: string, payload: Record<string, unknown>, client = admin) => client.inject({ method: 'PATCH', url: url(id), payload });
  const writePm = (id: string, payload: Record<string, unknown>, client = support) => client.inject({ method: 'PUT', url: url(id, '/postmortem'), payload });
  const setStatus = (id: string, status: string) => admin.inject({ method: 'POST', url: url(id, '/status'), payload: { status } });
  const detail = async (id: string) => (await t.inject(url(id))).json();
  /** Everything a write could touch: the row, the postmortem, the timeline, the audit log and the outbox. */
  const footprint = async (id: string) => ({
    detail: await detail(id),
    audit: await t.sql(`SELECT action FROM audit WHERE target_id = $1 ORDER BY id`, [id]),
    outbox: await t.sql(`SELECT payload FROM kernel_outbox WHERE payload->>'incidentId' = $1 ORDER BY id`, [id]),
  });
  const fullPm = { whatHappened: 'Queue stalled for 2 h', impact: 'Delayed emails', rootCause: 'Worker pool exhausted', lessonsLearned: 'Alert on queue age' };

  it('refuses raising a resolved incident to SEV2 without a postmortem, writing nothing', async () => {
    const incident = await create({ title: 'Emails delayed', severity: 3, publishToStatusPage: true, statusPageMessage: 'Emails are late' });
    expect((await setStatus(incident.id, 'resolved')).statusCode).toBe(200);
    const before = await footprint(incident.id);
    expect([before.audit.length, before.outbox.length]).toEqual([2, 2]);
    const refused = await patch(incident.id, { severity: 2, title: 'Emails delayed for everyone' });
    expect(refused.statusCode, refused.body).toBe(409);
    expect(refused.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(refused.json()).toMatchObject({ status: 409, code: 'postmortem_required', field: 'severity' });
    expect(await footprint(incident.id)).toEqual(before);
    expect(before.detail).toMatchObject({ severity: 3, title: 'Emails delayed', status: 'resolved' });

    expect((await patch(incident.id, { title: 'Emails delayed (resolved)' })).statusCode).toBe(200);
    expect((await writePm(incident.id, { whatHappened: 'Queue stalled' })).statusCode).toBe(200);
    expect((await patch(incident.id, { severity: 2 })).json()).toMatchObject({ code: 'postmortem_required', field: 'severity' });
    expect((await writePm(incident.id, { rootCause: 'Worker pool exhausted' })).statusCode).toBe(200);
    const raised = await patch(incident.id, { severity: 2 });
    expect(raised.statusCode, raised.body).toBe(200);
    expect(raised.json()).toMatchObject({ severity: 2, status: 'resolved' });
  });

  it('lets a resolved SEV2 be lowered, and an open incident be raised, without a postmortem', async () => {
    const open = await create({ title: 'Uploads failing', severity: 3 });
    expect((await patch(open.id, { severity: 2 })).statusCode).toBe(200);
    const resolvedSev2 = await create({ title: 'Checkout errors', severity: 2 });
    expect((await writePm(resolvedSev2.id, fullPm)).statusCode).toBe(200);
    expect((await setStatus(resolvedSev2.id, 'resolved')).statusCode).toBe(200);
    expect((await patch(resolvedSev2.id, { severity: 3 })).json()).toMatchObject({ severity: 3 });
  });

  it('refuses emptying the postmortem of a resolved SEV2, writing nothing, until it is reopened', async () => {
    const incident = await create({ title: 'Builds stuck', severity: 2 });
    expect((await writePm(incident.id, { ...fullPm, actionItems: [{ title: 'Autoscale workers', owner: 'ops' }] })).statusCode).toBe(200);
    expect((await setStatus(incident.id, 'resolved')).statusCode).toBe(200);
    const before = await footprint(incident.id);
    for (const [payload, field] of [
      [{ rootCause: '' }, 'rootCause'],
      [{ rootCause: null, impact: 'rewritten' }, 'rootCause'],
      [{ whatHappened: '   ' }, 'whatHappened'],
    ] as const) {
      const refused = await writePm(incident.id, payload);
      expect(refused.statusCode, refused.body).toBe(409);
      expect(refused.json()).toMatchObject({ status: 409, code: 'postmortem_incomplete', field });
    }
    expect(await footprint(incident.id)).toEqual(before);

    const amended = await writePm(incident.id, { impact: '40 builds delayed', actionItems: [] });
    expect(amended.statusCode, amended.body).toBe(200);
    expect(amended.json()).toMatchObject({ impact: '40 builds delayed', rootCause: fullPm.rootCause, actionItems: [] });
    expect((await setStatus(incident.id, 'investigating')).statusCode).toBe(200);
    expect((await writePm(incident.id, { rootCause: null })).statusCode).toBe(200);
    expect((await detail(incident.id)).postmortemComplete).toBe(false);
    expect((await setStatus(incident.id, 'resolved')).json()).toMatchObject({ code: 'postmortem_required' });
  });

  it('needs incidents.edit_postmortem for anyone but the creator, separately from incidents.resolve', async () => {
    const incident = await create({ title: 'Search down', severity: 2 });
    const other = await t.signIn({ role: 'support' });
    const denied = await writePm(incident.id, fullPm, other);
    expect(denied.statusCode, denied.body).toBe(403);
    expect(denied.json()).toMatchObject({ status: 403, code: 'forbidden', detail: expect.stringContaining('incidents.edit_postmortem') });
    expect((await writePm(incident.id, fullPm, admin)).statusCode).toBe(403); // incidents.resolve alone is not enough
    expect((await detail(incident.id)).postmortem).toBeNull();

    const role = await t.inject({ method: 'POST', url: '/api/roles', payload: { key: 'postmortem_editor', name: 'Postmortem editor', permissions: ['incidents.read', 'incidents.update', 'incidents.edit_postmortem'] } });
    expect(role.statusCode, role.body).toBe(201);
    const editor = await t.signIn({ role: 'postmortem_editor' });
    const written = await writePm(incident.id, fullPm, editor);
    expect(written.statusCode, written.body).toBe(200);
    expect(written.json()).toMatchObject({ whatHappened: fullPm.whatHappened, updatedByLabel: expect.stringContaining('postmortem_editor') });
    expect((await editor.inject({ method: 'POST', url: url(incident.id, '/status'), payload: { status: 'resolved' } })).statusCode).toBe(403);
  });
});
