import type { FlagTargeting } from '../engine/index.ts';

/**
 * Whether a flag is on for everyone (100% rolled out): enabled, not archived, not killed, no disabled
 * tenants, no variant split (an experiment is not done) and either no restricting targeting at all or
 * a rollout rule without constraints at 100%. Kill-switch flags are operational toggles meant to stay,
 * so they are never "fully rolled out".
 */
export function isFullyOn(flag: { enabled: boolean; archived: boolean; killSwitch: boolean; killedAt: unknown; targeting: FlagTargeting }): boolean {
  if (!flag.enabled || flag.archived || flag.killSwitch || flag.killedAt) return false;
  const t = flag.targeting;
  if ((t.disabledTenants?.length ?? 0) > 0 || t.variants || t.schedule?.end) return false;
  if (t.rollouts?.some((rule) => rule.variants)) return false;
  const openRule = t.rollouts?.some((rule) => (rule.constraints?.length ?? 0) === 0 && (rule.percentage === undefined || rule.percentage >= 100));
  if (openRule) return true;
  const restricting = (t.enabledTenants?.length ?? 0) + (t.enabledPlans?.length ?? 0) + (t.enabledUsers?.length ?? 0) + (t.rollouts?.length ?? 0);
  return restricting === 0;
}
