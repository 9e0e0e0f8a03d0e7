import { randomUUID } from 'node:crypto';
import { exampleAlertNotification } from '@platform/sdk/alert-channels';
import { ProblemError, Type, type PlatformRequest, type PluginContext } from '@platform/sdk';
import { type MetricsReader } from '@platform/sdk/metrics';
import { alertLinks } from '../notifications/alert-links.ts';
import { AlertRuleEntity, type AlertRule } from '../rules/alert-rule-entity.ts';
import { AlertRuleInput } from '../rules/alert-rule-input.ts';
import { checkAlertRule } from '../rules/alert-rule-checks.ts';
import type { AlertChannels } from '../delivery/alert-channels.ts';
import type { AlertEvaluator } from '../evaluation/alert-evaluator.ts';
import { observeRule, windowStart } from '../evaluation/rule-observations.ts';
import { breaches, recoveryThresholdOf } from '../evaluation/alert-condition.ts';
import { alertFingerprint } from '../evaluation/alert-fingerprint.ts';

const RULE_DEFAULTS = { filter: {}, groupBy: [], tenantFilter: null, recoveryThreshold: null, windowMinutes: 5, forMinutes: 5, keepFiringForMinutes: 0, repeatIntervalMinutes: 60 };

/** Rules (react-admin CRUD), a live preview of a rule's current value, installed channels, evaluate now. */
export function addRuleRoutes(ctx: PluginContext, deps: { channels: AlertChannels; metrics: () => MetricsReader; evaluator: AlertEvaluator; clock: () => number }): void {
  ctx.crud({
    entity: AlertRuleEntity,
    path: '/rules',
    resource: 'alerts.rule',
    permissions: { read: 'alerts.read', write: 'alerts.manage' },
    createSchema: AlertRuleInput,
    tenantScoped: false,
    searchFields: ['name', 'metric', 'description'],
    filterFields: ['id', 'name', 'metric', 'severity', 'enabled', 'component', 'createdAt', 'updatedAt'],
    eventPrefix: 'alerts.rule',
    beforeSave(data, _req, existing) {
      checkAlertRule({ ...RULE_DEFAULTS, ...(existing ?? {}), ...data }, deps.channels.ids());
    },
  });

  ctx.routes.add({
    method: 'POST',
    url: '/rules/preview',
    permission: 'alerts.read',
    tenantScoped: false,
    schema: { summary: "A rule's current value per alert it would raise, and whether each breaches now (the editor's live preview)", body: AlertRuleInput },
    async handler(req: PlatformRequest<{ Body: Record<string, unknown> }>) {
      const rule = { ...RULE_DEFAULTS, ...req.body } as unknown as AlertRule;
      checkAlertRule(rule as unknown as Record<string, unknown>, new Set([...deps.channels.ids(), ...rule.channels]));
      const now = deps.clock();
      const series = await deps.metrics().series({ metric: rule.metric, from: windowStart(now, rule.windowMinutes), to: now + 1, resolution: 'minute' });
      const recovery = recoveryThresholdOf(rule);
      return {
        evaluatedAt: new Date(now).toISOString(),
        recoveryThreshold: recovery,
        groups: observeRule(rule, series, now).map((o) => ({
          labels: o.labels,
          fingerprint: rule.id ? alertFingerprint(rule.id, o.labels) : null,
          value: o.observation.kind === 'value' ? o.observation.value : null,
          noData: o.observation.kind !== 'value',
          breaching: o.observation.kind === 'value' && breaches(o.observation.value, rule.condition, rule.threshold),
        })),
      };
    },
  });

  ctx.routes.add({
    method: 'GET',
    url: '/channels',
    permission: 'alerts.read',
    tenantScoped: false,
    schema: { summary: 'Installed alert channels, what they send, and whether their settings are complete' },
    handler: async () => deps.channels.statuses(),
  });

  ctx.routes.add({
    method: 'POST',
    url: '/channels/:id/test',
    permission: 'alerts.manage',
    tenantScoped: false,
    schema: { summary: 'Send an example notification through a channel with its current settings (not retried, not recorded)', params: Type.Object({ id: Type.String() }) },
    async handler(req: PlatformRequest<{ Params: { id: string } }>) {
      if (!deps.channels.get(req.params.id)) throw new ProblemError(404, 'not_found', `alert channel ${req.params.id} not found`);
      const links = alertLinks(ctx.kernel.baseUrl, '00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000002');
      const example = exampleAlertNotification({ links, deliveryId: randomUUID(), rule: { ...exampleAlertNotification().rule, name: 'Test notification' } });
      return deps.channels.send(req.params.id, example, 1);
    },
  });

  ctx.routes.add({
    method: 'POST',
    url: '/evaluate',
    permission: 'alerts.manage',
    tenantScoped: false,
    schema: { summary: 'Evaluate every rule now (the evaluator job does it every minute)' },
    handler: async () => deps.evaluator.evaluate(),
  });
}

