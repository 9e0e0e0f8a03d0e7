import type { AdminPluginDefinition } from '@platform/sdk/admin';
import buildTimeNames from 'virtual:platform-admin-plugin-names';
import { entriesToLoad, pluginFolderOf } from './contributions.ts';

type EntryModule = { default?: AdminPluginDefinition };
type Loader = () => Promise<EntryModule>;

/**
 * Plugin console entries, found at build time. `import.meta.glob` without `eager` gives one lazy chunk
 * per plugin; nothing is fetched until the nav API says the plugin is enabled for this user and tenant.
 */
const pluginEntries = import.meta.glob<EntryModule>('../../../plugins/*/admin/index.tsx');
const fixtureEntries: Record<string, Loader> = __PLATFORM_INCLUDE_FIXTURES__
  ? import.meta.glob<EntryModule>('../../../test/fixtures/*/admin/index.tsx')
  : {};

export interface AdminEntry {
  folder: string;
  source: 'plugins' | 'fixtures';
  load: Loader;
}

export const adminEntries: AdminEntry[] = [
  ...Object.entries(pluginEntries).map(([key, load]) => ({ folder: pluginFolderOf(key), source: 'plugins' as const, load })),
  ...Object.entries(fixtureEntries)
    .map(([key, load]) => ({ folder: pluginFolderOf(key), source: 'fixtures' as const, load }))
    .filter((f) => !Object.keys(pluginEntries).some((k) => pluginFolderOf(k) === f.folder)),
];

const byFolder = new Map(adminEntries.map((e) => [e.folder, e]));
const loaded = new Map<string, Promise<AdminPluginDefinition | null>>();
/** folder → plugin name: read from the sources at build time, confirmed by each definition once loaded. */
const knownNames = new Map<string, string>(Object.entries(buildTimeNames));
const confirmed = new Set<string>();

export interface LoadFailure {
  folder: string;
  message: string;
}

function loadFolder(folder: string, failures: LoadFailure[]): Promise<AdminPluginDefinition | null> {
  let p = loaded.get(folder);
  if (!p) {
    const entry = byFolder.get(folder)!;
    p = entry
      .load()
      .then((mod) => {
        const def = mod.default;
        if (!def || typeof def.name !== 'string') throw new Error('its admin/index.tsx has no default-exported defineAdminPlugin({...})');
        knownNames.set(folder, def.name);
        confirmed.add(folder);
        return def;
      })
      .catch((err: unknown) => {
        loaded.delete(folder); // try again on the next navigation
        failures.push({ folder, message: err instanceof Error ? err.message : String(err) });
        console.error(`[console] plugin "${folder}" could not be loaded:`, err);
        return null;
      });
    loaded.set(folder, p);
  }
  return p;
}

/** Loads (once, cached) the console entries of the enabled plugins. A broken plugin is skipped, not fatal. */
export async function loadAdminPlugins(enabled: Set<string>): Promise<{ plugins: AdminPluginDefinition[]; failures: LoadFailure[] }> {
  const failures: LoadFailure[] = [];
  const folders = [...byFolder.keys()];
  const { first, rest } = entriesToLoad(folders, enabled, knownNames, confirmed);
  const defs = await Promise.all(first.map((f) => loadFolder(f, failures)));
  if (rest.length) defs.push(...(await Promise.all(rest.map((f) => loadFolder(f, failures)))));
  const plugins = defs.filter((d): d is AdminPluginDefinition => !!d && enabled.has(d.name));
  return { plugins, failures };
}
