import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestKernel, type TestKernel } from '@platform/sdk/testing';
import incidents from '../src/index.ts';

interface StreamEvent {
  event: string;
  data: any;
}

/** Reads `GET /api/incidents/stream` as the console does, collecting its events. */
async function follow(url: string, token: string) {
  const abort = new AbortController();
  const res = await fetch(`${url}/api/incidents/stream`, { headers: { accept: 'text/event-stream', authorization: `Bearer ${token}` }, signal: abort.signal });
  const events: StreamEvent[] = [];
  const reading = (async () => {
    const decoder = new TextDecoder();
    let buffer = '';
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
      buffer += decoder.decode(chunk, { stream: true });
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const event = /^event: (.*)$/m.exec(block)?.[1];
        const data = /^data: (.*)$/m.exec(block)?.[1];
        if (event && data !== undefined) events.push({ event, data: JSON.parse(data) });
      }
    }
  })().catch(() => undefined);
  const next = async (match: (e: StreamEvent) => boolean, from = 0) => {
    await expect.poll(() => events.slice(from).some(match), { timeout: 5000 }).toBe(true);
    return events.slice(from).find(match)!;
  };
  return { res, events, next, close: () => (abort.abort(), reading) };
}

/** Incident changes, live: every change to an incident is announced (ids only) to the console's stream, on commit. */
describe('incident changes stream', () => {
  let t: TestKernel;
  let url: string;
  beforeAll(async () => {
    t = await createTestKernel({ plugins: [incidents] });
    url = await t.kernel.app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(async () => t?.close());

  it('announces the incident of each timeline entry, status change, edit and postmortem', async () => {
    const stream = await follow(url, t.client.token);
    expect(stream.res.status).toBe(200);
    expect(stream.res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    await stream.next((e) => e.event === 'ready');
    const created = await t.inject({ method: 'POST', url: '/api/incidents/incidents', payload: { title: 'Queue stuck', severity: 3 } });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id as string;
    const changed = (from: number) => stream.next((e) => e.event === 'changed' && e.data.ids.includes(id), from);
    await changed(0);

    for (const [method, path, payload] of [
      ['POST', 'timeline', { message: 'Restarted the workers' }],
      ['POST', 'status', { status: 'identified' }],
      ['PATCH', '', { title: 'Queue stuck on eu-1' }],
      ['PUT', 'postmortem', { whatHappened: 'A poison message' }],
    ] as const) {
      const seen = stream.events.length;
      const res = await t.inject({ method, url: `/api/incidents/incidents/${id}${path ? `/${path}` : ''}`, payload });
      expect(res.statusCode, `${method} ${path}: ${res.body}`).toBeLessThan(300);
      await changed(seen);
    }
    await stream.close();
  });

  it('announces nothing for a refused change', async () => {
    const stream = await follow(url, t.client.token);
    await stream.next((e) => e.event === 'ready');
    const id = (await t.inject({ method: 'POST', url: '/api/incidents/incidents', payload: { title: 'Refused', severity: 2 } })).json().id as string;
    await stream.next((e) => e.event === 'changed' && e.data.ids.includes(id));
    const seen = stream.events.length;
    // SEV2 needs a postmortem before it is resolved: 409, nothing written.
    expect((await t.inject({ method: 'POST', url: `/api/incidents/incidents/${id}/status`, payload: { status: 'resolved' } })).statusCode).toBe(409);
    // A later change is announced; the refused one never was.
    const other = (await t.inject({ method: 'POST', url: '/api/incidents/incidents', payload: { title: 'Later', severity: 4 } })).json().id as string;
    await stream.next((e) => e.event === 'changed' && e.data.ids.includes(other), seen);
    expect(stream.events.slice(seen).filter((e) => e.event === 'changed' && e.data.ids.includes(id))).toEqual([]);
    await stream.close();
  });

  it('is for platform staff: a tenant user is refused', async () => {
    const member = await t.signIn({ role: 'tenant_admin', tenant: 'changes-tenant' });
    const res = await fetch(`${url}/api/incidents/stream`, { headers: { accept: 'text/event-stream', authorization: `Bearer ${member.token}` } });
    expect(res.status).toBe(403);
    expect(['forbidden', 'platform_only']).toContain((await res.json()).code);
  });
});
