/** What a plan entitles besides quotas. */
export interface FeatureGrants {
  features: string[];
  plugins: string[];
}

/** A feature key (`pos`, `multi_store`) or plugin name (`loyalty`, or `plugin:loyalty`) the plan includes. */
export function isFeatureEntitled(grants: FeatureGrants | null, key: string): boolean {
  if (!grants) return false;
  if (key.startsWith('plugin:')) return grants.plugins.includes(key.slice('plugin:'.length));
  return grants.features.includes(key) || grants.plugins.includes(key);
}
