import { createHash } from 'node:crypto';

/**
 * An alert's identity: SHA-256 of the rule id and its sorted labels, 32 hex characters. One rule fires
 * independently per label set (route=/api/build and route=/api/auth), and the fingerprint is stable
 * across evaluations and restarts, so it doubles as PagerDuty's `dedup_key`.
 */
export function alertFingerprint(ruleId: string, labels: Record<string, string>): string {
  const sorted = Object.keys(labels)
    .sort()
    .map((k) => `${k}=${labels[k]}`)
    .join('|');
  return createHash('sha256').update(`${ruleId}:${sorted}`).digest('hex').slice(0, 32);
}
