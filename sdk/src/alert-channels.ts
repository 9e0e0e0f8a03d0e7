import type { TObject, Static } from '@sinclair/typebox';
import { defineExtensionPoint, type ExtensionPoint } from './plugin.ts';
import type { PluginContext, SettingsAccessor } from './context.ts';
import { Type } from './entity.ts';
import { resolveMonitorConfig, describeCheckFailure } from './monitors.ts';
import { runTimedAttempt, scrubSecrets, secretValuesOf } from './timed-attempt.ts';

/**
 * Alert channels: the contract between the `alerts` plugin (rules, evaluator, durable delivery) and
 * the plugins that know how to deliver a notification somewhere (Slack, email, a webhook, PagerDuty...).
 *
 * A channel plugin is a few lines:
 *
 * ```ts
 * const teams = defineAlertChannel({
 *   id: 'teams', name: 'Microsoft Teams',
 *   configSchema: Type.Object({ webhookUrl: Secret(Type.String({ pattern: '^https?://' })) }),
 *   send: (ctx, n) => postJson(ctx, ctx.config.webhookUrl, { text: describeAlert(n) }),
 * });
 *
 * export default definePlugin({
 *   name: 'alert-channel-teams', version: '1.0.0', kernel: '^0.1.0', dependsOn: ['alerts'],
 *   settings: alertChannelSettings(teams),
 *   boot: (ctx) => ctx.extensions.contribute(ALERT_CHANNELS, alertChannelRegistration(ctx, teams)),
 * });
 * ```
 *
 * The channel's configuration is its plugin's settings (`PUT /api/plugins/<plugin>/settings`, secrets
 * sealed by the kernel). The alerts plugin validates them against `configSchema` before each attempt,
 * records every attempt, and retries failed ones with exponential backoff; `send` only tries once and
 * says how it went. A rule names the channels it notifies by their `id`.
 */

export type AlertSeverity = 'critical' | 'warning' | 'info';

export const ALERT_SEVERITIES: readonly AlertSeverity[] = ['critical', 'warning', 'info'];

/** Higher is more severe. */
export function severityRank(severity: AlertSeverity): number {
  return severity === 'critical' ? 3 : severity === 'warning' ? 2 : 1;
}

/**
 * - `firing`: the alert started firing (or a muted one is no longer muted).
 * - `repeat`: still firing, repeat interval elapsed, not acknowledged.
 * - `acknowledged`: someone acknowledged it (a silence with author, comment and expiry).
 * - `resolved`: it recovered (past the recovery threshold), or someone resolved it.
 */
export type AlertNotificationKind = 'firing' | 'repeat' | 'acknowledged' | 'resolved';

export type AlertCondition = 'gt' | 'lt' | 'eq';

/** What a channel delivers. Everything a message needs is here; nothing has to be looked up. */
export interface AlertNotification {
  kind: AlertNotificationKind;
  /** Hash of the rule and the alert's sorted labels: stable for one alert, reused as PagerDuty `dedup_key`. */
  fingerprint: string;
  alertId: string;
  rule: {
    id: string;
    name: string;
    description: string | null;
    severity: AlertSeverity;
    metric: string;
    aggregation: string;
    condition: AlertCondition;
    threshold: number;
    component: string | null;
    runbookUrl: string | null;
  };
  /** The dimension values of this alert (route, monitor...), plus `tenant` for per-tenant alerts. */
  labels: Record<string, string>;
  /** The value of the last evaluation (null when there was no data). */
  value: number | null;
  threshold: number;
  /** ISO time the alert started firing. */
  startsAt: string;
  /** ISO time it resolved (resolved notifications). */
  endsAt: string | null;
  acknowledgement: { by: string; comment: string; expiresAt: string } | null;
  /** Console links: the alert, its rule, the metrics dashboard. */
  links: { alert: string; rule: string; dashboard: string };
  tenantId: string | null;
  /** One per notification and channel; the same on every retry (receivers can deduplicate on it). */
  deliveryId: string;
}

/** The outcome of one attempt. `retryable: false` ends the delivery (a 4xx that will never succeed). */
export interface AlertDeliveryResult {
  ok: boolean;
  retryable?: boolean;
  /** HTTP status or SMTP reply code, when there is one. */
  status?: number;
  /** What happened, for the attempt log (never secrets). */
  detail?: string;
}

