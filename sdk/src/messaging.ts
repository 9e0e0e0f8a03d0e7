import type { EntityManager } from '@mikro-orm/core';
import type { TObject, Static } from '@sinclair/typebox';
import { defineExtensionPoint, type ExtensionPoint } from './plugin.ts';
import { resolveMonitorConfig } from './monitors.ts';
import { runTimedAttempt, scrubSecrets, secretValuesOf } from './timed-attempt.ts';

/**
 * Messaging: the contract between the `messaging` plugin (provider configurations, tenant assignments and
 * failover, the SMS credit ledger, templates, the notification worker, delivery records) and the plugins
 * that know how to hand a message to one SMS or email provider (Twilio, Termii, SMTP, Resend, SendGrid,
 * Mailgun, SES...).
 *
 * A provider plugin is a few lines:
 *
 * ```ts
 * const acme = defineSmsProvider({
 *   id: 'acme-sms', name: 'Acme SMS',
 *   configSchema: Type.Object({ baseUrl: Type.String({ default: 'https://api.acme.test' }), apiKey: Secret(Type.String({ minLength: 1 })) }),
 *   async send(ctx, msg) {
 *     const res = await ctx.fetch(`${ctx.config.baseUrl}/sms`, { method: 'POST', headers: { authorization: `Bearer ${ctx.config.apiKey}` },
 *       body: JSON.stringify({ to: msg.to, text: msg.body, reference: ctx.idempotencyKey }) });
 *     if (!res.ok) throw await providerErrorFromResponse(res);
 *     const body = await res.json();
 *     return { providerMessageId: body.id, status: 'sent' };
 *   },
 *   parseStatusCallback(req, ctx) { ...check req's signature with ctx.config, or throw new CallbackSignatureError()... },
 * });
 * export default defineSmsProviderPlugin(acme, { version: '1.0.0', kernel: '^0.1.0' });
 * ```
 *
 * Configurations are not plugin settings: the messaging plugin keeps any number of configurations per
 * provider (say, two Twilio accounts), with `Secret()` fields sealed by the kernel, assigns them to tenants
 * in a priority order, and fails over to the next one when `send` throws a {@link ProviderError} whose
 * `kind` is `unavailable`, `timeout` or `auth`. A `rejected` message (a number the provider refuses) is
 * not retried elsewhere: its credit reservation is refunded and the message is marked failed.
 */

export type MessageChannel = 'sms' | 'email';

/** What the messaging plugin asks an SMS provider to send. Validated before: `to` is E.164. */
export interface SmsMessage {
  /** The platform's message id (uuid); stable across retries and failover. */
  id: string;
  tenantId: string | null;
  /** E.164, e.g. `+447700900123`. */
  to: string;
  /** Sender id or number; the configuration's default when absent. */
  from?: string;
  body: string;
  /** Segments as counted by {@link countSmsSegments} (GSM-7 or UCS-2). */
  segments: number;
}

export interface EmailAddress {
  email: string;
  name?: string;
}

/** What the messaging plugin asks an email provider to send. Validated before: addresses are valid. */
export interface EmailMessage {
  id: string;
  tenantId: string | null;
  to: EmailAddress[];
  /** The configuration's default sender when absent. */
  from?: EmailAddress;
  replyTo?: EmailAddress;
  subject: string;
  /** CSS already inlined. */
  html?: string;
  /** Always present (generated from `html` when a template has none). */
  text: string;
  /** Extra headers; providers map them as their API allows. */
  headers?: Record<string, string>;
  /** Short key/value tags the provider echoes back in its events (`message_id` is always added). */
  tags?: Record<string, string>;
}

/**
 * - `queued`/`sent`: accepted; the provider will report further;
 * - `delivered`: the handset or the receiving mail server took it;
 * - `failed`/`undelivered`: it will not arrive;
 * - `bounced`, `complained`, `opened`: email events.
 */
