import { expect } from 'vitest';
import storage from '@platform/plugin-storage';
import type { PluginManifest } from '@platform/sdk';
import { createTestKernel, type TestClient, type TestKernel } from '@platform/sdk/testing';
import { createSupportPlugin } from '../../src/index.ts';

/** A clock tests move by hand (SLA timers). */
export class TestClock {
  constructor(public now = new Date('2026-03-02T09:00:00Z')) {}
  readonly read = () => new Date(this.now.getTime());
  advanceMinutes(minutes: number): void {
    this.now = new Date(this.now.getTime() + minutes * 60_000);
  }
}

export interface SupportKernel {
  t: TestKernel;
  clock: TestClock;
  /** Tenant A: an admin and two members. */
  adminA: TestClient;
  memberA: TestClient;
  otherMemberA: TestClient;
  /** Tenant B: an admin. */
  adminB: TestClient;
  /** Staff with the support role (no tenant selected). */
  agent: TestClient;
}

/** A real kernel with storage and support, and the people of two tenants. */
export async function createSupportKernel(extra: PluginManifest[] = [], config: Record<string, unknown> = {}): Promise<SupportKernel> {
  const clock = new TestClock();
  const t = await createTestKernel({ plugins: [storage, ...extra, createSupportPlugin({ clock: clock.read })], config: config as any });
  const [adminA, memberA, otherMemberA, adminB, agent] = await Promise.all([
    t.signIn({ role: 'tenant_admin', tenant: 'tenant-a' }),
    t.signIn({ role: 'tenant_member', tenant: 'tenant-a' }),
    t.signIn({ role: 'tenant_member', tenant: 'tenant-a' }),
    t.signIn({ role: 'tenant_admin', tenant: 'tenant-b' }),
    t.signIn({ role: 'support' }),
  ]);
  return { t, clock, adminA, memberA, otherMemberA, adminB, agent };
}

export async function openTicket(client: TestClient, over: Record<string, unknown> = {}): Promise<any> {
  const res = await client.inject({ method: 'POST', url: '/api/support/tickets', payload: { subject: 'The export fails', body: 'Clicking export gives an error.', category: 'problem', ...over } });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}
