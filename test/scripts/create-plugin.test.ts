import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { KERNEL_VERSION, orderPlugins } from '@platform/core';
import type { PluginManifest } from '@platform/sdk';

const root = resolve(import.meta.dirname, '../..');
mkdirSync(join(root, 'test/.artifacts'), { recursive: true });
const work = mkdtempSync(join(root, 'test/.artifacts/create-plugin-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const create = (...args: string[]) => spawnSync(process.execPath, [join(root, 'scripts/create-plugin.mjs'), ...args], { cwd: root, encoding: 'utf8' });

describe('create-plugin', () => {
  it('scaffolds a monitor, an alert channel and a generic plugin whose manifests the kernel loads', async () => {
    const manifests: PluginManifest[] = [];
    for (const [kind, name, file] of [['monitor', 'acme', 'test/monitor.test.ts'], ['alert-channel', 'pager', 'test/channel.test.ts'], ['generic', 'hello', 'test/plugin.test.ts']]) {
      const dir = join(work, kind);
      execFileSync(process.execPath, [join(root, 'scripts/create-plugin.mjs'), kind, name, '--dir', dir], { cwd: root });
      for (const f of ['package.json', 'README.md', 'src/index.ts', file]) expect(existsSync(join(dir, f)), `${kind}: ${f}`).toBe(true);
      manifests.push((await import(pathToFileURL(join(dir, 'src/index.ts')).href)).default);
    }
    // In the workspace, the generic plugin gets a console page behind its nav item.
    expect(existsSync(join(work, 'generic/admin/index.tsx'))).toBe(true);
    expect(manifests[2]!.nav).toEqual([expect.objectContaining({ id: 'hello.page', path: '/hello' })]);
    const health = { name: 'health', version: '0.1.0', kernel: '^0.1.0' };
    const alerts = { name: 'alerts', version: '0.1.0', kernel: '^0.1.0' };
    const ordered = orderPlugins([health, alerts, ...manifests], KERNEL_VERSION).map((p) => p.name);
    expect(ordered).toEqual(['health', 'alerts', 'monitor-acme', 'alert-channel-pager', 'hello']);
  });

  it('scaffolds SMS and email providers whose own tests pass (send, auth failure, callback signature)', async () => {
    const messaging = { name: 'messaging', version: '0.1.0', kernel: '^0.1.0' };
    const manifests: PluginManifest[] = [];
    for (const [kind, name] of [['sms-provider', 'acme'], ['email-provider', 'acme']]) {
      const dir = join(work, kind);
      execFileSync(process.execPath, [join(root, 'scripts/create-plugin.mjs'), kind, name, '--dir', dir], { cwd: root });
      for (const f of ['package.json', 'README.md', 'src/index.ts', 'test/provider.test.ts']) expect(existsSync(join(dir, f)), `${kind}: ${f}`).toBe(true);
      manifests.push((await import(pathToFileURL(join(dir, 'src/index.ts')).href)).default);
      const run = spawnSync(process.execPath, [join(root, 'node_modules/vitest/vitest.mjs'), 'run', '--root', dir], { cwd: root, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' } });
      expect(run.status, run.stdout + run.stderr).toBe(0);
      expect(run.stdout).toMatch(/Tests\s+\d+ passed/);
    }
    expect(orderPlugins([messaging, ...manifests], KERNEL_VERSION).map((p) => [p.name, p.dependsOn])).toEqual([['messaging', undefined], ['sms-acme', ['messaging']], ['email-acme', ['messaging']]]);
  }, 120_000);

  it('scaffolds a payment provider whose own tests pass (customer, charge, decline, refund, webhook signature)', async () => {
    const dir = join(work, 'payment-provider');
    execFileSync(process.execPath, [join(root, 'scripts/create-plugin.mjs'), 'payment-provider', 'acme-pay', '--dir', dir], { cwd: root });
    for (const f of ['package.json', 'README.md', 'src/index.ts', 'test/provider.test.ts']) expect(existsSync(join(dir, f)), f).toBe(true);
    const manifest: PluginManifest = (await import(pathToFileURL(join(dir, 'src/index.ts')).href)).default;
    const run = spawnSync(process.execPath, [join(root, 'node_modules/vitest/vitest.mjs'), 'run', '--root', dir], { cwd: root, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' } });
    expect(run.status, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toMatch(/Tests\s+\d+ passed/);
    const billing = { name: 'billing', version: '0.1.0', kernel: '^0.1.0' };
    expect(orderPlugins([billing, manifest], KERNEL_VERSION).map((p) => [p.name, p.dependsOn])).toEqual([['billing', undefined], ['payment-acme-pay', ['billing']]]);
  }, 120_000);

  it('refuses an unknown kind, a bad name and a non-empty folder', () => {
    expect(create('shipping-provider', 'dhl')).toMatchObject({ status: 2, stderr: expect.stringContaining('usage: create-plugin <monitor|alert-channel|sms-provider|email-provider|payment-provider|generic>') });
    expect(create('monitor', 'Not_Kebab').status).toBe(2);
    expect(create('monitor', 'acme', '--dir', join(work, 'monitor')).stderr).toContain('is not empty');
  });
});
