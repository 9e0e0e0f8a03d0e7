import { expect } from 'vitest';
import type { TestClient } from '@platform/sdk/testing';

export type Res = Awaited<ReturnType<TestClient['inject']>>;

/** An RFC 9457 problem+json answer with this status, code and (optionally) field. */
export function expectProblem(res: Res, status: number, code?: string, field?: string): Record<string, any> {
  expect(res.statusCode, res.body).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  const body = res.json();
  if (code !== undefined) expect(body.code, res.body).toBe(code);
  if (field !== undefined) expect(body.field, res.body).toBe(field);
  return body;
}

/** Waits (polling, without a time assertion) until `check` returns a value. */
export async function eventually<T>(check: () => T | undefined | Promise<T | undefined>, what: string, attempts = 200): Promise<T> {
  for (let i = 0; i < attempts; i++) {
    const v = await check();
    if (v !== undefined && v !== null && v !== false) return v as T;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`gave up waiting for ${what}`);
}
