import type { IncidentSeverity, IncidentStatusPageUpdate } from '@platform/sdk/incidents';

export interface SeverityLevel {
  severity: IncidentSeverity;
  label: string;
  criteria: string;
  response: string;
  examples: string;
  /** How often the incident should get a timeline update, in minutes (null: next business day). */
  updateEveryMinutes: number | null;
  /** Whether resolving it needs a postmortem. */
  postmortemRequired: boolean;
}

/** SEV levels, defined once and shown wherever a severity is chosen. */
export const SEVERITY_LEVELS: readonly SeverityLevel[] = [
  { severity: 1, label: 'SEV1', criteria: 'Full outage, all users affected', response: 'All hands, 15 min updates', examples: 'API down, database unreachable', updateEveryMinutes: 15, postmortemRequired: true },
  { severity: 2, label: 'SEV2', criteria: 'Major feature broken, many users affected', response: 'On-call + backup, 30 min updates', examples: 'Builds failing, payments broken', updateEveryMinutes: 30, postmortemRequired: true },
  { severity: 3, label: 'SEV3', criteria: 'Partial degradation, some users affected', response: 'On-call, hourly updates', examples: 'Slow responses, intermittent errors', updateEveryMinutes: 60, postmortemRequired: false },
  { severity: 4, label: 'SEV4', criteria: 'Minor issue, few users, workaround exists', response: 'Next business day', examples: 'UI glitch, non-critical feature broken', updateEveryMinutes: null, postmortemRequired: false },
];

export function severityLevel(severity: number): SeverityLevel {
  return SEVERITY_LEVELS.find((l) => l.severity === severity) ?? SEVERITY_LEVELS[3];
}

/** Statuspage's impact for a severity. */
export function statusPageImpact(severity: IncidentSeverity): IncidentStatusPageUpdate['impact'] {
  return severity === 1 ? 'critical' : severity === 2 ? 'major' : severity === 3 ? 'minor' : 'none';
}

/** The severity an incident opened from an alert starts with: critical → SEV2, warning → SEV3, info → SEV4. */
export function severityForAlert(alertSeverity: string): IncidentSeverity {
  return alertSeverity === 'critical' ? 2 : alertSeverity === 'warning' ? 3 : 4;
}
