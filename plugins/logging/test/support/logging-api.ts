import type { TestClient } from '@platform/sdk/testing';
import type { LogFixture } from './log-fixture-plugin.ts';

export interface LineSpec {
  level: 'debug' | 'info' | 'warn' | 'error';
  message: string;
  action?: string;
  data?: Record<string, unknown>;
  error?: { type: string; message: string };
}

/** Logs lines in one request as `client`; returns that request's id. */
export async function logAs(client: Pick<TestClient, 'inject'>, lines: LineSpec[], plugin = 'shop'): Promise<string> {
  const res = await client.inject({ method: 'POST', url: `/api/${plugin}/log`, payload: { lines } });
  if (res.statusCode !== 200) throw new Error(`logging through /api/${plugin}/log failed: ${res.statusCode} ${res.body}`);
  return res.json().requestId;
}

/** GET as `client`, expecting 200; returns the JSON body. */
export async function getJson(client: Pick<TestClient, 'inject'>, url: string): Promise<any> {
  const res = await client.inject(url);
  if (res.statusCode !== 200) throw new Error(`GET ${url}: ${res.statusCode} ${res.body}`);
  return res.json();
}

/** Search as `client` after writing everything buffered. */
export async function search(fx: LogFixture, client: Pick<TestClient, 'inject'>, query: Record<string, string>): Promise<any[]> {
  await fx.flush();
  const qs = new URLSearchParams(query).toString();
  return (await getJson(client, `/api/logging/logs?${qs}`)).items;
}
