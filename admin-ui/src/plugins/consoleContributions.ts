import type { PlatformSession } from '@platform/sdk/admin';
import { registerApiPaths } from '../api/dataProvider.ts';
import { enabledPluginNames } from '../nav/menuModel.ts';
import { selectContributions, type ConsoleContributions } from './contributions.ts';
import { loadAdminPlugins, type LoadFailure } from './registry.ts';

let lastFailures: LoadFailure[] = [];

/** Loads the enabled plugins' console entries (cached chunks) and picks what this session may see. */
export async function consoleContributions(session: PlatformSession): Promise<ConsoleContributions> {
  const { plugins, failures } = await loadAdminPlugins(enabledPluginNames(session.nav));
  lastFailures = failures;
  const contributions = selectContributions(plugins, session);
  registerApiPaths(contributions.resources.filter((r) => typeof r.apiPath === 'string').map((r) => [r.name, r.apiPath as string]));
  return contributions;
}

/** Plugin entries that failed to load in the last attempt (shown on the dashboard). */
export function pluginLoadFailures(): LoadFailure[] {
  return lastFailures;
}
