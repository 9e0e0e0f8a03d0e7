import { describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createKernel, KERNEL_VERSION, KernelError, orderPlugins } from '@platform/core';
import { definePlugin, type PluginManifest } from '@platform/sdk';
import { createTestDatabase, createTestKernel } from '@platform/sdk/testing';
import { rawPgClient } from './support/http.ts';

const plugin = (name: string, extra: Partial<PluginManifest> = {}): PluginManifest => definePlugin({ name, version: '1.0.0', kernel: '^0.1.0', ...extra });
const names = (list: PluginManifest[]) => list.map((p) => p.name);

/** Runs `fn` and returns the KernelError it throws (fails the test when it does not throw one). */
function refusal(fn: () => unknown): KernelError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(KernelError);
    return err as KernelError;
  }
  throw new Error('expected a KernelError, nothing was thrown');
}

describe('orderPlugins', () => {
  it('orders plugins after their dependencies, keeping the listed order otherwise', () => {
    const list = [
      plugin('billing', { dependsOn: ['plans', 'tenancy-extras'] }),
      plugin('audit-export'),
      plugin('plans', { dependsOn: ['tenancy-extras'] }),
      plugin('tenancy-extras'),
      plugin('sms-twilio', { dependsOn: ['notifications'] }),
      plugin('notifications'),
    ];
    const ordered = names(orderPlugins(list, KERNEL_VERSION));
    expect(ordered).toEqual(['tenancy-extras', 'plans', 'billing', 'audit-export', 'notifications', 'sms-twilio']);
    for (const p of list) for (const dep of p.dependsOn ?? []) expect(ordered.indexOf(dep)).toBeLessThan(ordered.indexOf(p.name));
  });

  it('accepts an empty list and plugins without dependencies as listed', () => {
    expect(orderPlugins([], KERNEL_VERSION)).toEqual([]);
    expect(names(orderPlugins([plugin('b'), plugin('a'), plugin('c')], KERNEL_VERSION))).toEqual(['b', 'a', 'c']);
  });

  it('refuses a missing dependency, naming both plugins', () => {
    const err = refusal(() => orderPlugins([plugin('monitoring'), plugin('monitor-http', { dependsOn: ['monitoring', 'alerts'] })], KERNEL_VERSION));
    expect(err.code).toBe('plugin_dependency_missing');
    expect(err.message).toContain('monitor-http');
    expect(err.message).toContain('alerts');
  });

  it('refuses a dependency cycle, showing the cycle', () => {
    const err = refusal(() =>
      orderPlugins([plugin('a', { dependsOn: ['b'] }), plugin('b', { dependsOn: ['c'] }), plugin('c', { dependsOn: ['a'] })], KERNEL_VERSION),
    );
    expect(err.code).toBe('plugin_dependency_cycle');
    expect(err.message).toContain('a -> b -> c -> a');
    expect(refusal(() => orderPlugins([plugin('selfish', { dependsOn: ['selfish'] })], KERNEL_VERSION)).code).toBe('plugin_dependency_cycle');
  });

  it('refuses a duplicate name', () => {
    const err = refusal(() => orderPlugins([plugin('flags'), plugin('other'), plugin('flags', { version: '2.0.0' })], KERNEL_VERSION));
    expect(err.code).toBe('plugin_duplicate');
    expect(err.message).toContain('flags');
  });

  it('refuses a plugin built for another kernel version', () => {
    const err = refusal(() => orderPlugins([plugin('legacy', { kernel: '^2.0.0' })], KERNEL_VERSION));
    expect(err.code).toBe('plugin_kernel_mismatch');
    expect(err.message).toContain('legacy');
    expect(err.message).toContain(KERNEL_VERSION);
    // The same plugin loads on a kernel it supports.
    expect(names(orderPlugins([plugin('legacy', { kernel: '^2.0.0' })], '2.3.1'))).toEqual(['legacy']);
  });

  it('refuses malformed manifests with plugin_invalid', () => {
    expect(refusal(() => orderPlugins([plugin('Not_Kebab')], KERNEL_VERSION)).code).toBe('plugin_invalid');
    expect(refusal(() => orderPlugins([plugin('ok', { version: 'one' })], KERNEL_VERSION)).code).toBe('plugin_invalid');
    expect(refusal(() => orderPlugins([plugin('ok', { kernel: '' })], KERNEL_VERSION)).code).toBe('plugin_invalid');
    expect(refusal(() => orderPlugins([plugin('tenants')], KERNEL_VERSION)).code).toBe('plugin_invalid');
  });

  it('refuses a permission without a scope, and a platform permission granted to a tenant role', () => {
    const unscoped = refusal(() => orderPlugins([plugin('shop', { permissions: [{ key: 'shop.read', label: 'Read' } as any] })], KERNEL_VERSION));
    expect(unscoped.code).toBe('plugin_invalid');
    expect(unscoped.message).toContain('"shop.read" without a scope');
    const odd = refusal(() => orderPlugins([plugin('shop', { permissions: [{ key: 'shop.read', label: 'Read', scope: 'tenants' as any }] })], KERNEL_VERSION));
    expect(odd.message).toContain('without a scope');
    const leaking = refusal(() =>
      orderPlugins([plugin('shop', { permissions: [{ key: 'shop.admin', label: 'Run every shop', scope: 'platform', grantTo: ['admin', 'tenant_admin'] }] })], KERNEL_VERSION),
    );
    expect(leaking.code).toBe('plugin_invalid');
    expect(leaking.message).toContain('"shop.admin" to tenant role tenant_admin');
    expect(names(orderPlugins([plugin('shop', { permissions: [{ key: 'shop.read', label: 'Read', scope: 'tenant', grantTo: ['tenant_member'] }] })], KERNEL_VERSION))).toEqual(['shop']);
  });
});

