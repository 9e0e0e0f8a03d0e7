import { createHash } from 'node:crypto';

/** A label set as one canonical string (sorted `key=value` pairs): an alert's identity within its rule. */
export function labelKey(labels: Record<string, string>): string {
  return Object.keys(labels)
    .sort()
    .map((k) => `${k}=${labels[k]}`)
    .join('|');
}

/** {@link alertFingerprint} from a label set already made a {@link labelKey}. */
export function fingerprintOfKey(ruleId: string, key: string): string {
  return createHash('sha256').update(`${ruleId}:${key}`).digest('hex').slice(0, 32);
}

/**
 * An alert's identity: SHA-256 of the rule id and its sorted labels, 32 hex characters. One rule fires
 * independently per label set (route=/api/build and route=/api/auth), and the fingerprint is stable
 * across evaluations and restarts, so it doubles as PagerDuty's `dedup_key`.
 */
export function alertFingerprint(ruleId: string, labels: Record<string, string>): string {
  return fingerprintOfKey(ruleId, labelKey(labels));
}
