import semver from 'semver';
import type { PluginManifest } from '@platform/sdk';
import { KernelError } from '../errors.ts';
import { TENANT_ROLES } from '../auth/permission-catalog.ts';

const NAME_RE = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
const RESERVED = new Set(['auth', 'tenants', 'users', 'roles', 'api-keys', 'audit', 'nav', 'plugins', 'jobs', 'events', 'me', 'openapi.json']);

export function validateManifest(m: PluginManifest, kernelVersion: string): void {
  if (!m || typeof m !== 'object') throw new KernelError('plugin_invalid', 'a plugin module did not export a manifest');
  if (typeof m.name !== 'string' || !NAME_RE.test(m.name)) throw new KernelError('plugin_invalid', `plugin name "${m?.name}" must be kebab-case`);
  if (RESERVED.has(m.name)) throw new KernelError('plugin_invalid', `plugin name "${m.name}" is reserved by the kernel`);
  if (!semver.valid(m.version)) throw new KernelError('plugin_invalid', `plugin "${m.name}" has an invalid version "${m.version}"`);
  if (!m.kernel || !semver.validRange(m.kernel)) throw new KernelError('plugin_invalid', `plugin "${m.name}" must declare a kernel semver range`);
  if (!semver.satisfies(kernelVersion, m.kernel, { includePrerelease: true }))
    throw new KernelError('plugin_kernel_mismatch', `plugin "${m.name}" supports kernel ${m.kernel}, but this kernel is ${kernelVersion}`);
  if (m.scope && m.scope !== 'platform' && m.scope !== 'tenant') throw new KernelError('plugin_invalid', `plugin "${m.name}" has an invalid scope "${m.scope}"`);
  const seen = new Set<string>();
  for (const p of m.permissions ?? []) {
    if (!p.key || !p.label) throw new KernelError('plugin_invalid', `plugin "${m.name}" declares a permission without key or label`);
    if (p.scope !== 'tenant' && p.scope !== 'platform')
      throw new KernelError('plugin_invalid', `plugin "${m.name}" declares permission "${p.key}" without a scope: say whether it acts in one tenant ('tenant') or on the platform ('platform')`);
    const toTenantRoles = (p.grantTo ?? []).filter((r) => TENANT_ROLES.includes(r));
    if (p.scope === 'platform' && toTenantRoles.length)
      throw new KernelError('plugin_invalid', `plugin "${m.name}" grants platform permission "${p.key}" to tenant role ${toTenantRoles.join(', ')}; a tenant role holds only tenant permissions`);
    if (seen.has(p.key)) throw new KernelError('plugin_invalid', `plugin "${m.name}" declares permission "${p.key}" twice`);
    seen.add(p.key);
  }
}

/** Validates manifests and returns them in dependency order (dependencies first). */
export function orderPlugins(manifests: PluginManifest[], kernelVersion: string): PluginManifest[] {
  const byName = new Map<string, PluginManifest>();
  for (const m of manifests) {
    validateManifest(m, kernelVersion);
    if (byName.has(m.name)) throw new KernelError('plugin_duplicate', `plugin "${m.name}" is listed twice`);
    byName.set(m.name, m);
  }
  for (const m of manifests) {
    for (const dep of m.dependsOn ?? []) {
      if (!byName.has(dep)) throw new KernelError('plugin_dependency_missing', `plugin "${m.name}" depends on "${dep}", which is not installed`);
    }
  }
  const ordered: PluginManifest[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (m: PluginManifest, path: string[]) => {
    const s = state.get(m.name);
    if (s === 'done') return;
    if (s === 'visiting') {
      const cycle = [...path.slice(path.indexOf(m.name)), m.name];
      throw new KernelError('plugin_dependency_cycle', `plugins depend on each other in a cycle: ${cycle.join(' -> ')}`);
    }
    state.set(m.name, 'visiting');
    for (const dep of m.dependsOn ?? []) visit(byName.get(dep)!, [...path, m.name]);
    state.set(m.name, 'done');
    ordered.push(m);
  };
  // Stable: keep listed order where dependencies allow.
  for (const m of manifests) visit(m, []);
  return ordered;
}
