import type { FlagClient } from '@platform/sdk/feature-flags';

/**
 * Flags at 100 % rollout, as the seed's status API reports them: every flag evaluated for an anonymous
 * context; a flag counts as on when it is enabled for that context and not by a percentage split
 * (`SPLIT` means a rollout below 100 %). No flags service (the plugin is not installed): an empty map.
 */
export async function fullyRolledOutFlags(client: FlagClient | null): Promise<Record<string, boolean>> {
  if (!client) return {};
  try {
    const all = await client.evaluateAll({});
    return Object.fromEntries(Object.entries(all).map(([key, e]) => [key, e.enabled && e.reason !== 'SPLIT' && e.reason !== 'ERROR']));
  } catch {
    return {};
  }
}
