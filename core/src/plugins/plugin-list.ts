import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import type { PluginManifest } from '@platform/sdk';
import { KernelError } from '../errors.ts';

/**
 * `platform.config.json` at the project root lists the plugins to load by package name:
 * `{ "plugins": ["@platform/plugin-example", "acme-platform-monitor"] }`.
 * Installing a third-party plugin is adding its package and one line here.
 */
export function readPluginList(file = resolve(process.cwd(), process.env.PLATFORM_CONFIG ?? 'platform.config.json')): string[] {
  if (!existsSync(file)) return [];
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as { plugins?: unknown };
  if (!Array.isArray(parsed.plugins) || parsed.plugins.some((p) => typeof p !== 'string'))
    throw new KernelError('config_invalid', `${file}: "plugins" must be an array of package names`);
  return parsed.plugins as string[];
}

/** Packages resolve from the project root, where `pnpm add <plugin>` puts them. */
export async function importPlugins(packages: string[], root = process.cwd()): Promise<PluginManifest[]> {
  const requireFromRoot = createRequire(join(root, 'package.json'));
  const out: PluginManifest[] = [];
  for (const pkg of packages) {
    let mod: { default?: PluginManifest };
    try {
      mod = await import(pathToFileURL(requireFromRoot.resolve(pkg)).href);
    } catch (err) {
      throw new KernelError('plugin_not_found', `cannot load plugin package "${pkg}": ${(err as Error).message}`);
    }
    if (!mod.default) throw new KernelError('plugin_invalid', `package "${pkg}" has no default-exported definePlugin() manifest`);
    out.push(mod.default);
  }
  return out;
}
