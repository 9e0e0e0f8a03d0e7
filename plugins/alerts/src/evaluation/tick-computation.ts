import { maintenanceAffects, type ActiveMaintenanceWindow } from '@platform/sdk/maintenance';
import { type AlertLifecycleEvent } from '@platform/sdk/alerts';
import { type AlertNotificationKind } from '@platform/sdk/alert-channels';
import { type MetricSeries, type MetricWindowRollup } from '@platform/sdk/metrics';
import type { AlertRule } from '../rules/alert-rule-entity.ts';
import { tenantOfLabels, type AlertInstance } from '../instances/alert-instance.ts';
import type { HistoryEntry } from '../instances/history-store.ts';
import type { Silence } from '../silences/silence-store.ts';
import type { NewDelivery } from '../delivery/delivery-store.ts';
import { advanceAlert, isOpen, resolveByHand, type AlertStep, type AlertTiming, type Observation } from './alert-state-machine.ts';
import { fingerprintOfKey, labelKey } from './alert-fingerprint.ts';
import { breaches } from './alert-condition.ts';
import { baseLabels, vanishedObservation, type LabelledObservation } from './rule-observations.ts';
import { SharedObservations } from './shared-observations.ts';
import { InhibitionIndex, type InhibitionSubject } from '../muting/inhibition.ts';
import { planNotification } from '../notifications/notification-plan.ts';
import { notificationDeliveries } from '../notifications/notification-deliveries.ts';
import { alertSummary } from '../notifications/alert-summary.ts';

/** A firing alert that can inhibit others, and the name of its rule. */
export type InhibitionSource = InhibitionSubject & { ruleName: string };

/** Everything one evaluation reads. */
export interface TickSnapshot {
  /** The rules evaluated: all of them on a tick, those of some metrics on a fast-path evaluation. */
  rules: AlertRule[];
  /** The alerts of those rules. */
  instances: AlertInstance[];
  silences: Map<string, Silence>;
  maintenance: ActiveMaintenanceWindow[];
  /** Each rule's metric window (`MetricsReader.windowRollups`); null when reading them failed. */
  windows: MetricWindowRollup[] | null;
  seriesError: string | null;
  /** Firing alerts of rules not evaluated now, which still inhibit (a fast-path evaluation of some rules). */
  standingInhibitors?: InhibitionSource[];
}

export interface TickEnvironment {
  now: number;
  baseUrl: string;
  handles(channel: string, kind: AlertNotificationKind): boolean;
  newId(): string;
  resolvedRetentionMs: number;
}

export interface AlertEventOut {
  name: 'alerts.fired' | 'alerts.resolved';
  payload: AlertLifecycleEvent;
}

/** Everything one evaluation writes. */
export interface TickOutcome {
  save: AlertInstance[];
  remove: string[];
  history: HistoryEntry[];
  deliveries: NewDelivery[];
  events: AlertEventOut[];
  /** Alerts that resolved: their acknowledgements end. */
  resolvedFingerprints: string[];
  counts: { rules: number; alerts: number; fired: number; resolved: number; notifications: number };
}

interface Evaluated {
  rule: AlertRule;
  prev: AlertInstance | null;
  fingerprint: string;
  labels: Record<string, string>;
  step: AlertStep;
  actor: string | null;
}

export function timingOf(rule: AlertRule): AlertTiming {
  return {
    condition: rule.condition,
    threshold: rule.threshold,
    recoveryThreshold: rule.recoveryThreshold,
    forMs: rule.forMinutes * 60_000,
    keepFiringForMs: rule.keepFiringForMinutes * 60_000,
  };
}

function errorObservations(rule: AlertRule, snapshot: TickSnapshot, existing: AlertInstance[]): LabelledObservation[] {
  const error: Observation = { kind: 'error', message: snapshot.seriesError ?? 'metrics unavailable' };
  if (existing.length) return existing.map((i) => ({ labels: i.labels, observation: error }));
  return rule.groupBy.length ? [] : [{ labels: baseLabels(rule), observation: error }];
}

function sharedObservations(windows: readonly MetricWindowRollup[]): SharedObservations {
  const byWindow = new Map<string, MetricSeries[]>();
  for (const w of windows) byWindow.set(`${w.minutes}|${w.metric}`, w.series);
  return new SharedObservations((metric, minutes) => byWindow.get(`${minutes}|${metric}`) ?? []);
}