export type DeliveryStatus = 'queued' | 'sent' | 'delivered' | 'failed' | 'undelivered' | 'bounced' | 'complained' | 'opened';

/**
 * What a provider charged, in integers (never a float): `amountMinor` in minor units of the ISO-4217 currency, and
 * when the provider quotes finer than a minor unit (SMS prices are often fractions of a cent), `amountMicros`, the
 * exact amount in millionths of the currency's major unit (0.0075 USD is 7,500), with `amountMinor` that amount
 * rounded up to a minor unit. Messaging keeps the micros and sums them before rounding in its reports.
 */
export interface ProviderCost {
  amountMinor: number;
  currency: string;
  amountMicros?: number;
}

export interface ProviderSendResult {
  providerMessageId: string;
  status: 'queued' | 'sent' | 'delivered';
  /** What the provider says it counted (SMS), when it says. */
  segments?: number;
  cost?: ProviderCost;
}

/**
 * Why a send failed:
 * - `auth`: credentials refused (401/403) — fail over, and tell the operator;
 * - `unavailable`: 5xx, 429, connection refused/reset — fail over;
 * - `timeout`: no answer in time — fail over (see the README's note on the double-send window);
 * - `rejected`: the provider refuses this message (bad number, blocked recipient) — final, no failover.
 */
export type ProviderFailureKind = 'auth' | 'unavailable' | 'timeout' | 'rejected';

export class ProviderError extends Error {
  override readonly name = 'ProviderError';
  constructor(
    readonly kind: ProviderFailureKind,
    message: string,
    /** HTTP status or SMTP reply code, when there is one. */
    readonly status?: number,
    /** The provider's own error code, when it gives one. */
    readonly providerCode?: string,
  ) {
    super(message);
  }

  /** Whether the next provider in the tenant's order should take the message. */
  get failover(): boolean {
    return this.kind !== 'rejected';
  }
}

/** 401/403 auth; 408/425/429/5xx unavailable; other 4xx rejected. */
export function classifyProviderStatus(status: number): ProviderFailureKind {
  if (status === 401 || status === 403) return 'auth';
  if (status === 408 || status === 425 || status === 429 || status >= 500) return 'unavailable';
  return 'rejected';
}

/** A {@link ProviderError} from a non-2xx answer, with the start of its body as the message. */
export async function providerErrorFromResponse(response: Response, providerCode?: string): Promise<ProviderError> {
  const text = (await response.text().catch(() => '')).slice(0, 300);
  return new ProviderError(classifyProviderStatus(response.status), `HTTP ${response.status}${text ? `: ${text}` : ''}`, response.status, providerCode);
}

/** Thrown by a callback parser when the signature is missing or wrong: the messaging plugin answers 401. */
export class CallbackSignatureError extends Error {
  override readonly name = 'CallbackSignatureError';
  constructor(message = 'The callback signature is missing or does not match') {
    super(message);
  }
}

/** A provider's callback (status callback, event webhook) as it arrived, for parsing and signature checks. */
export interface ProviderCallbackRequest {
  method: string;
  /** The full public URL the provider called, as it would have signed it (scheme, host, path and query). */
  url: string;
  /** Lower-cased header names. */
  headers: Record<string, string | undefined>;
  /** The exact bytes received: signatures are computed over these. */
  rawBody: Buffer;
}

/** One status change a provider reported. */
export interface DeliveryUpdate {
  providerMessageId: string;
  status: DeliveryStatus;
  /** When the provider says it happened (ISO); the arrival time when absent. */
  at?: string;
  /** The provider's reason or error code for failures and bounces. */
  reason?: string;
  /** The recipient, for email events that carry one. */
  recipient?: string;
}

