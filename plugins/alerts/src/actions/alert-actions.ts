import { randomUUID } from 'node:crypto';
import { ProblemError, type PluginContext, type RequestContext } from '@platform/sdk';
import { type AlertLifecycleEvent } from '@platform/sdk/alerts';
import { AlertRuleEntity, type AlertRule } from '../rules/alert-rule-entity.ts';
import { loadInstances, saveInstances } from '../instances/instance-store.ts';
import type { AlertInstance } from '../instances/alert-instance.ts';
import { appendHistory } from '../instances/history-store.ts';
import { endSilences, insertSilence, type Silence } from '../silences/silence-store.ts';
import { enqueueDeliveries } from '../delivery/delivery-store.ts';
import type { AlertChannels } from '../delivery/alert-channels.ts';
import type { DeliveryDispatcher } from '../delivery/delivery-dispatcher.ts';
import { isOpen, resolveByHand } from '../evaluation/alert-state-machine.ts';
import { bumpGeneration } from '../evaluation/evaluator-generation.ts';
import { notificationDeliveries } from '../notifications/notification-deliveries.ts';
import { alertSummary } from '../notifications/alert-summary.ts';
import type { AlertsOptions } from '../alerts-options.ts';

function actorLabel(req: RequestContext): string {
  const a = req.actor;
  return a?.email ?? a?.name ?? a?.id ?? 'unknown';
}

/** Acknowledge (a silence with author, comment and expiry) and resolve by hand. */
export class AlertActions {
  constructor(private readonly deps: { ctx: PluginContext; channels: AlertChannels; dispatcher: DeliveryDispatcher; options: AlertsOptions }) {}

  private async openAlert(alertId: string): Promise<{ instance: AlertInstance; rule: AlertRule }> {
    const [instance] = await loadInstances(this.deps.ctx.db, 'id = $1', [alertId]);
    if (!instance) throw new ProblemError(404, 'not_found', `alert ${alertId} not found`);
    if (!isOpen(instance.memory)) throw new ProblemError(409, 'alert_not_open', `alert ${alertId} is ${instance.memory.state}, not firing`);
    const rule = (await this.deps.ctx.db.system().findOne(AlertRuleEntity, { id: instance.ruleId })) as AlertRule | null;
    if (!rule) throw new ProblemError(404, 'not_found', `alert rule ${instance.ruleId} not found`);
    return { instance, rule };
  }

  private deliveryContext(now: number) {
    return { now, baseUrl: this.deps.ctx.kernel.baseUrl, newId: randomUUID, handles: (c: string, k: Parameters<AlertChannels['handles']>[1]) => this.deps.channels.handles(c, k) };
  }

  async acknowledge(alertId: string, req: RequestContext, input: { comment: string; expiresInMinutes?: number }): Promise<Silence> {
    const { ctx, options } = this.deps;
    const { instance, rule } = await this.openAlert(alertId);
    const now = options.clock();
    const silence: Silence = {
      id: randomUUID(),
      instanceId: instance.id,
      fingerprint: instance.fingerprint,
      ruleId: rule.id,
      authorId: req.actor?.id ?? null,
      author: actorLabel(req),
      comment: input.comment,
      startsAt: now,
      expiresAt: now + (input.expiresInMinutes ?? options.acknowledgementMinutes) * 60_000,
      endedAt: null,
    };
    const episodeStart = instance.memory.firingSince!;
    await ctx.db.system().transactional(async (em) => {
      await bumpGeneration(ctx.db, em);
      await insertSilence(ctx.db, em, silence);
      await appendHistory(ctx.db, em, [
        {
          at: now, instanceId: instance.id, ruleId: rule.id, ruleName: rule.name, severity: rule.severity, fingerprint: instance.fingerprint, labels: instance.labels,
          tenantId: instance.tenantId, fromState: instance.memory.state, toState: instance.memory.state, event: 'acknowledged', value: instance.memory.value,
          threshold: rule.threshold, actor: silence.author, comment: silence.comment,
        },
      ]);
      await enqueueDeliveries(ctx.db, em, notificationDeliveries('acknowledged', rule, instance, { ...this.deliveryContext(now), episodeStart, occurrence: silence.id, silence }));
      const event: AlertLifecycleEvent = { action: 'acknowledged', alert: alertSummary(rule, instance, ctx.kernel.baseUrl), by: silence.author, at: new Date(now).toISOString() };
      await ctx.events.emitDurable(em, 'alerts.acknowledged', event as never);
      await req.audit({ action: 'alerts.alert.acknowledged', targetType: 'alerts.alert', targetId: instance.id, after: { comment: silence.comment, expiresAt: new Date(silence.expiresAt).toISOString() } }, em);
    });
    await this.deps.dispatcher.runOnce();
    return silence;
  }

  async resolve(alertId: string, req: RequestContext, input: { comment?: string }): Promise<AlertInstance> {
    const { ctx, options } = this.deps;
    const { instance, rule } = await this.openAlert(alertId);
    const now = options.clock();
    const by = actorLabel(req);
    const episodeStart = instance.memory.firingSince!;
    const step = resolveByHand(instance.memory, now);
    const resolved: AlertInstance = { ...instance, memory: step.next, resolvedAt: now, resolvedBy: by, mutedReason: null };
    await ctx.db.system().transactional(async (em) => {
      await bumpGeneration(ctx.db, em);
      await saveInstances(ctx.db, em, [resolved]);
      await endSilences(ctx.db, em, [instance.fingerprint], now);
      await appendHistory(ctx.db, em, [
        {
          at: now, instanceId: instance.id, ruleId: rule.id, ruleName: rule.name, severity: rule.severity, fingerprint: instance.fingerprint, labels: instance.labels,
          tenantId: instance.tenantId, fromState: instance.memory.state, toState: 'resolved', event: 'resolved', value: instance.memory.value,
          threshold: rule.threshold, actor: by, comment: input.comment ?? null,
        },
      ]);
      if (instance.notifiedAt !== null) await enqueueDeliveries(ctx.db, em, notificationDeliveries('resolved', rule, resolved, { ...this.deliveryContext(now), episodeStart }));
      const event: AlertLifecycleEvent = { action: 'resolved', alert: alertSummary(rule, resolved, ctx.kernel.baseUrl, episodeStart), by, at: new Date(now).toISOString() };
      await ctx.events.emitDurable(em, 'alerts.resolved', event as never);
      await req.audit({ action: 'alerts.alert.resolved', targetType: 'alerts.alert', targetId: instance.id, after: { comment: input.comment ?? null } }, em);
    });
    await this.deps.dispatcher.runOnce();
    return resolved;
  }
}
