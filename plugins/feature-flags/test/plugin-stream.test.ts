import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestKernel, type TestKernel } from '@platform/sdk/testing';
import featureFlags from '../src/index.ts';
import { createFlag, json } from './support/flag-test-kit.ts';
import { openEventStream } from './support/sse-reader.ts';

describe('feature-flags plugin: SSE stream', () => {
  let t: TestKernel;
  let base: string;
  beforeAll(async () => {
    t = await createTestKernel({ plugins: [featureFlags] });
    base = await t.kernel.listen();
  });
  afterAll(async () => t?.close());

  it('sends the caller\'s evaluations on connect and again when a flag changes', async () => {
    await createFlag(t, { key: 'stream.watched', enabled: false });
    const member = await t.signIn({ role: 'tenant_member', tenant: 'streamers' });
    const stream = await openEventStream(`${base}/api/feature-flags/stream?flags=stream.watched,platform.new_tenant_signup`, { authorization: `Bearer ${member.token}` });
    try {
      expect(stream.status).toBe(200);
      expect(stream.contentType).toMatch(/^text\/event-stream/);
      const first = await stream.next((e) => e.event === 'flags');
      expect(first.data.flags['stream.watched']).toMatchObject({ value: false, reason: 'DISABLED' });
      expect(Object.keys(first.data.flags)).toEqual(['stream.watched', 'platform.new_tenant_signup']);

      const flag = (await t.inject('/api/feature-flags/flags/stream.watched')).json();
      await t.inject({ method: 'PATCH', url: `/api/feature-flags/flags/${flag.id}`, ...json({ enabled: true, reason: 'stream test' }) });
      const changed = await stream.next((e) => e.data.flags['stream.watched']?.value === true);
      expect(Number(changed.id)).toBeGreaterThan(Number(first.id));

      // A change that does not alter this caller's evaluations sends nothing.
      const before = stream.events.length;
      await createFlag(t, { key: 'stream.unrelated' });
      await new Promise((resolve) => setTimeout(resolve, 150));
      expect(stream.events.length).toBe(before);
    } finally {
      stream.close();
    }
  });

  it('refuses an unauthenticated stream', async () => {
    const res = await fetch(`${base}/api/feature-flags/stream`);
    expect(res.status).toBe(401);
  });
});
