import { describe, expect, it } from 'vitest';
import {
  compareSemver,
  matchConstraint,
  matchConstraints,
  parseIpAddress,
  parseIpRange,
  parseSemver,
  type Constraint,
  type EvaluationContext,
} from '../src/engine/index.ts';

const NOW = Date.parse('2025-06-01T12:00:00Z');

function matches(constraint: Constraint, context: EvaluationContext): boolean {
  return matchConstraint(constraint, context, NOW);
}

describe('matchConstraint', () => {
  it('IN / NOT_IN on top-level fields and properties, values trimmed', () => {
    const constraint: Constraint = { contextName: 'plan', operator: 'IN', values: [' pro ', 'enterprise', ''] };
    expect(matches(constraint, { plan: 'pro' })).toBe(true);
    expect(matches(constraint, { plan: 'free' })).toBe(false);
    expect(matches(constraint, {})).toBe(false);
    expect(matches({ contextName: 'country', operator: 'IN', values: ['no'] }, { properties: { country: 'no' } })).toBe(true);
    expect(matches({ contextName: 'country', operator: 'NOT_IN', values: ['no'] }, {})).toBe(true);
    expect(matches({ contextName: 'country', operator: 'NOT_IN', values: ['no'] }, { properties: { country: 'no' } })).toBe(false);
    expect(matches({ contextName: 'tenantId', operator: 'IN', values: [] }, { tenantId: 't1' })).toBe(false);
  });

  it('inverted negates any operator', () => {
    expect(matches({ contextName: 'plan', operator: 'IN', values: ['pro'], inverted: true }, { plan: 'pro' })).toBe(false);
    expect(matches({ contextName: 'plan', operator: 'NOT_IN', values: ['pro'], inverted: true }, { plan: 'pro' })).toBe(true);
    expect(matches({ contextName: 'n', operator: 'NUM_GT', value: '5', inverted: true }, { properties: { n: 3 } })).toBe(true);
  });

  it('STR_CONTAINS, STR_STARTS_WITH, STR_ENDS_WITH, caseInsensitive', () => {
    const email: EvaluationContext = { properties: { email: 'Ada@Example.com' } };
    expect(matches({ contextName: 'email', operator: 'STR_ENDS_WITH', values: ['@example.com'] }, email)).toBe(false);
    expect(matches({ contextName: 'email', operator: 'STR_ENDS_WITH', values: ['@example.com'], caseInsensitive: true }, email)).toBe(true);
    expect(matches({ contextName: 'email', operator: 'STR_STARTS_WITH', values: ['bob', 'Ada'] }, email)).toBe(true);
    expect(matches({ contextName: 'email', operator: 'STR_CONTAINS', values: ['@Ex'] }, email)).toBe(true);
    expect(matches({ contextName: 'email', operator: 'STR_CONTAINS', values: ['@Ex'] }, {})).toBe(false);
  });

  it('NUM_* compare numerically and refuse non-numbers', () => {
    const seats: EvaluationContext = { properties: { seats: '12.0' } };
    expect(matches({ contextName: 'seats', operator: 'NUM_EQ', value: '12' }, seats)).toBe(true);
    expect(matches({ contextName: 'seats', operator: 'NUM_GT', value: '11' }, seats)).toBe(true);
    expect(matches({ contextName: 'seats', operator: 'NUM_GTE', value: '12' }, seats)).toBe(true);
    expect(matches({ contextName: 'seats', operator: 'NUM_LT', value: '12' }, seats)).toBe(false);
    expect(matches({ contextName: 'seats', operator: 'NUM_LTE', value: '12' }, seats)).toBe(true);
    expect(matches({ contextName: 'seats', operator: 'NUM_EQ', value: '12' }, { properties: { seats: 'twelve' } })).toBe(false);
    expect(matches({ contextName: 'seats', operator: 'NUM_EQ', value: '' }, seats)).toBe(false);
    expect(matches({ contextName: 'seats', operator: 'NUM_LT', value: '5' }, {})).toBe(false);
  });

  it('DATE_AFTER / DATE_BEFORE use the context time, else now', () => {
    const after: Constraint = { contextName: 'currentTime', operator: 'DATE_AFTER', value: '2025-05-01T00:00:00Z' };
    const before: Constraint = { contextName: 'currentTime', operator: 'DATE_BEFORE', value: '2025-05-01T00:00:00Z' };
    expect(matches(after, {})).toBe(true); // NOW is in June
    expect(matches(before, {})).toBe(false);
    expect(matches(before, { currentTime: new Date('2025-04-30T23:59:59Z') })).toBe(true);
    expect(matches(after, { currentTime: '2025-05-01T00:00:00Z' })).toBe(false); // strictly after
    const signup: Constraint = { contextName: 'signedUpAt', operator: 'DATE_BEFORE', value: '2024-01-01T00:00:00+01:00' };
    expect(matches(signup, { properties: { signedUpAt: '2023-12-31T22:00:00Z' } })).toBe(true);
    expect(matches(signup, {})).toBe(false);
    expect(matches({ ...after, value: 'not a date' }, {})).toBe(false);
  });

  it('SEMVER_* follow SemVer 2.0.0 precedence', () => {
    const version = (v: string): EvaluationContext => ({ properties: { version: v } });
    expect(matches({ contextName: 'version', operator: 'SEMVER_EQ', value: '1.2.3' }, version('1.2.3+build.5'))).toBe(true);
    expect(matches({ contextName: 'version', operator: 'SEMVER_GT', value: '1.2.3' }, version('1.10.0'))).toBe(true);
    expect(matches({ contextName: 'version', operator: 'SEMVER_LT', value: '2.0.0' }, version('2.0.0-rc.1'))).toBe(true);
    expect(matches({ contextName: 'version', operator: 'SEMVER_GTE', value: '2.0.0-rc.1' }, version('2.0.0-rc.1'))).toBe(true);
    expect(matches({ contextName: 'version', operator: 'SEMVER_LTE', value: '2.0.0-rc.1' }, version('2.0.0-rc.2'))).toBe(false);
    expect(matches({ contextName: 'version', operator: 'SEMVER_EQ', value: '1.2.3' }, version('v1.2.3'))).toBe(false);
    expect(matches({ contextName: 'version', operator: 'SEMVER_EQ', value: '1.2' }, version('1.2.0'))).toBe(false);
  });

  it('IN_CIDR matches IPv4 and IPv6 addresses and ranges, ignoring invalid entries', () => {
    const allowlist: Constraint = {
      contextName: 'remoteAddress',
      operator: 'IN_CIDR',
      values: ['10.0.0.0/8', 'garbage', '2001:db8::/32', '192.168.1.7'],
    };
    expect(matches(allowlist, { remoteAddress: '10.200.3.4' })).toBe(true);
    expect(matches(allowlist, { remoteAddress: '11.0.0.1' })).toBe(false);
    expect(matches(allowlist, { remoteAddress: '192.168.1.7' })).toBe(true);
    expect(matches(allowlist, { remoteAddress: '192.168.1.8' })).toBe(false);
    expect(matches(allowlist, { remoteAddress: '2001:db8:ffff::1' })).toBe(true);
    expect(matches(allowlist, { remoteAddress: '2001:db9::1' })).toBe(false);
    expect(matches(allowlist, { remoteAddress: '::ffff:10.1.2.3' })).toBe(true); // IPv4 client on a dual-stack socket
    expect(matches(allowlist, { remoteAddress: 'not an ip' })).toBe(false);
    expect(matches(allowlist, {})).toBe(false);
    expect(matches({ contextName: 'remoteAddress', operator: 'IN_CIDR', values: ['172.16.0.0/12'] }, { remoteAddress: '172.31.255.255' })).toBe(true);
    expect(matches({ contextName: 'remoteAddress', operator: 'IN_CIDR', values: ['172.16.0.0/12'] }, { remoteAddress: '172.32.0.0' })).toBe(false);
  });

  it('an unknown operator never matches, inverted or not', () => {
    const unknown = { contextName: 'plan', operator: 'FUTURE_OPERATOR', values: ['.*'] } as unknown as Constraint;
    expect(matches(unknown, { plan: 'pro' })).toBe(false);
    expect(matches({ ...unknown, inverted: true }, { plan: 'pro' })).toBe(false);
  });

  it('matchConstraints requires every constraint; none means match', () => {
    const both: Constraint[] = [
      { contextName: 'environment', operator: 'IN', values: ['production'] },
      { contextName: 'plan', operator: 'NOT_IN', values: ['free'] },
    ];
    expect(matchConstraints(both, { environment: 'production', plan: 'pro' }, NOW)).toBe(true);
    expect(matchConstraints(both, { environment: 'production', plan: 'free' }, NOW)).toBe(false);
    expect(matchConstraints(undefined, {}, NOW)).toBe(true);
    expect(matchConstraints([], {}, NOW)).toBe(true);
  });
});