describe('kernel boot refusals', () => {
  it('refuses a route that declares neither a permission nor public: true', async () => {
    const leaky = plugin('leaky', {
      boot(ctx) {
        ctx.routes.add({ method: 'GET', url: '/open', handler: async () => ({ secret: true }) });
      },
    });
    const err = await createTestKernel({ plugins: [leaky] }).then(
      async (t) => {
        await t.close();
        throw new Error('the kernel booted');
      },
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(KernelError);
    expect((err as KernelError).code).toBe('route_unprotected');
    expect((err as KernelError).message).toContain('/open');
    expect((err as KernelError).message).toContain('leaky');
  });

  it('refuses a route whose permission nobody declares unless the route says its scope', async () => {
    const bootError = (p: PluginManifest) =>
      createTestKernel({ plugins: [p] }).then(
        async (t) => {
          await t.close();
          return null;
        },
        (e: unknown) => e as KernelError,
      );
    const typo = plugin('typo', {
      boot(ctx) {
        ctx.routes.add({ method: 'GET', url: '/things', permission: 'typo.raed', handler: async () => [] });
      },
    });
    const err = await bootError(typo);
    expect(err).toBeInstanceOf(KernelError);
    expect(err!.code).toBe('route_scope_unknown');
    expect(err!.message).toContain('typo.raed');
  });

  it('refuses a plugin whose boot throws, and releases the database', async () => {
    const db = await createTestDatabase();
    const dataDir = mkdtempSync(join(tmpdir(), 'loader-test-'));
    const admin = await rawPgClient(db.url.replace(/\/[^/]+$/, '/postgres'));
    try {
      let shutdownCalled = false;
      const broken = plugin('broken', {
        boot() {
          throw new Error('cannot reach the billing provider');
        },
        shutdown() {
          shutdownCalled = true;
        },
      });
      const err = await createKernel({
        plugins: [broken],
        serveConsole: false,
        env: {},
        config: { databaseUrl: db.url, dataDir, secretKey: randomBytes(32), adminPassword: 'x-password', background: false, logLevel: 'silent' },
      }).then(
        async (k) => {
          await k.close();
          throw new Error('the kernel booted');
        },
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(KernelError);
      expect((err as KernelError).code).toBe('plugin_boot_failed');
      expect((err as KernelError).message).toContain('broken');
      expect((err as KernelError).message).toContain('cannot reach the billing provider');
      expect(shutdownCalled).toBe(false);

      // The kernel got as far as migrating, then closed its pool: no session is left on the database,
      // so it can be dropped without FORCE.
      const name = new URL(db.url).pathname.slice(1);
      const [{ n }] = (await admin.query<{ n: number }>('SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1', [name])).rows;
      expect(n).toBe(0);
      await admin.query(`DROP DATABASE "${name}"`);
    } finally {
      await admin.end();
      await db.drop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