export interface ProviderContext<C = Record<string, unknown>> {
  /** The configuration's validated values, defaults applied, secrets decrypted. */
  config: C;
  /** Aborted when the attempt's timeout elapses. */
  signal: AbortSignal;
  timeoutMs: number;
  /** `fetch` bound to `signal`. */
  fetch(input: string | URL, init?: RequestInit): Promise<Response>;
  /**
   * Stable per message: send it as the provider's idempotency key where the API has one, so that a retry
   * after a crash between the provider's acceptance and our database write does not send twice.
   */
  idempotencyKey: string;
  /** Public URL where this configuration's status callbacks / events arrive (give it to the provider). */
  callbackUrl: string;
}

/** What a callback parser gets: the configuration (for its signing secret) and the public callback URL. */
export interface CallbackContext<C = Record<string, unknown>> {
  config: C;
  callbackUrl: string;
}

interface ProviderDefinitionBase<S extends TObject> {
  /** kebab-case, unique among providers of its channel. */
  id: string;
  name: string;
  description?: string;
  /** Mark credentials with `Secret()`; include `baseUrl` with the provider's public default. */
  configSchema: S;
  /** Per attempt; default 10 s. */
  timeoutMs?: number;
  /**
   * The console's "test connection": a cheap authenticated call (fetch the account, verify SMTP).
   * Throw a {@link ProviderError} when it fails. Absent: the connection cannot be tested.
   */
  testConnection?(ctx: ProviderContext<Static<S>>): Promise<{ detail?: string }>;
}

export interface SmsProviderDefinition<S extends TObject = TObject> extends ProviderDefinitionBase<S> {
  send(ctx: ProviderContext<Static<S>>, message: SmsMessage): Promise<ProviderSendResult>;
  /** Checks the signature (throw {@link CallbackSignatureError}) and returns the updates it reports. */
  parseStatusCallback(request: ProviderCallbackRequest, ctx: CallbackContext<Static<S>>): DeliveryUpdate[] | Promise<DeliveryUpdate[]>;
}

export interface EmailProviderDefinition<S extends TObject = TObject> extends ProviderDefinitionBase<S> {
  send(ctx: ProviderContext<Static<S>>, message: EmailMessage): Promise<ProviderSendResult>;
  /**
   * Checks the signature (throw {@link CallbackSignatureError}) and returns the events it reports:
   * delivered, bounced, complained, opened where the provider reports them. Absent (SMTP): no events.
   */
  parseEvents?(request: ProviderCallbackRequest, ctx: CallbackContext<Static<S>>): DeliveryUpdate[] | Promise<DeliveryUpdate[]>;
}

export type MessageProviderDefinition = SmsProviderDefinition<any> | EmailProviderDefinition<any>;

export const DEFAULT_PROVIDER_TIMEOUT_MS = 10_000;

const PROVIDER_ID = /^[a-z][a-z0-9-]{0,62}$/;

export function defineSmsProvider<S extends TObject>(definition: SmsProviderDefinition<S>): SmsProviderDefinition<S> {
  if (!PROVIDER_ID.test(definition.id)) throw new Error(`SMS provider id "${definition.id}" must be kebab-case`);
  return definition;
}

export function defineEmailProvider<S extends TObject>(definition: EmailProviderDefinition<S>): EmailProviderDefinition<S> {
  if (!PROVIDER_ID.test(definition.id)) throw new Error(`email provider id "${definition.id}" must be kebab-case`);
  return definition;
}

export interface SmsProviderRegistration {
  provider: SmsProviderDefinition<any>;
  plugin: string;
}

export interface EmailProviderRegistration {
  provider: EmailProviderDefinition<any>;
  plugin: string;
}

/** Owned by the `messaging` plugin. SMS provider plugins (`dependsOn: ['messaging']`) contribute in `boot()`. */
export const SMS_PROVIDERS: ExtensionPoint<SmsProviderRegistration> = defineExtensionPoint<SmsProviderRegistration>('messaging.sms-providers');
/** Owned by the `messaging` plugin. Email provider plugins (`dependsOn: ['messaging']`) contribute in `boot()`. */
export const EMAIL_PROVIDERS: ExtensionPoint<EmailProviderRegistration> = defineExtensionPoint<EmailProviderRegistration>('messaging.email-providers');

