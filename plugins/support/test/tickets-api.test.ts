import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSupportKernel, openTicket, type SupportKernel } from './support/support-kernel.ts';

describe('support tickets', () => {
  let k: SupportKernel;
  beforeAll(async () => {
    k = await createSupportKernel();
  });
  afterAll(async () => {
    await k?.t.close();
  });

  it('opens a ticket with SLA due times from its priority, and audits it', async () => {
    const ticket = await openTicket(k.memberA, { priority: 'high' });
    expect(ticket).toMatchObject({ status: 'open', priority: 'high', category: 'problem', tenantId: k.memberA.tenant!.id, reporterUserId: k.memberA.userId });
    expect(ticket.number).toBeGreaterThan(0);
    // high: first response in 2 h, resolution in 24 h (the defaults).
    expect(ticket.sla.firstResponse).toMatchObject({ dueAt: '2026-03-02T11:00:00.000Z', metAt: null, breached: false, remainingMinutes: 120 });
    expect(ticket.sla.resolution.dueAt).toBe('2026-03-03T09:00:00.000Z');
    const audit = await k.t.sql<{ action: string }>(`SELECT action FROM audit WHERE target_id = $1`, [ticket.id]);
    expect(audit.map((a) => a.action)).toEqual(['support.ticket.created']);
  });

  it('refuses bad input with a 400 naming the field, and writes nothing', async () => {
    const [{ n: before }] = await k.t.sql<{ n: number }>('SELECT count(*)::int AS n FROM support_tickets');
    const cases: [Record<string, unknown>, string][] = [
      [{ subject: 'x', body: 'y', category: 'nonsense' }, 'category'],
      [{ subject: '', body: 'y', category: 'problem' }, 'subject'],
      [{ subject: '   ', body: 'y', category: 'problem' }, 'subject'],
      [{ subject: 'x', body: 'y\u0000z', category: 'problem' }, 'body'],
      [{ subject: 'x', body: 42, category: 'problem' }, 'body'],
      [{ subject: 'x'.repeat(201), body: 'y', category: 'problem' }, 'subject'],
      [{ subject: 'x', body: 'y', category: 'problem', priority: 'asap' }, 'priority'],
      [{ subject: 'x', body: 'y', category: 'problem', tenantId: k.adminB.tenant!.id }, 'tenantId'],
    ];
    for (const [payload, field] of cases) {
      const res = await k.memberA.inject({ method: 'POST', url: '/api/support/tickets', payload });
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(res.json().field, JSON.stringify(payload)).toContain(field);
    }
    const [{ n: after }] = await k.t.sql<{ n: number }>('SELECT count(*)::int AS n FROM support_tickets');
    expect(after).toBe(before);
  });

  it('a member sees their own tickets, a tenant admin the whole tenant, another tenant nothing', async () => {
    const mine = await openTicket(k.memberA, { subject: 'mine' });
    const colleagues = await openTicket(k.otherMemberA, { subject: 'colleague' });
    const other = await openTicket(k.adminB, { subject: 'tenant b' });

    const memberList = (await k.memberA.inject('/api/support/tickets')).json().map((t: any) => t.id);
    expect(memberList).toContain(mine.id);
    expect(memberList).not.toContain(colleagues.id);
    expect(memberList).not.toContain(other.id);
    expect((await k.memberA.inject(`/api/support/tickets/${colleagues.id}`)).statusCode).toBe(404);

    const adminList = (await k.adminA.inject('/api/support/tickets')).json().map((t: any) => t.id);
    expect(adminList).toEqual(expect.arrayContaining([mine.id, colleagues.id]));
    expect(adminList).not.toContain(other.id);
    expect((await k.adminA.inject(`/api/support/tickets/${colleagues.id}`)).statusCode).toBe(200);

    // Tenant B can neither read nor reply to nor attach to tenant A's ticket.
    expect((await k.adminB.inject(`/api/support/tickets/${mine.id}`)).statusCode).toBe(404);
    expect((await k.adminB.inject({ method: 'POST', url: `/api/support/tickets/${mine.id}/replies`, payload: { body: 'hi' } })).statusCode).toBe(404);
    // Nor reach the staff queue.
    expect((await k.adminB.inject('/api/support/queue')).statusCode).toBe(403);
    expect((await k.adminA.inject({ method: 'PATCH', url: `/api/support/queue/${mine.id}`, payload: { status: 'closed' } })).statusCode).toBe(403);
    expect((await k.adminA.inject(`/api/support/queue/${mine.id}`)).statusCode).toBe(403);
  });

  it('staff see every tenant in the queue, reply (meets the first response), assign and change status', async () => {
    const ticket = await openTicket(k.memberA, { subject: 'queue me', priority: 'urgent' });
    const queue = await k.agent.inject('/api/support/queue?filter={"status":"open","priority":"urgent"}');
    expect(queue.statusCode, queue.body).toBe(200);
    expect(queue.json().map((t: any) => t.id)).toContain(ticket.id);

    const agents = (await k.agent.inject('/api/support/agents')).json();
    expect(agents.map((a: any) => a.id)).toContain(k.agent.userId);
    const assigned = await k.agent.inject({ method: 'PATCH', url: `/api/support/queue/${ticket.id}`, payload: { assigneeUserId: k.agent.userId } });
    expect(assigned.statusCode, assigned.body).toBe(200);
    expect(assigned.json().assigneeUserId).toBe(k.agent.userId);
    // A tenant user is no assignee.
    const bad = await k.agent.inject({ method: 'PATCH', url: `/api/support/queue/${ticket.id}`, payload: { assigneeUserId: k.memberA.userId } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().field).toBe('assigneeUserId');
    const mineFilter = (await k.agent.inject('/api/support/queue?filter={"assigneeUserId":"me"}')).json();
    expect(mineFilter.map((t: any) => t.id)).toEqual([ticket.id]);

    k.clock.advanceMinutes(10);
    const note = await k.agent.inject({ method: 'POST', url: `/api/support/queue/${ticket.id}/replies`, payload: { body: 'internal: looks like the exporter', internal: true } });
    expect(note.statusCode, note.body).toBe(201);
    const reply = await k.agent.inject({ method: 'POST', url: `/api/support/queue/${ticket.id}/replies`, payload: { body: 'We are on it. Does it happen with small exports too?' } });
    expect(reply.statusCode, reply.body).toBe(201);
    const seen = (await k.agent.inject(`/api/support/queue/${ticket.id}`)).json();
    expect(seen.status).toBe('pending');
    expect(seen.sla.firstResponse).toMatchObject({ metAt: '2026-03-02T09:10:00.000Z', breached: false });
    expect(seen.messages.map((m: any) => m.internal)).toEqual([true, false]);

    // The tenant sees the public reply only, and its reply puts the ticket back to open.
    const tenantView = (await k.memberA.inject(`/api/support/tickets/${ticket.id}`)).json();
    expect(tenantView.messages.map((m: any) => m.body)).toEqual(['We are on it. Does it happen with small exports too?']);
    const answer = await k.memberA.inject({ method: 'POST', url: `/api/support/tickets/${ticket.id}/replies`, payload: { body: 'Yes, always.' } });
    expect(answer.statusCode, answer.body).toBe(201);
    expect((await k.memberA.inject(`/api/support/tickets/${ticket.id}`)).json().status).toBe('open');

    const solved = await k.agent.inject({ method: 'PATCH', url: `/api/support/queue/${ticket.id}`, payload: { status: 'solved' } });
    expect(solved.json()).toMatchObject({ status: 'solved', solvedAt: expect.any(String) });
    const closed = await k.agent.inject({ method: 'PATCH', url: `/api/support/queue/${ticket.id}`, payload: { status: 'closed' } });
    expect(closed.json().status).toBe('closed');
    const reopen = await k.agent.inject({ method: 'PATCH', url: `/api/support/queue/${ticket.id}`, payload: { status: 'open' } });
    expect(reopen.statusCode).toBe(409);
    expect(reopen.json().field).toBe('status');
    expect((await k.memberA.inject({ method: 'POST', url: `/api/support/tickets/${ticket.id}/replies`, payload: { body: 'again' } })).statusCode).toBe(409);
  });

  it('pauses the SLA timers while the ticket waits on the customer, and resumes them with the due times moved on', async () => {
    const ticket = await openTicket(k.memberA, { subject: 'waiting on you', priority: 'urgent' });
    const resolutionDue = new Date(ticket.sla.resolution.dueAt).getTime();
    k.clock.advanceMinutes(10);
    const asked = await k.agent.inject({ method: 'POST', url: `/api/support/queue/${ticket.id}/replies`, payload: { body: 'Which browser?' } });
    expect(asked.statusCode, asked.body).toBe(201);
    const waiting = (await k.agent.inject(`/api/support/queue/${ticket.id}`)).json();
    expect(waiting.status).toBe('pending');
    expect(waiting.sla.resolution).toMatchObject({ paused: true, remainingMinutes: 230 });
    expect(waiting.sla.pausedSince).toBe(k.clock.now.toISOString());
    // Five hours waiting on the customer: past the 4-hour resolution target, yet not breached, and the job stamps nothing.
    k.clock.advanceMinutes(300);
    await k.t.kernel.services.jobs.runNow('support.sla-breaches');
    const still = (await k.agent.inject(`/api/support/queue/${ticket.id}`)).json();
    expect(still.sla.resolution).toMatchObject({ breached: false, paused: true, remainingMinutes: 230 });
    expect(still.resolutionBreachedAt).toBeNull();
    // The customer answers: the timers run again, the resolution due time moved on by the pause.
    expect((await k.memberA.inject({ method: 'POST', url: `/api/support/tickets/${ticket.id}/replies`, payload: { body: 'Firefox' } })).statusCode).toBe(201);
    const resumed = (await k.agent.inject(`/api/support/queue/${ticket.id}`)).json();
    expect(resumed.status).toBe('open');
    expect(resumed.sla.pausedSince).toBeNull();
    expect(resumed.sla.pausedMinutes).toBe(300);
    expect(new Date(resumed.sla.resolution.dueAt).getTime()).toBe(resolutionDue + 300 * 60_000);
    expect(resumed.sla.resolution).toMatchObject({ paused: false, remainingMinutes: 230 });
    // A new priority keeps the pause: urgent to high gives 24 h from the opening, plus the 5 hours paused.
    const high = (await k.agent.inject({ method: 'PATCH', url: `/api/support/queue/${ticket.id}`, payload: { priority: 'high' } })).json();
    expect(new Date(high.sla.resolution.dueAt).getTime()).toBe(new Date(ticket.createdAt).getTime() + (24 * 60 + 300) * 60_000);
    k.clock.advanceMinutes(24 * 60);
    await k.t.kernel.services.jobs.runNow('support.sla-breaches');
    expect((await k.agent.inject(`/api/support/queue/${ticket.id}`)).json().resolutionBreachedAt).not.toBeNull();
  });

  it('shows and stamps SLA breaches (the job marks them once)', async () => {
    const ticket = await openTicket(k.memberA, { subject: 'slow one', priority: 'urgent' });
    k.clock.advanceMinutes(31);
    const late = (await k.agent.inject(`/api/support/queue/${ticket.id}`)).json();
    expect(late.sla.firstResponse).toMatchObject({ breached: true, remainingMinutes: -1 });
    expect(late.sla.breached).toBe(true);
    expect(late.firstResponseBreachedAt).toBeNull();
    await k.t.kernel.services.jobs.runNow('support.sla-breaches');
    const stamped = (await k.agent.inject(`/api/support/queue/${ticket.id}`)).json();
    expect(stamped.firstResponseBreachedAt).toBe(k.clock.now.toISOString());
    expect(stamped.resolutionBreachedAt).toBeNull();
    const breachedList = (await k.agent.inject('/api/support/queue?filter={"breached":true}')).json().map((t: any) => t.id);
    expect(breachedList).toContain(ticket.id);
    // A priority change recomputes the due times from the opening: low gives 24 h for the first response.
    const relaxed = await k.agent.inject({ method: 'PATCH', url: `/api/support/queue/${ticket.id}`, payload: { priority: 'low' } });
    expect(relaxed.json().sla.firstResponse.breached).toBe(false);
  });

  it('refuses bad staff input naming the field', async () => {
    const ticket = await openTicket(k.memberA);
    const cases: [string, string, Record<string, unknown>, string][] = [
      ['PATCH', `/api/support/queue/${ticket.id}`, { status: 'done' }, 'status'],
      ['PATCH', `/api/support/queue/${ticket.id}`, { assigneeUserId: 'not-a-uuid' }, 'assigneeUserId'],
      ['POST', `/api/support/queue/${ticket.id}/replies`, { body: '' }, 'body'],
      ['POST', `/api/support/queue/${ticket.id}/replies`, { body: 'x', internal: 'yes' }, 'internal'],
    ];
    for (const [method, url, payload, field] of cases) {
      const res = await k.agent.inject({ method: method as any, url, payload });
      expect(res.statusCode, `${url} ${JSON.stringify(payload)}`).toBe(400);
      expect(res.json().field).toContain(field);
    }
    expect((await k.agent.inject('/api/support/queue?filter={"assigneeUserId":"bob"}')).json().field).toBe('filter.assigneeUserId');
    expect((await k.agent.inject('/api/support/queue/not-a-uuid')).statusCode).toBe(400);
  });

  it('takes SLA targets from the settings for new tickets', async () => {
    const res = await k.t.inject({ method: 'PUT', url: '/api/plugins/support/settings', payload: { sla: { normal: { firstResponseMinutes: 15, resolutionMinutes: 60 } } } });
    expect(res.statusCode, res.body).toBe(200);
    const ticket = await openTicket(k.memberA, { subject: 'fast sla' });
    const opened = new Date(ticket.createdAt).getTime();
    expect(new Date(ticket.sla.firstResponse.dueAt).getTime() - opened).toBe(15 * 60_000);
    expect(new Date(ticket.sla.resolution.dueAt).getTime() - opened).toBe(60 * 60_000);
    const bad = await k.t.inject({ method: 'PUT', url: '/api/plugins/support/settings', payload: { sla: { normal: { firstResponseMinutes: 0, resolutionMinutes: 60 } } } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().field).toContain('firstResponseMinutes');
    await k.t.inject({ method: 'PUT', url: '/api/plugins/support/settings', payload: {} });
  });

  it('staff acting in one tenant (X-Tenant-Id) see only that tenant in the queue', async () => {
    const inA = await openTicket(k.memberA, { subject: 'for staff in A' });
    const inB = await openTicket(k.adminB, { subject: 'for staff in B' });
    const headers = { 'x-tenant-id': k.adminB.tenant!.id };
    const list = (await k.agent.inject({ url: '/api/support/queue?range=[0,499]', headers })).json().map((t: any) => t.id);
    expect(list).toContain(inB.id);
    expect(list).not.toContain(inA.id);
    expect((await k.agent.inject({ url: `/api/support/queue/${inA.id}`, headers })).statusCode).toBe(404);
    expect((await k.agent.inject({ method: 'PATCH', url: `/api/support/queue/${inA.id}`, headers, payload: { priority: 'low' } })).statusCode).toBe(404);
    expect((await k.agent.inject({ method: 'POST', url: `/api/support/queue/${inA.id}/replies`, headers, payload: { body: 'x' } })).statusCode).toBe(404);
    expect((await k.agent.inject({ method: 'POST', url: `/api/support/queue/${inA.id}/snapshots`, headers })).statusCode).toBe(404);
    // A tenant admin cannot name another tenant in the list filter either.
    expect((await k.adminA.inject(`/api/support/tickets?filter={"tenantId":"${k.adminB.tenant!.id}"}`)).statusCode).toBe(400);
  });

  it('the reporter marks their ticket solved; nobody else in or outside the tenant can', async () => {
    const ticket = await openTicket(k.memberA, { subject: 'solved by me' });
    expect((await k.otherMemberA.inject({ method: 'POST', url: `/api/support/tickets/${ticket.id}/solve` })).statusCode).toBe(404);
    expect((await k.adminB.inject({ method: 'POST', url: `/api/support/tickets/${ticket.id}/solve` })).statusCode).toBe(404);
    const solved = await k.memberA.inject({ method: 'POST', url: `/api/support/tickets/${ticket.id}/solve` });
    expect(solved.statusCode, solved.body).toBe(200);
    expect(solved.json()).toMatchObject({ status: 'solved', solvedAt: expect.any(String) });
    expect(solved.json().sla.resolution.metAt).toBe(solved.json().solvedAt);
    // A reply reopens it for staff.
    await k.memberA.inject({ method: 'POST', url: `/api/support/tickets/${ticket.id}/replies`, payload: { body: 'it is back' } });
    expect((await k.agent.inject(`/api/support/queue/${ticket.id}`)).json()).toMatchObject({ status: 'open', solvedAt: null });
  });
});