describe('parseSemver / compareSemver', () => {
  it('orders per the SemVer 2.0.0 example chain', () => {
    const chain = ['1.0.0-alpha', '1.0.0-alpha.1', '1.0.0-alpha.beta', '1.0.0-beta', '1.0.0-beta.2', '1.0.0-beta.11', '1.0.0-rc.1', '1.0.0'];
    for (let i = 1; i < chain.length; i++) {
      expect(compareSemver(parseSemver(chain[i - 1])!, parseSemver(chain[i])!), `${chain[i - 1]} < ${chain[i]}`).toBeLessThan(0);
    }
  });

  it('rejects what SemVer rejects', () => {
    for (const invalid of ['1.2', '01.2.3', '1.2.3-', '1.2.3-01', 'v1.2.3', '1.2.3.4', '']) {
      expect(parseSemver(invalid), invalid).toBeUndefined();
    }
  });
});

describe('parseIpAddress / parseIpRange', () => {
  it('parses IPv6 forms', () => {
    expect(parseIpAddress('::1')?.bytes[15]).toBe(1);
    expect(parseIpAddress('2001:db8::8a2e:370:7334')?.version).toBe(6);
    expect(parseIpAddress('1:2:3:4:5:6:7:8')?.bytes[14]).toBe(0);
    expect(parseIpAddress('::ffff:192.0.2.1')).toEqual({ version: 4, bytes: new Uint8Array([192, 0, 2, 1]) });
    expect(parseIpAddress('1::2::3')).toBeUndefined();
    expect(parseIpAddress('1:2:3:4:5:6:7')).toBeUndefined();
    expect(parseIpAddress('fe80::1%eth0')).toBeUndefined();
  });

  it('parses ranges and rejects bad prefixes', () => {
    expect(parseIpRange('10.0.0.0/8')?.prefixLength).toBe(8);
    expect(parseIpRange('10.0.0.1')?.prefixLength).toBe(32);
    expect(parseIpRange('10.0.0.0/33')).toBeUndefined();
    expect(parseIpRange('2001:db8::/129')).toBeUndefined();
    expect(parseIpRange('256.0.0.0/8')).toBeUndefined();
  });
});