/** Applies defaults and validates a configuration; `problem` names the first bad field. */
export function resolveProviderConfig<S extends TObject>(provider: { configSchema: S }, values: Record<string, unknown>) {
  return resolveMonitorConfig(provider.configSchema, values);
}

// ---------------------------------------------------------------------------------------------
// Running one attempt (the messaging plugin uses this; so can a provider's own tests)
// ---------------------------------------------------------------------------------------------

/** The outcome of one attempt with one configuration. */
export type ProviderAttempt = { ok: true; result: ProviderSendResult } | { ok: false; error: ProviderError };

export interface ProviderAttemptOptions {
  idempotencyKey: string;
  callbackUrl: string;
  /** Overrides the provider's timeout. */
  timeoutMs?: number;
}

/**
 * Runs `body` once with a provider's context: validates `settings` against the provider's schema (a bad
 * configuration is an `auth` failure), runs it under the timeout (the provider's, or `options.timeoutMs`; the
 * attempt settles at once even when `body` ignores its signal), turns any throw into a {@link ProviderError}
 * (a timeout is `timeout`, a network error `unavailable`) and removes the configuration's secret values from
 * the error's message. Never throws. Shared by every provider extension point (messaging, payments).
 */
export async function runWithProviderContext<S extends TObject, T>(
  provider: { configSchema: S; timeoutMs?: number },
  settings: Record<string, unknown>,
  options: ProviderAttemptOptions,
  body: (ctx: ProviderContext<Static<S>>) => Promise<T>,
): Promise<{ ok: true; value: T } | { ok: false; error: ProviderError }> {
  const resolved = resolveProviderConfig(provider, settings);
  if (!resolved.ok) return { ok: false, error: new ProviderError('auth', `not configured: ${resolved.problem}`) };
  const config = resolved.config as Record<string, unknown>;
  const secrets = secretValuesOf(provider.configSchema, config);
  const timeoutMs = options.timeoutMs ?? provider.timeoutMs ?? DEFAULT_PROVIDER_TIMEOUT_MS;
  const outcome = await runTimedAttempt(timeoutMs, (a) => body({ config: config as Static<S>, idempotencyKey: options.idempotencyKey, callbackUrl: options.callbackUrl, ...a }));
  if (outcome.ok) return outcome;
  const err = outcome.error;
  if (err instanceof ProviderError) return { ok: false, error: new ProviderError(err.kind, scrubSecrets(err.message, secrets).slice(0, 500), err.status, err.providerCode) };
  return { ok: false, error: new ProviderError(outcome.timedOut ? 'timeout' : 'unavailable', scrubSecrets(outcome.description, secrets).slice(0, 500)) };
}

/**
 * One send attempt with one configuration: validates the settings (a bad configuration is an `auth`
 * failure, so the next provider takes the message), runs `send` under the timeout (not waiting for one
 * that ignores its signal), turns any throw into a {@link ProviderError} (a timeout is `timeout`, a network
 * error `unavailable`), and removes secret values from the error's message.
 */
export async function attemptProviderSend(
  provider: SmsProviderDefinition<any> | EmailProviderDefinition<any>,
  settings: Record<string, unknown>,
  message: SmsMessage | EmailMessage,
  options: ProviderAttemptOptions,
): Promise<ProviderAttempt> {
  const outcome = await runWithProviderContext(provider, settings, options, (ctx) => (provider.send as (c: ProviderContext<any>, m: unknown) => Promise<ProviderSendResult>)(ctx, message));
  return outcome.ok ? { ok: true, result: outcome.value } : outcome;
}

