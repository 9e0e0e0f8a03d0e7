import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import type { PluginManifest } from '@platform/sdk';
import { KernelError } from '../errors.ts';
import { KERNEL_VERSION } from '../version.ts';
import { didYouMean } from './closest-name.ts';
import { validateManifest } from './loader.ts';

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

/** The packages the project depends on (where a mistyped plugin package name finds its suggestion). */
function installedPackages(root: string): string[] {
  try {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as Record<string, Record<string, string> | undefined>;
    return [...Object.keys(pkg.dependencies ?? {}), ...Object.keys(pkg.devDependencies ?? {})];
  } catch {
    return [];
  }
}

/**
 * Packages resolve from the project root, where `pnpm add <plugin>` puts them. Each manifest is checked as it
 * is imported (kernel range, name, version), so that a refusal names the package as well as the plugin.
 */
export async function importPlugins(packages: string[], root = process.cwd(), kernelVersion = KERNEL_VERSION): Promise<PluginManifest[]> {
  const requireFromRoot = createRequire(join(root, 'package.json'));
  const out: PluginManifest[] = [];
  for (const pkg of packages) {
    let mod: { default?: PluginManifest };
    try {
      mod = await import(pathToFileURL(requireFromRoot.resolve(pkg)).href);
    } catch (err) {
      const notInstalled = (err as NodeJS.ErrnoException).code === 'MODULE_NOT_FOUND' || (err as NodeJS.ErrnoException).code === 'ERR_MODULE_NOT_FOUND';
      const hint = notInstalled ? `${didYouMean(pkg, installedPackages(root))} (install it with \`npx -y pnpm@10 add <package or tarball>\`)` : '';
      throw new KernelError('plugin_not_found', `cannot load plugin package "${pkg}": ${(err as Error).message.split('\n')[0]}${hint}`, pkg);
    }
    if (!mod.default) throw new KernelError('plugin_invalid', `package "${pkg}" has no default-exported definePlugin() manifest`, pkg);
    try {
      validateManifest(mod.default, kernelVersion);
    } catch (err) {
      if (!(err instanceof KernelError)) throw err;
      throw new KernelError(err.code, `${err.message.replace(/^\[[a-z_]+\] /, '')} (package "${pkg}")`, err.plugin ?? pkg);
    }
    out.push(mod.default);
  }
  return out;
}
