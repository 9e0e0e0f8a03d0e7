import type { AlertSummary } from '@platform/sdk/alerts';
import type { AlertRule } from '../rules/alert-rule-entity.ts';
import type { AlertInstance } from '../instances/alert-instance.ts';
import { alertLinks } from './alert-links.ts';

const iso = (n: number | null) => (n === null ? null : new Date(n).toISOString());

/** An alert as other plugins see it (the `alerts` service, lifecycle events). */
export function alertSummary(rule: AlertRule, instance: AlertInstance, baseUrl: string, firingSince = instance.memory.firingSince): AlertSummary {
  return {
    id: instance.id,
    fingerprint: instance.fingerprint,
    ruleId: rule.id,
    ruleName: rule.name,
    description: rule.description,
    severity: rule.severity,
    component: rule.component,
    metric: rule.metric,
    condition: rule.condition,
    threshold: rule.threshold,
    labels: instance.labels,
    state: instance.memory.state,
    value: instance.memory.value,
    firingSince: iso(firingSince),
    resolvedAt: iso(instance.resolvedAt),
    tenantId: instance.tenantId,
    link: alertLinks(baseUrl, instance.id, rule.id).alert,
  };
}
