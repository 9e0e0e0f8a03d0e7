import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestKernel, type TestClient, type TestKernel } from '@platform/sdk/testing';
import example from '@platform/plugin-example';

/** JSON bodies are not coerced: a wrong type is a 400 naming the field (query strings still coerce). */
describe('request body types', () => {
  let t: TestKernel;
  let admin: TestClient;
  beforeAll(async () => {
    t = await createTestKernel({ plugins: [example] });
    admin = await t.signIn({ role: 'tenant_admin', tenant: 'types' });
  });
  afterAll(async () => t?.close());

  it.each([
    [{ title: 42 }, 'title'],
    [{ title: 'ok', done: 'true' }, 'done'],
    [{ title: 'ok', done: 1 }, 'done'],
    [{ title: ['only'] }, 'title'],
  ])('%j is refused', async (payload, field) => {
    const res = await admin.inject({ method: 'POST', url: '/api/example/notes', payload });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json().field).toBe(field);
  });

  it('still coerces query-string numbers', async () => {
    const res = await t.inject('/api/jobs/kernel.expired-sessions/runs?limit=5');
    expect(res.statusCode).toBe(200);
  });
});
