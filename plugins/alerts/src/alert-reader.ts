import type { AlertReader, AlertSummary } from '@platform/sdk/alerts';
import type { Database } from '@platform/sdk';
import { AlertRuleEntity, type AlertRule } from './rules/alert-rule-entity.ts';
import { loadInstances } from './instances/instance-store.ts';
import { alertSummary } from './notifications/alert-summary.ts';

/** The `alerts` service: one alert as other plugins see it (incidents open one from it). */
export function createAlertReader(db: () => Database, baseUrl: () => string): AlertReader {
  return {
    async get(alertId: string): Promise<AlertSummary | null> {
      if (!/^[0-9a-f-]{36}$/i.test(alertId)) return null;
      const [instance] = await loadInstances(db(), 'id = $1', [alertId]);
      if (!instance) return null;
      const rule = (await db().system().findOne(AlertRuleEntity, { id: instance.ruleId })) as AlertRule | null;
      if (!rule) return null;
      const lastFired = instance.memory.firingSince ?? (await lastFiredAt(db(), instance.fingerprint));
      return alertSummary(rule, instance, baseUrl(), lastFired);
    },
  };
}

async function lastFiredAt(db: Database, fingerprint: string): Promise<number | null> {
  const [row] = await db.sql<{ at: Date }>(`SELECT max(at) AS at FROM alerts_history WHERE fingerprint = $1 AND event = 'fired'`, [fingerprint]);
  return row?.at ? new Date(row.at).getTime() : null;
}
