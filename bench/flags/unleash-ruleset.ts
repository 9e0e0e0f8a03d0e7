// The 20-flag ruleset of bench/flags, written once as Unleash client features: unleash-client loads it
// from a local bootstrap and our engine gets the same flags through the Unleash adapter, so both sides
// evaluate an equivalent ruleset (and the run checks that they agree).
import type { UnleashFeature } from '@platform/plugin-feature-flags';

const USER_LIST = Array.from({ length: 50 }, (_, i) => `user-${i * 997}`).join(',');
const variants = (names: string[], stickiness = 'default') =>
  names.map((name, i) => ({ name, weight: i === names.length - 1 ? 1000 - 333 * (names.length - 1) : 333, stickiness, payload: { type: 'string', value: `payload-${name}` } }));

export const RULESET: UnleashFeature[] = [
  { name: 'bench.on', enabled: true, strategies: [{ name: 'default', parameters: {} }] },
  { name: 'bench.off', enabled: false, strategies: [{ name: 'default', parameters: {} }] },
  { name: 'bench.rollout_10', enabled: true, strategies: [{ name: 'flexibleRollout', parameters: { rollout: '10', stickiness: 'userId', groupId: 'bench.rollout_10' } }] },
  { name: 'bench.rollout_25', enabled: true, strategies: [{ name: 'flexibleRollout', parameters: { rollout: '25', stickiness: 'default', groupId: 'bench.rollout_25' } }] },
  { name: 'bench.rollout_50', enabled: true, strategies: [{ name: 'flexibleRollout', parameters: { rollout: '50', stickiness: 'userId', groupId: 'bench.rollout_50' } }] },
  { name: 'bench.rollout_session', enabled: true, strategies: [{ name: 'flexibleRollout', parameters: { rollout: '75', stickiness: 'sessionId', groupId: 'bench.rollout_session' } }] },
  { name: 'bench.users', enabled: true, strategies: [{ name: 'userWithId', parameters: { userIds: USER_LIST } }] },
  { name: 'bench.users_or_rollout', enabled: true, strategies: [{ name: 'userWithId', parameters: { userIds: USER_LIST } }, { name: 'flexibleRollout', parameters: { rollout: '5', stickiness: 'userId', groupId: 'g5' } }] },
  { name: 'bench.env', enabled: true, strategies: [{ name: 'default', parameters: {}, constraints: [{ contextName: 'environment', operator: 'IN', values: ['production', 'staging'] }] }] },
  { name: 'bench.country', enabled: true, strategies: [{ name: 'flexibleRollout', parameters: { rollout: '50', stickiness: 'userId', groupId: 'bench.country' }, constraints: [{ contextName: 'country', operator: 'IN', values: ['NO', 'SE', 'DK', 'FI'] }] }] },
  { name: 'bench.not_country', enabled: true, strategies: [{ name: 'default', parameters: {}, constraints: [{ contextName: 'country', operator: 'NOT_IN', values: ['US'] }] }] },
  { name: 'bench.email_domain', enabled: true, strategies: [{ name: 'default', parameters: {}, constraints: [{ contextName: 'email', operator: 'STR_ENDS_WITH', values: ['@example.com', '@test.io'], caseInsensitive: true }] }] },
  { name: 'bench.age', enabled: true, strategies: [{ name: 'default', parameters: {}, constraints: [{ contextName: 'age', operator: 'NUM_GTE', value: '18' }, { contextName: 'age', operator: 'NUM_LT', value: '65' }] }] },
  { name: 'bench.app_version', enabled: true, strategies: [{ name: 'default', parameters: {}, constraints: [{ contextName: 'version', operator: 'SEMVER_GTE', value: '2.3.0' }] }] },
  { name: 'bench.after_launch', enabled: true, strategies: [{ name: 'default', parameters: {}, constraints: [{ contextName: 'currentTime', operator: 'DATE_AFTER', value: '2024-01-01T00:00:00.000Z' }] }] },
  { name: 'bench.inverted', enabled: true, strategies: [{ name: 'default', parameters: {}, constraints: [{ contextName: 'appName', operator: 'IN', values: ['legacy'], inverted: true }] }] },
  { name: 'bench.variants', enabled: true, strategies: [{ name: 'default', parameters: {} }], variants: variants(['control', 'blue', 'green']) },
  { name: 'bench.variants_user', enabled: true, strategies: [{ name: 'flexibleRollout', parameters: { rollout: '80', stickiness: 'userId', groupId: 'bench.variants_user' } }], variants: variants(['a', 'b'], 'userId') },
  {
    name: 'bench.strategy_variants',
    enabled: true,
    strategies: [{ name: 'flexibleRollout', parameters: { rollout: '60', stickiness: 'userId', groupId: 'sv' }, variants: variants(['x', 'y', 'z'], 'userId') as any }],
  },
  { name: 'bench.multi', enabled: true, strategies: [{ name: 'flexibleRollout', parameters: { rollout: '90', stickiness: 'userId', groupId: 'multi' }, constraints: [{ contextName: 'environment', operator: 'IN', values: ['production'] }, { contextName: 'country', operator: 'IN', values: ['NO', 'US', 'DE'] }] }] },
];

/** Flags answered with `getVariant` on the Unleash side. */
export const VARIANT_FLAGS = new Set(['bench.variants', 'bench.variants_user', 'bench.strategy_variants']);

/** A type alias (not an interface) so it fits unleash-client's index-signature `Context` as is. */
export type BenchContext = {
  userId: string;
  sessionId: string;
  remoteAddress: string;
  environment: string;
  appName: string;
  properties: { country: string; email: string; age: string; version: string };
};

const COUNTRIES = ['NO', 'SE', 'DK', 'FI', 'US', 'DE', 'FR', 'GB'];
const ENVIRONMENTS = ['production', 'staging', 'development'];
const DOMAINS = ['@example.com', '@TEST.io', '@other.org'];

/** `count` random contexts from a seeded generator (same contexts on every run). */
export function randomContexts(count: number, seed = 42): BenchContext[] {
  let state = seed >>> 0;
  const next = () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state;
  };
  const out: BenchContext[] = new Array(count);
  for (let i = 0; i < count; i++) {
    const user = next() % 2_000_000;
    out[i] = {
      userId: `user-${user}`,
      sessionId: `s-${next().toString(36)}`,
      remoteAddress: `10.${next() % 256}.${next() % 256}.${next() % 256}`,
      environment: ENVIRONMENTS[next() % ENVIRONMENTS.length],
      appName: next() % 10 === 0 ? 'legacy' : 'web',
      properties: {
        country: COUNTRIES[next() % COUNTRIES.length],
        email: `u${user}${DOMAINS[next() % DOMAINS.length]}`,
        age: String(10 + (next() % 70)),
        version: `${next() % 4}.${next() % 6}.${next() % 10}`,
      },
    };
  }
  return out;
}