export interface AlertChannelContext<C = Record<string, unknown>> {
  /** Validated configuration, defaults applied, secrets decrypted. */
  config: C;
  /** Aborted when the attempt's timeout elapses. */
  signal: AbortSignal;
  timeoutMs: number;
  /** `fetch` bound to `signal`. */
  fetch(input: string | URL, init?: RequestInit): Promise<Response>;
  /** 1 for the first attempt. */
  attempt: number;
}

export interface AlertChannelDefinition<S extends TObject = TObject> {
  /** kebab-case, unique; what a rule's `channels` lists. */
  id: string;
  name: string;
  description?: string;
  configSchema: S;
  /** Which notifications this channel sends; others are skipped. Default: firing, repeat, resolved. */
  handles?: AlertNotificationKind[];
  /** Per attempt; default 10 s. */
  timeoutMs?: number;
  send(ctx: AlertChannelContext<Static<S>>, notification: AlertNotification): Promise<AlertDeliveryResult>;
}

export const DEFAULT_CHANNEL_HANDLES: readonly AlertNotificationKind[] = ['firing', 'repeat', 'resolved'];
export const DEFAULT_CHANNEL_TIMEOUT_MS = 10_000;

const CHANNEL_ID = /^[a-z][a-z0-9-]{0,62}$/;

export function defineAlertChannel<S extends TObject>(definition: AlertChannelDefinition<S>): AlertChannelDefinition<S> {
  if (!CHANNEL_ID.test(definition.id)) throw new Error(`alert channel id "${definition.id}" must be kebab-case`);
  return definition;
}

export interface AlertChannelRegistration {
  channel: AlertChannelDefinition<any>;
  /** The contributing plugin's settings. */
  settings: SettingsAccessor;
  plugin: string;
}

/** Owned by the `alerts` plugin. Channel plugins (`dependsOn: ['alerts']`) contribute in `boot()`. */
export const ALERT_CHANNELS: ExtensionPoint<AlertChannelRegistration> = defineExtensionPoint<AlertChannelRegistration>('alerts.channels');

export function alertChannelRegistration(ctx: Pick<PluginContext, 'settings' | 'plugin'>, channel: AlertChannelDefinition<any>): AlertChannelRegistration {
  return { channel, settings: ctx.settings, plugin: ctx.plugin.name };
}

/** The settings schema of a channel plugin: the config schema with every field optional (saved piecemeal). */
export function alertChannelSettings(channel: AlertChannelDefinition<any>): TObject {
  return Type.Partial(channel.configSchema as TObject) as unknown as TObject;
}

/** Applies defaults and validates a channel's settings; `problem` names the first bad setting. */
export function resolveAlertChannelConfig<S extends TObject>(channel: AlertChannelDefinition<S>, values: Record<string, unknown>) {
  return resolveMonitorConfig(channel.configSchema, values);
}

// ---------------------------------------------------------------------------------------------
// Helpers for channel implementations
// ---------------------------------------------------------------------------------------------

/** 2xx ok; 408, 425, 429 and 5xx worth retrying; any other status final. */
export function classifyHttpStatus(status: number): AlertDeliveryResult {
  if (status >= 200 && status < 300) return { ok: true, status };
  const retryable = status === 408 || status === 425 || status === 429 || status >= 500;
  return { ok: false, retryable, status };
}

/** POSTs JSON and classifies the answer; network errors and timeouts are retryable. */
export async function postJson(ctx: Pick<AlertChannelContext, 'fetch' | 'signal' | 'timeoutMs'>, url: string, body: unknown, headers: Record<string, string> = {}): Promise<AlertDeliveryResult> {
  const text = JSON.stringify(body);
  return postBody(ctx, url, text, { 'content-type': 'application/json', ...headers });
}

/** POSTs a prepared body (e.g. one that was signed) and classifies the answer. */
export async function postBody(ctx: Pick<AlertChannelContext, 'fetch' | 'signal' | 'timeoutMs'>, url: string, body: string, headers: Record<string, string>): Promise<AlertDeliveryResult> {
  try {
    const response = await ctx.fetch(url, { method: 'POST', headers, body });
    const answer = (await response.text()).slice(0, 300);
    const result = classifyHttpStatus(response.status);
    return { ...result, detail: `HTTP ${response.status}${answer ? `: ${answer}` : ''}` };
  } catch (err) {
    return { ok: false, retryable: true, detail: describeCheckFailure(err, ctx.signal, ctx.timeoutMs) };
  }
}

const CONDITION_TEXT: Record<AlertCondition, string> = { gt: '>', lt: '<', eq: '=' };

