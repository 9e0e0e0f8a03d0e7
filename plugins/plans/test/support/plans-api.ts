import { expect } from 'vitest';
import type { TestClient, TestKernel } from '@platform/sdk/testing';

export interface PlanFields {
  key: string;
  name?: string;
  priceAmount?: number;
  currency?: string;
  interval?: 'monthly' | 'annual';
  trialDays?: number;
  quotas?: Record<string, number>;
  limitTypes?: Record<string, 'hard' | 'soft'>;
  features?: string[];
  plugins?: string[];
  isDefault?: boolean;
}

/** Creates a plan as the test kernel's super admin and returns it. */
export async function createPlan(t: TestKernel, fields: PlanFields): Promise<any> {
  const res = await t.inject({
    method: 'POST',
    url: '/api/plans/plans',
    payload: { name: fields.key, priceAmount: 0, currency: 'USD', interval: 'monthly', ...fields },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

/** Staff request in one tenant. */
export function inTenant(client: TestClient | TestKernel, tenantId: string, opts: { method?: string; url: string; payload?: unknown }) {
  return client.inject({ method: (opts.method ?? 'GET') as any, url: opts.url, payload: opts.payload as any, headers: { 'x-tenant-id': tenantId } });
}

export async function outboxEvents(t: TestKernel, name: string): Promise<any[]> {
  const rows = await t.sql<{ payload: any }>('SELECT payload FROM kernel_outbox WHERE name = $1 ORDER BY id', [name]);
  return rows.map((r) => r.payload);
}
