import type { SloHealth } from '../slo/slo-math.ts';

export type Traffic = 'green' | 'yellow' | 'red' | 'unknown';

/** The banner colour from the SLOs: any breached is red, any at risk yellow; no data at all is unknown. */
export function overallFromSlos(statuses: readonly { status: SloHealth }[]): Traffic {
  if (statuses.some((s) => s.status === 'breached')) return 'red';
  if (statuses.some((s) => s.status === 'at_risk')) return 'yellow';
  if (statuses.length === 0 || statuses.every((s) => s.status === 'no_data')) return 'unknown';
  return 'green';
}