export function formatMetricValue(value: number | null): string {
  if (value === null || !Number.isFinite(value)) return 'no data';
  if (Number.isInteger(value)) return String(value);
  return Math.abs(value) >= 100 ? value.toFixed(0) : Math.abs(value) >= 1 ? value.toFixed(2) : value.toPrecision(3);
}

export function formatLabels(labels: Record<string, string>): string {
  return Object.keys(labels)
    .sort()
    .map((k) => `${k}=${labels[k]}`)
    .join(', ');
}

/** `[FIRING] High error rate: error_rate(api_requests_total) 7.20 > 5 (route=/api/build)` */
export function describeAlert(n: AlertNotification): string {
  const head = n.kind === 'acknowledged' ? 'ACKNOWLEDGED' : n.kind === 'resolved' ? 'RESOLVED' : n.kind === 'repeat' ? 'STILL FIRING' : 'FIRING';
  const labels = formatLabels(n.labels);
  const condition =
    n.kind === 'resolved'
      ? `${n.rule.aggregation}(${n.rule.metric}) back to ${formatMetricValue(n.value)} (alerts when ${CONDITION_TEXT[n.rule.condition]} ${formatMetricValue(n.threshold)})`
      : describeCondition(n);
  return `[${head}] ${n.rule.name}: ${condition}${labels ? ` (${labels})` : ''}`;
}

/** `error_rate(api_requests_total) 7.20 > 5` */
export function describeCondition(n: Pick<AlertNotification, 'rule' | 'value' | 'threshold'>): string {
  return `${n.rule.aggregation}(${n.rule.metric}) ${formatMetricValue(n.value)} ${CONDITION_TEXT[n.rule.condition]} ${formatMetricValue(n.threshold)}`;
}

// ---------------------------------------------------------------------------------------------
// Running one attempt (the alerts plugin's dispatcher uses this; so can a channel's own tests)
// ---------------------------------------------------------------------------------------------

/**
 * One delivery attempt: validates the settings against the channel's schema (a missing setting is a
 * retryable "not configured"), runs `send` with the channel's timeout (not waiting for a send that
 * ignores its signal), turns a throw into a retryable failure, and removes secret settings from `detail`.
 */
export async function attemptAlertDelivery(
  channel: AlertChannelDefinition<any>,
  settings: Record<string, unknown>,
  notification: AlertNotification,
  attempt = 1,
): Promise<AlertDeliveryResult> {
  const resolved = resolveAlertChannelConfig(channel, settings);
  if (!resolved.ok) return { ok: false, retryable: true, detail: `not configured: ${resolved.problem}` };
  const config = resolved.config as Record<string, unknown>;
  const secrets = secretValuesOf(channel.configSchema, config);
  const timeoutMs = channel.timeoutMs ?? DEFAULT_CHANNEL_TIMEOUT_MS;
  const outcome = await runTimedAttempt(timeoutMs, (a) => channel.send({ config, attempt, ...a }, notification));
  if (!outcome.ok) return { ok: false, retryable: true, detail: scrubSecrets(outcome.description, secrets) };
  const result = outcome.value;
  return { ...result, detail: result.detail === undefined ? undefined : scrubSecrets(result.detail, secrets).slice(0, 500) };
}

/** A realistic notification, for channel tests and the console's "send a test notification". */
export function exampleAlertNotification(overrides: Partial<AlertNotification> = {}): AlertNotification {
  return {
    kind: 'firing',
    fingerprint: '0f3c9a7e5b2d4c1a8e6f0b9d7c5a3e1f',
    alertId: '00000000-0000-4000-8000-000000000001',
    rule: {
      id: '00000000-0000-4000-8000-000000000002',
      name: 'High API error rate',
      description: 'More than 5% of API requests fail with a 5xx',
      severity: 'critical',
      metric: 'api_requests_total',
      aggregation: 'error_rate',
      condition: 'gt',
      threshold: 5,
      component: 'api',
      runbookUrl: null,
    },
    labels: { route: '/api/build' },
    value: 7.2,
    threshold: 5,
    startsAt: '2026-01-08T14:32:00.000Z',
    endsAt: null,
    acknowledgement: null,
    links: { alert: 'http://localhost:3000/alerts/active/00000000-0000-4000-8000-000000000001/show', rule: 'http://localhost:3000/alerts/rules/00000000-0000-4000-8000-000000000002', dashboard: 'http://localhost:3000/system-health' },
    tenantId: null,
    deliveryId: '00000000-0000-4000-8000-000000000003',
    ...overrides,
  };
}
