import type { AlertSummary } from '@platform/sdk/alerts';

/** The dedupe key of an incident opened from an alert: one incident per alert firing episode. */
export function alertIncidentKey(alert: Pick<AlertSummary, 'fingerprint' | 'firingSince'>): string {
  return `alert:${alert.fingerprint}:${alert.firingSince ?? 'unknown'}`;
}