/**
 * Runs every rule's alerts through the state machine: the pure heart of an evaluation. Observations are
 * shared between rules that see the same view; an alert is found by its label key, and a label set with
 * no alert that does not breach is passed over at once (it would stay normal), so a tick pays the state
 * machine and the fingerprint hash only for alerts that exist or breach.
 */
function evaluateRules(snapshot: TickSnapshot, now: number): Evaluated[] {
  const observations = snapshot.windows ? sharedObservations(snapshot.windows) : null;
  const instancesByRule = new Map<string, AlertInstance[]>();
  for (const i of snapshot.instances) {
    const list = instancesByRule.get(i.ruleId);
    if (list) list.push(i);
    else instancesByRule.set(i.ruleId, [i]);
  }
  const out: Evaluated[] = [];
  for (const rule of snapshot.rules) {
    const existing = instancesByRule.get(rule.id) ?? [];
    if (!rule.enabled) {
      for (const prev of existing) {
        if (isOpen(prev.memory)) out.push({ rule, prev, fingerprint: prev.fingerprint, labels: prev.labels, step: resolveByHand(prev.memory, now), actor: 'rule disabled' });
        else if (prev.memory.state !== 'resolved') out.push({ rule, prev, fingerprint: prev.fingerprint, labels: prev.labels, step: { next: { ...prev.memory, state: 'normal', stateSince: now }, transition: null }, actor: null });
      }
      continue;
    }
    const timing = timingOf(rule);
    const byKey = new Map(existing.map((i) => [labelKey(i.labels), i]));
    const seen = new Set<string>();
    const observed = observations ? observations.of(rule) : errorObservations(rule, snapshot, existing).map((o) => ({ ...o, key: labelKey(o.labels) }));
    for (const o of observed) {
      const prev = byKey.get(o.key) ?? null;
      if (prev) seen.add(prev.id);
      else if (o.observation.kind === 'value' && !breaches(o.observation.value, rule.condition, rule.threshold)) continue;
      const step = advanceAlert(prev?.memory ?? null, o.observation, timing, now);
      if (!prev && step.next.state === 'normal') continue;
      out.push({ rule, prev, fingerprint: prev?.fingerprint ?? fingerprintOfKey(rule.id, o.key), labels: o.labels, step, actor: null });
    }
    for (const prev of existing) {
      if (seen.has(prev.id)) continue;
      if (!isOpen(prev.memory) && prev.memory.state === 'resolved') continue;
      const step: AlertStep =
        !isOpen(prev.memory) && rule.groupBy.length > 0
          ? { next: { ...prev.memory, state: 'normal', stateSince: now, pendingSince: null }, transition: null }
          : advanceAlert(prev.memory, vanishedObservation(rule.aggregation), timing, now);
      out.push({ rule, prev, fingerprint: prev.fingerprint, labels: prev.labels, step, actor: null });
    }
  }
  return out;
}

/** Stored firing alerts as inhibition sources (those of rules a fast-path evaluation does not look at). */
export function standingInhibitors(instances: readonly AlertInstance[], rules: readonly AlertRule[]): InhibitionSource[] {
  const byId = new Map(rules.map((r) => [r.id, r]));
  const out: InhibitionSource[] = [];
  for (const i of instances) {
    const rule = byId.get(i.ruleId);
    if (!rule || !rule.enabled || i.memory.state !== 'firing') continue;
    out.push({ fingerprint: i.fingerprint, severity: rule.severity, component: rule.component, labels: i.labels, tenantId: i.tenantId ?? rule.tenantFilter, firing: true, ruleName: rule.name });
  }
  return out;
}

function subjectOf(e: Evaluated): InhibitionSource {
  return {
    fingerprint: e.fingerprint,
    severity: e.rule.severity,
    component: e.rule.component,
    labels: e.labels,
    tenantId: tenantOfLabels(e.labels) ?? e.rule.tenantFilter,
    firing: e.step.next.state === 'firing',
    ruleName: e.rule.name,
  };
}

/**
 * One evaluation, pure: state machine per alert, mutes (inhibition by a firing critical, maintenance
 * windows), acknowledgements, which notifications to queue per channel, history and lifecycle events.
 */