/** The console's "test connection" with one configuration. */
export async function attemptProviderConnectionTest(
  provider: SmsProviderDefinition<any> | EmailProviderDefinition<any>,
  settings: Record<string, unknown>,
  options: ProviderAttemptOptions,
): Promise<{ ok: true; detail?: string } | { ok: false; error: ProviderError }> {
  const test = provider.testConnection;
  if (!test) return { ok: false, error: new ProviderError('rejected', 'This provider cannot test its connection') };
  const outcome = await runWithProviderContext(provider, settings, options, (ctx) => test(ctx));
  return outcome.ok ? { ok: true, detail: outcome.value.detail } : outcome;
}

// ---------------------------------------------------------------------------------------------
// SMS segments, as the providers count them
// ---------------------------------------------------------------------------------------------

const GSM7_BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\u001bÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
/** Characters of the GSM-7 extension table: each takes two septets (escape + char). */
const GSM7_EXTENDED = '\f^{}\\[~]|€';
const GSM7_BASIC_SET = new Set(GSM7_BASIC);
const GSM7_EXTENDED_SET = new Set(GSM7_EXTENDED);

export interface SmsSegmentCount {
  encoding: 'GSM-7' | 'UCS-2';
  /** Septets (GSM-7) or UTF-16 code units (UCS-2). */
  units: number;
  segments: number;
  /** Units per segment for this message (160/153 GSM-7, 70/67 UCS-2). */
  perSegment: number;
  /** Units left before one more segment is needed. */
  remaining: number;
}

/**
 * How Twilio, Termii and the carriers count: GSM-7 when every character is in the GSM 03.38 basic or
 * extension table (extension characters count twice), otherwise UCS-2 in UTF-16 code units (an emoji is 2).
 * One segment holds 160 septets / 70 units; a concatenated message 153 / 67 per segment (the UDH takes the
 * rest), and a UCS-2 surrogate pair or a GSM-7 escape pair is never split across segments.
 */
export function countSmsSegments(text: string): SmsSegmentCount {
  let gsm = true;
  let septets = 0;
  for (const ch of text) {
    if (GSM7_BASIC_SET.has(ch)) septets += 1;
    else if (GSM7_EXTENDED_SET.has(ch)) septets += 2;
    else {
      gsm = false;
      break;
    }
  }
  if (gsm) return segmentsOf('GSM-7', septets, 160, 153, [...text].map((ch) => (GSM7_EXTENDED_SET.has(ch) ? 2 : 1)));
  const unitSizes = [...text].map((ch) => ch.length);
  return segmentsOf('UCS-2', text.length, 70, 67, unitSizes);
}

function segmentsOf(encoding: SmsSegmentCount['encoding'], units: number, single: number, multi: number, charSizes: number[]): SmsSegmentCount {
  if (units <= single) return { encoding, units, segments: units === 0 ? 0 : 1, perSegment: single, remaining: single - units };
  let segments = 1;
  let used = 0;
  for (const size of charSizes) {
    if (used + size > multi) {
      segments += 1;
      used = 0;
    }
    used += size;
  }
  return { encoding, units, segments, perSegment: multi, remaining: multi - used };
}

// ---------------------------------------------------------------------------------------------
// Sending from other plugins (billing, onboarding, GDPR, alert-channel-sms...)
// ---------------------------------------------------------------------------------------------

/**
 * A platform template another plugin ships (support's auto-replies, onboarding's invitations...): the messaging
 * plugin seeds each once per database, as its own defaults, so operators and tenants can edit or override it.
 * Variables are strict: every `{{name}}` a part uses must be declared.
 */
export interface DefaultMessageTemplate {
  /** Prefixed with the contributing plugin's name, e.g. `support.ticket_received`. */
  key: string;
  channel: MessageChannel;
  description: string;
  defaultLanguage: string;
  variables: { name: string; type: 'string' | 'number' | 'boolean' | 'date' | 'list' | 'object'; required: boolean; sample?: unknown; description?: string }[];
  content: { subject?: string; html?: string; text?: string; body?: string; partials?: Record<string, string> };
}

