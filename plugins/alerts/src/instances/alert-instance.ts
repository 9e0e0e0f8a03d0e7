import type { AlertMemory } from '../evaluation/alert-state-machine.ts';

/** One alert (rule + label set) as stored in `alerts_instances`, times in epoch ms. */
export interface AlertInstance {
  id: string;
  ruleId: string;
  fingerprint: string;
  labels: Record<string, string>;
  tenantId: string | null;
  memory: AlertMemory;
  notifiedAt: number | null;
  lastNotifiedAt: number | null;
  mutedReason: string | null;
  resolvedAt: number | null;
  resolvedBy: string | null;
  lastEvaluatedAt: number;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The tenant an alert is about: the tenant it watches, or its `tenant` label when grouped by tenant. */
export function tenantOfLabels(labels: Record<string, string>): string | null {
  const t = labels.tenant;
  return t && UUID.test(t) ? t : null;
}
