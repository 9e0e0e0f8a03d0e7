import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { definePlugin, type UserDirectory } from '@platform/sdk';
import { createTestKernel, type TestClient, type TestKernel } from '@platform/sdk/testing';

/** `ctx.users.listTenantUsers`: one tenant's active users, filtered by a permission their roles grant. */
describe('user directory: tenant users', () => {
  let t: TestKernel;
  let users: UserDirectory;
  let admins: TestClient[];
  let member: TestClient;
  let other: TestClient;
  const probe = definePlugin({
    name: 'directory-probe',
    version: '1.0.0',
    kernel: '^0.1.0',
    permissions: [{ key: 'probe.pay', label: 'Pay', scope: 'tenant', grantTo: ['tenant_admin'] }],
    boot(ctx) {
      users = ctx.users;
    },
  });

  beforeAll(async () => {
    t = await createTestKernel({ plugins: [probe] });
    admins = [await t.signIn({ role: 'tenant_admin', tenant: 'acme' }), await t.signIn({ role: 'tenant_admin', tenant: 'acme' })];
    member = await t.signIn({ role: 'tenant_member', tenant: 'acme' });
    other = await t.signIn({ role: 'tenant_admin', tenant: 'globex' });
    await t.signIn({ role: 'admin' });
  }, 60_000);
  afterAll(async () => t?.close());

  it("lists only that tenant's active users, and with a permission only those whose roles grant it", async () => {
    const acme = admins[0]!.tenant!.id;
    expect((await users.listTenantUsers(acme)).map((u) => u.id).sort()).toEqual([...admins.map((a) => a.userId), member.userId].sort());
    expect((await users.listTenantUsers(acme, { permission: 'probe.pay' })).map((u) => u.id).sort()).toEqual(admins.map((a) => a.userId).sort());
    expect((await users.listTenantUsers(other.tenant!.id, { permission: 'probe.pay' })).map((u) => u.id)).toEqual([other.userId]);
    await t.sql("UPDATE users SET status = 'disabled' WHERE id = $1", [admins[1]!.userId]);
    expect((await users.listTenantUsers(acme, { permission: 'probe.pay' })).map((u) => u.id)).toEqual([admins[0]!.userId]);
    expect(await users.listTenantUsers('not-a-uuid')).toEqual([]);
  });
});