/** Owned by the `messaging` plugin: contribute {@link DefaultMessageTemplate}s in `register()`. */
export const MESSAGE_TEMPLATE_DEFAULTS: ExtensionPoint<DefaultMessageTemplate> = defineExtensionPoint<DefaultMessageTemplate>('messaging.template-defaults');

/** DI key of the {@link MessageSender}: `ctx.resolve<MessageSender>(MESSAGING_SERVICE)` with `dependsOn: ['messaging']`. */
export const MESSAGING_SERVICE = 'messaging';

/** Render a platform (or the tenant's overriding) template by key. */
export interface TemplateContent {
  template: string;
  data?: Record<string, unknown>;
  /** BCP 47; falls back to the tenant's language, then the template's default. */
  language?: string;
}

/** Or give the content directly. */
export interface DirectSmsContent {
  body: string;
}

export interface DirectEmailContent {
  subject: string;
  html?: string;
  text?: string;
}

export type SendMessageRequest =
  | ({ channel: 'sms'; tenantId: string | null; to: string; from?: string } & (TemplateContent | DirectSmsContent) & SendOptions)
  | ({ channel: 'email'; tenantId: string | null; to: string | EmailAddress | (string | EmailAddress)[]; from?: EmailAddress; replyTo?: EmailAddress } & (TemplateContent | DirectEmailContent) & SendOptions);

export interface SendOptions {
  /** The same key (per tenant) sends once, ever: a second call returns the first message. */
  idempotencyKey?: string;
  /** Why it is sent (`invoice`, `invitation`, `alert`...), for analytics and the delivery log. */
  purpose?: string;
  /** When false, the message is queued and sent by the worker; default true (sent before returning). */
  wait?: boolean;
}

export interface MessageReceipt {
  id: string;
  status: 'queued' | 'sent' | 'delivered' | 'failed';
  channel: MessageChannel;
  /** The provider configuration that took it, when sent. */
  providerConfigId: string | null;
  providerMessageId: string | null;
  /** For failures: why. */
  error: string | null;
}

/**
 * Provided by the `messaging` plugin. Validates (400 naming the field for a bad number, address or
 * template variable), reserves SMS credits (402 `insufficient_credits`), sends through the tenant's
 * providers in priority order with failover, and records the message.
 */
export interface MessageSender {
  send(request: SendMessageRequest): Promise<MessageReceipt>;
}

// ---------------------------------------------------------------------------------------------
// Credits bought elsewhere (marketplace bundles, payments)
// ---------------------------------------------------------------------------------------------

/** DI key of the {@link SmsCreditGrants}: `ctx.resolve<SmsCreditGrants>(SMS_CREDIT_GRANTS)`, provided by the `messaging` plugin. */
export const SMS_CREDIT_GRANTS = 'messaging.credit-grants';

export interface SmsCreditGrant {
  /** Whole credits, > 0. */
  amount: number;
  /** Per tenant, once ever: a second grant with the same key writes nothing and answers the first. */
  idempotencyKey: string;
  reason: string;
  /** Who grants (e.g. `marketplace.purchase`), kept on the ledger row. */
  actorLabel: string;
  /** When the credits stop being spendable; absent: never. */
  expiresAt?: Date | null;
  details?: Record<string, unknown> | null;
}

export interface SmsCreditGrantResult {
  /** False when the key was already in the ledger: nothing was written. */
  created: boolean;
  movementId: string;
  balance: number;
}

/**
 * Puts purchased credits into a tenant's SMS credit ledger (a `purchase` movement). With `em`, the deposit is
 * part of the caller's transaction (a tenant-bound one works: every row written is the tenant's), so a
 * purchase and its credits commit or roll back together.
 */
export interface SmsCreditGrants {
  grant(tenantId: string, grant: SmsCreditGrant, em?: EntityManager): Promise<SmsCreditGrantResult>;
}
