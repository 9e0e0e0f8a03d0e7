import { createRequire } from 'node:module';
import { expect } from 'vitest';
import type { TestClient } from '@platform/sdk/testing';

/** `app.inject` as the test clients expose it (the tests package does not depend on fastify itself). */
export type Inject = TestClient['inject'];
export type InjectOptions = Exclude<Parameters<Inject>[0], string>;
export type InjectResponse = Awaited<ReturnType<Inject>>;

/** Asserts an RFC 9457 problem+json response with the given status, stable code and (optionally) field. */
export function expectProblem(res: InjectResponse, status: number, code?: string, field?: string): Record<string, any> {
  expect(res.statusCode, `${res.statusCode} ${res.body.slice(0, 500)}`).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  const body = res.json();
  expect(body.status).toBe(status);
  expect(typeof body.code).toBe('string');
  expect(body.requestId).toBe(res.headers['x-request-id']);
  // Database errors never reach the client with their SQL.
  expect(String(body.detail ?? '')).not.toMatch(/\b(select|insert into|update|delete from)\b[\s\S]*"[a-z_]+"/i);
  expect(body).not.toHaveProperty('stack');
  if (code !== undefined) expect(body.code, res.body).toBe(code);
  if (field !== undefined) expect(body.field, res.body).toBe(field);
  return body;
}

/** `?filter=...&sort=...&range=...` with JSON-encoded values, as react-admin sends them. */
export function listQuery(q: { filter?: unknown; sort?: unknown; range?: unknown }): string {
  const parts = Object.entries(q)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}=${encodeURIComponent(typeof v === 'string' ? v : JSON.stringify(v))}`);
  return parts.length ? `?${parts.join('&')}` : '';
}

export interface RawPgClient {
  connect(): Promise<void>;
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<{ rows: T[]; rowCount: number | null }>;
  end(): Promise<void>;
}

/**
 * A plain `pg` client on the test database, outside the kernel's ORM. `pg` is a dependency of
 * @platform/core (the tests package does not list it), so it is resolved from there.
 */
export async function rawPgClient(url: string): Promise<RawPgClient> {
  const require = createRequire(new URL('../../../core/package.json', import.meta.url));
  const pg = require('pg') as { Client: new (opts: { connectionString: string }) => RawPgClient };
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return client;
}
