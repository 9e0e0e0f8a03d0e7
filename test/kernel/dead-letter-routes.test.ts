import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestKernel, type TestKernel } from '@platform/sdk/testing';
import { createFlakySubscriber, emitFlakyPing, FLAKY_ERROR, FLAKY_EVENT, FLAKY_SUBSCRIBER } from '../support/flaky-subscriber-plugin.ts';
import { expectProblem } from './support/http.ts';

/** `GET /api/events/dead-letters` (paged with limit/offset, total in Content-Range) and the retry route. */
describe('dead letter routes', () => {
  let t: TestKernel;
  const flaky = createFlakySubscriber();

  beforeAll(async () => {
    // The dead-lettering is on purpose: its error logs would only be noise.
    t = await createTestKernel({ plugins: [flaky.plugin], config: { logLevel: process.env.TEST_LOG_LEVEL ?? 'silent' } });
    for (const n of [1, 2, 3]) await emitFlakyPing(t.kernel, { n });
  });
  afterAll(async () => t?.close());

  it('lists every dead letter newest first without paging parameters, as before paging existed', async () => {
    const res = await t.inject('/api/events/dead-letters');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-range']).toBe('dead-letters 0-2/3');
    const rows = res.json();
    expect(rows.map((r: any) => r.payload.n)).toEqual([3, 2, 1]);
    expect(rows[0]).toMatchObject({ name: FLAKY_EVENT, subscriber: FLAKY_SUBSCRIBER, attempts: 1, maxAttempts: 1 });
    expect(rows[0].lastError).toContain(FLAKY_ERROR);
    expect(Date.parse(rows[0].lastAttemptAt)).not.toBeNaN();
  });

  it('pages with limit and offset, and filters by subscriber', async () => {
    const page = await t.inject('/api/events/dead-letters?limit=2&offset=1');
    expect(page.statusCode, page.body).toBe(200);
    expect(page.headers['content-range']).toBe('dead-letters 1-2/3');
    expect(page.json().map((r: any) => r.payload.n)).toEqual([2, 1]);
    const past = await t.inject('/api/events/dead-letters?offset=10');
    expect(past.json()).toEqual([]);
    expect(past.headers['content-range']).toBe('dead-letters 10-10/3');
    const other = await t.inject('/api/events/dead-letters?subscriber=someone.else');
    expect(other.json()).toEqual([]);
    expect(other.headers['content-range']).toBe('dead-letters 0-0/0');
  });

  it.each([
    ['limit=0', 'limit'],
    ['limit=501', 'limit'],
    ['limit=ten', 'limit'],
    ['limit=1.5', 'limit'],
    ['offset=-1', 'offset'],
    ['offset=x', 'offset'],
    ['subscriber=', 'subscriber'],
  ])('refuses ?%s with a 400 naming %s', async (query, field) => {
    expectProblem(await t.inject(`/api/events/dead-letters?${query}`), 400, undefined, field);
  });

  it('retries a dead letter once; a second retry, or an unknown one, is a 404', async () => {
    const [newest] = (await t.inject('/api/events/dead-letters?limit=1')).json();
    flaky.failing = false;
    const url = `/api/events/dead-letters/${newest.eventId}/${encodeURIComponent(newest.subscriber)}/retry`;
    const retried = await t.inject({ method: 'POST', url });
    expect(retried.statusCode, retried.body).toBe(200);
    expect(retried.json()).toEqual({ retried: true });
    await t.kernel.services.events.drain();
    expect(flaky.delivered).toEqual([{ n: 3 }]);
    expect((await t.inject('/api/events/dead-letters')).headers['content-range']).toBe('dead-letters 0-1/2');

    expectProblem(await t.inject({ method: 'POST', url }), 404, 'dead_letter_not_found');
    expectProblem(await t.inject({ method: 'POST', url: '/api/events/dead-letters/999999/nobody/retry' }), 404, 'dead_letter_not_found');
    expectProblem(await t.inject({ method: 'POST', url: '/api/events/dead-letters/not-a-number/nobody/retry' }), 400, undefined, 'eventId');
  });

  it('needs events.read to list and events.retry to retry', async () => {
    const support = await t.signIn({ role: 'support' });
    expect((await support.inject('/api/events/dead-letters')).statusCode).toBe(200);
    const [letter] = (await support.inject('/api/events/dead-letters')).json();
    expectProblem(await support.inject({ method: 'POST', url: `/api/events/dead-letters/${letter.eventId}/${letter.subscriber}/retry` }), 403);
    const member = await t.signIn({ role: 'tenant_member', tenant: 'dead-letters' });
    expectProblem(await member.inject('/api/events/dead-letters'), 403);
  });
});