export function computeTick(snapshot: TickSnapshot, env: TickEnvironment): TickOutcome {
  const { now } = env;
  const evaluated = evaluateRules(snapshot, now);
  const inhibition = new InhibitionIndex([...evaluated.filter((e) => e.step.next.state === 'firing').map(subjectOf), ...(snapshot.standingInhibitors ?? [])]);
  const outcome: TickOutcome = { save: [], remove: [], history: [], deliveries: [], events: [], resolvedFingerprints: [], counts: { rules: snapshot.rules.length, alerts: evaluated.length, fired: 0, resolved: 0, notifications: 0 } };

  for (const e of evaluated) {
    const { rule, prev, step, labels, fingerprint } = e;
    const next = step.next;
    const open = isOpen(next);
    const tenantId = tenantOfLabels(labels) ?? rule.tenantFilter;
    let mutedReason: string | null = null;
    if (open) {
      const subject = subjectOf(e);
      const inhibitor = inhibition.inhibitorOf(subject);
      const window = snapshot.maintenance.find((w) => maintenanceAffects(w, { component: rule.component, labels, tenantId }));
      mutedReason = inhibitor ? `inhibited by "${inhibitor.ruleName}"` : window ? `maintenance: ${window.title}` : null;
    }
    const newEpisode = step.transition === 'fired';
    const episodeStart = next.firingSince ?? prev?.memory.firingSince ?? now;
    const instance: AlertInstance = {
      id: prev?.id ?? env.newId(),
      ruleId: rule.id,
      fingerprint,
      labels,
      tenantId,
      memory: next,
      notifiedAt: newEpisode ? null : prev?.notifiedAt ?? null,
      lastNotifiedAt: newEpisode ? null : prev?.lastNotifiedAt ?? null,
      mutedReason,
      resolvedAt: step.transition === 'resolved' ? now : newEpisode ? null : prev?.resolvedAt ?? null,
      resolvedBy: step.transition === 'resolved' ? e.actor ?? 'evaluator' : newEpisode ? null : prev?.resolvedBy ?? null,
      lastEvaluatedAt: now,
    };

    const plan = planNotification({
      state: next.state,
      open,
      transition: step.transition,
      notifiedAt: instance.notifiedAt,
      lastNotifiedAt: instance.lastNotifiedAt,
      muted: mutedReason !== null,
      silenced: snapshot.silences.has(fingerprint),
      repeatIntervalMs: rule.repeatIntervalMinutes * 60_000,
      now,
    });
    if (plan) {
      const deliveries = notificationDeliveries(plan, rule, instance, { ...env, episodeStart, occurrence: plan === 'repeat' ? String(now) : undefined, silence: snapshot.silences.get(fingerprint) });
      outcome.deliveries.push(...deliveries);
      outcome.counts.notifications += deliveries.filter((d) => d.status === 'pending').length;
      if (plan === 'firing') instance.notifiedAt = now;
      instance.lastNotifiedAt = now;
    }

    const prevState = prev?.memory.state ?? 'normal';
    if (prevState !== next.state || step.transition) {
      outcome.history.push({
        at: now, instanceId: instance.id, ruleId: rule.id, ruleName: rule.name, severity: rule.severity, fingerprint, labels, tenantId,
        fromState: prevState, toState: next.state, event: step.transition ?? next.state, value: next.value, threshold: rule.threshold, actor: e.actor, comment: null,
      });
    }
    if (step.transition) {
      const action = step.transition === 'fired' ? 'fired' : 'resolved';
      outcome.events.push({ name: `alerts.${action}`, payload: { action, alert: alertSummary(rule, instance, env.baseUrl, episodeStart), by: e.actor, at: new Date(now).toISOString() } });
      if (step.transition === 'fired') outcome.counts.fired++;
      else {
        outcome.counts.resolved++;
        outcome.resolvedFingerprints.push(fingerprint);
      }
    }

    if (next.state === 'normal' && !open) {
      if (prev) outcome.remove.push(prev.id);
    } else outcome.save.push(instance);
  }

  const saved = new Set(outcome.save.map((s) => s.id));
  for (const i of snapshot.instances) {
    if (i.memory.state === 'resolved' && i.resolvedAt !== null && now - i.resolvedAt > env.resolvedRetentionMs && !saved.has(i.id)) outcome.remove.push(i.id);
  }
  return outcome;
}
