import './value-formats.ts';
import http from 'node:http';
import https from 'node:https';
import { Type, type Static, type TObject, type TSchema } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { defineExtensionPoint, type ExtensionPoint } from './plugin.ts';
import type { PluginContext, SettingsAccessor, TenantInfo } from './context.ts';
import { isSecretSchema } from './entity.ts';

/**
 * Service monitors: the contract between the `health` plugin (scheduler, history, status) and the
 * plugins that know how to check one service.
 *
 * A monitor plugin is a few lines:
 *
 * ```ts
 * const stripe = defineMonitor({
 *   id: 'stripe', name: 'Stripe', tier: 'core', scope: 'platform',
 *   configSchema: Type.Object({ baseUrl: Type.String({ default: 'https://api.stripe.com' }), secretKey: Secret(Type.String({ minLength: 1 })) }),
 *   defaultThresholds: { degradedMs: 2000, unhealthyMs: 5000 },
 *   check: (ctx) => checkHttpJson(ctx, {
 *     url: `${ctx.config.baseUrl}/v1/balance`,
 *     headers: { authorization: `Bearer ${ctx.config.secretKey}` },
 *     evaluate: (body: { available?: unknown[] }) => `balance in ${body.available?.length ?? 0} currencies`,
 *   }),
 * });
 *
 * export default definePlugin({
 *   name: 'monitor-stripe', version: '1.0.0', kernel: '^0.1.0', dependsOn: ['health'],
 *   settings: monitorSettings(stripe),
 *   boot: (ctx) => ctx.extensions.contribute(MONITORS, monitorRegistration(ctx, stripe)),
 * });
 * ```
 *
 * The monitor's configuration is its plugin's settings (secret fields sealed by the kernel), set
 * platform-wide or per tenant with `PUT /api/plugins/<plugin>/settings`. The health plugin validates
 * the merged values against `configSchema` before every check; a target whose configuration does not
 * validate is reported as not configured, never checked with half a configuration.
 */

/** Scheduling tiers; each has a default interval, which a monitor (or an operator) may override. */
export type MonitorTier = 'critical' | 'core' | 'integrations' | 'external';

export const MONITOR_TIER_INTERVAL_SECONDS: Readonly<Record<MonitorTier, number>> = {
  critical: 60,
  core: 5 * 60,
  integrations: 15 * 60,
  external: 30 * 60,
};

/** `platform`: one check for the whole platform. `tenant`: one check per active tenant, with that tenant's settings. */
export type MonitorScope = 'platform' | 'tenant';

/** What one check concluded. */
export type MonitorStatus = 'healthy' | 'degraded' | 'unhealthy';

/** A status as shown to people: `unknown` when there is no fresh data (never checked, not configured, scheduler down). */
export type ObservedStatus = MonitorStatus | 'unknown';

/** The outcome of one check. `message` is for operators (never shown publicly); `details` are small, JSON-serialisable facts. */
export interface MonitorResult {
  status: MonitorStatus;
  responseTimeMs: number;
  message: string;
  details: Record<string, unknown>;
}

/** Response-time bands: below `degradedMs` healthy, up to `unhealthyMs` degraded, above unhealthy. */
export interface ResponseTimeThresholds {
  degradedMs: number;
  unhealthyMs: number;
}

/** Default bands for external APIs (the seed's table: healthy < 2 s, degraded 2-5 s, unhealthy > 5 s). */
export const DEFAULT_RESPONSE_TIME_THRESHOLDS: Readonly<ResponseTimeThresholds> = { degradedMs: 2000, unhealthyMs: 5000 };

/** What a check receives. */
export interface MonitorCheckContext<C = Record<string, unknown>> {
  /** The validated configuration, defaults applied and secret settings decrypted. */
  config: C;
  /** The tenant being checked (tenant-scoped monitors), else null. */
  tenant: TenantInfo | null;
  /** Aborted when the check's timeout elapses (or the scheduler shuts down). Pass it to every I/O call. */
  signal: AbortSignal;
  timeoutMs: number;
  /**
   * A lean `fetch` bound to `signal` (an `init.signal` of your own is combined with it): keep-alive
   * node:http(s) agents, the response fully read (at most 8 MiB), redirects followed. See {@link checkFetch}.
   */
  fetch(input: string | URL, init?: CheckRequestInit): Promise<CheckResponse>;
  /** Caches a value for this monitor and target between checks, e.g. an OAuth access token until it expires. */
  remember<T>(key: string, ttlMs: number, produce: () => Promise<T>): Promise<T>;
  /** Milliseconds since the check started. */
  elapsedMs(): number;
}

export interface MonitorDefinition<S extends TObject = TObject> {
  /** kebab-case, unique across monitors; the service id in the health API (`/api/health/services/<id>`). */
  id: string;
  name: string;
  description?: string;
  tier: MonitorTier;
  scope: MonitorScope;
  /** TypeBox schema of the configuration; mark credentials with `Secret()`. */
  configSchema: S;
  /** Response-time bands; default {@link DEFAULT_RESPONSE_TIME_THRESHOLDS}. Operators can edit them per monitor. */
  defaultThresholds?: Partial<ResponseTimeThresholds>;
  /** Overrides the tier's interval. */
  intervalSeconds?: number;
  /** Per-check timeout; default 10 s (never longer than the interval). */
  timeoutMs?: number;
  check(ctx: MonitorCheckContext<Static<S>>): Promise<MonitorResult>;
}

const MONITOR_ID = /^[a-z][a-z0-9-]{0,62}$/;

export function defineMonitor<S extends TObject>(definition: MonitorDefinition<S>): MonitorDefinition<S> {
  if (!MONITOR_ID.test(definition.id)) throw new Error(`monitor id "${definition.id}" must be kebab-case`);
  if (!(definition.tier in MONITOR_TIER_INTERVAL_SECONDS)) throw new Error(`monitor "${definition.id}" has an unknown tier "${definition.tier}"`);
  if (definition.scope !== 'platform' && definition.scope !== 'tenant') throw new Error(`monitor "${definition.id}" has an unknown scope`);
  return definition;
}

/** A monitor as contributed to {@link MONITORS}: the definition plus the settings it is configured with. */
export interface MonitorRegistration {
  monitor: MonitorDefinition<any>;
  /** The contributing plugin's `ctx.settings`. */
  settings: SettingsAccessor;
  /** The contributing plugin; a tenant-scoped plugin's monitor only checks tenants it is enabled for. */
  plugin?: string;
}

/** The registration a monitor plugin contributes: `ctx.extensions.contribute(MONITORS, monitorRegistration(ctx, stripe))`. */
export function monitorRegistration(ctx: Pick<PluginContext, 'settings' | 'plugin'>, monitor: MonitorDefinition<any>): MonitorRegistration {
  return { monitor, settings: ctx.settings, plugin: ctx.plugin.name };
}

/** Owned by the `health` plugin. Monitor plugins (`dependsOn: ['health']`) contribute in `boot()`. */
export const MONITORS: ExtensionPoint<MonitorRegistration> = defineExtensionPoint<MonitorRegistration>('health.monitors');

/**
 * The plugin settings schema for a monitor: its config schema with every field optional, so that the
 * platform-wide part and the per-tenant part can be saved separately. Secret marks and defaults are kept.
 */
export function monitorSettings(monitor: MonitorDefinition<any>): TObject {
  return Type.Partial(monitor.configSchema as TObject) as unknown as TObject;
}

/** A refusal names the first bad `field` (dotted path, `config` for the object itself). */
export type MonitorConfigResolution<C> = { ok: true; config: C } | { ok: false; problem: string; field: string };

/** Applies defaults and validates settings values against a monitor's schema. */
export function resolveMonitorConfig<S extends TObject>(schema: S, values: Record<string, unknown>): MonitorConfigResolution<Static<S>> {
  const candidate = Value.Default(schema, Value.Clone(values ?? {})) as Record<string, unknown>;
  for (const [k, v] of Object.entries(candidate)) if (v === '' && !schema.required?.includes(k)) delete candidate[k];
  const error = Value.Errors(schema, candidate).First();
  if (!error) return { ok: true, config: candidate as Static<S> };
  const field = error.path.replace(/^\//, '').replace(/\//g, '.') || 'config';
  const missing = candidate[field] === undefined || candidate[field] === '';
  return { ok: false, field, problem: missing ? `setting "${field}" is not set` : `setting "${field}" ${error.message.toLowerCase()}` };
}

/** Names of the secret fields of a schema (top level). */
export function secretFieldsOf(schema: TObject): string[] {
  let fields = secretFieldsBySchema.get(schema);
  if (!fields) {
    fields = Object.entries(schema.properties as Record<string, TSchema>).filter(([, s]) => isSecretSchema(s)).map(([k]) => k);
    secretFieldsBySchema.set(schema, fields);
  }
  return fields;
}

/** A scheduler redacts every result: the schema walk is done once per schema. */
const secretFieldsBySchema = new WeakMap<TObject, string[]>();

// ---------------------------------------------------------------------------------------------
// ctx.fetch: the part of fetch a check needs, at a third of the cost of Node's WHATWG fetch
// ---------------------------------------------------------------------------------------------

/** What `ctx.fetch` accepts: the usual fetch options. */
export interface CheckRequestInit {
  method?: string;
  headers?: Record<string, string> | [string, string][] | Headers;
  body?: string | URLSearchParams | Uint8Array | null;
  signal?: AbortSignal;
  /** Default `follow` (at most 5 redirects), like fetch. */
  redirect?: 'follow' | 'manual';
}

/** What `ctx.fetch` answers: a fetch `Response`'s reading side, the body already received. */
export interface CheckResponse {
  readonly ok: boolean;
  readonly status: number;
  readonly statusText: string;
  /** The final URL, after redirects. */
  readonly url: string;
  readonly redirected: boolean;
  readonly headers: { get(name: string): string | null; has(name: string): boolean };
  text(): Promise<string>;
  json<T = any>(): Promise<T>;
  arrayBuffer(): Promise<ArrayBuffer>;
}

const KEEP_ALIVE = { http: new http.Agent({ keepAlive: true, maxSockets: 256 }), https: new https.Agent({ keepAlive: true, maxSockets: 256 }) };
const MAX_RESPONSE_BYTES = 8 * 1024 * 1024;
const MAX_REDIRECTS = 5;

function headerRecord(headers: CheckRequestInit['headers']): Record<string, string> {
  const out: Record<string, string> = {};
  if (!headers) return out;
  if (headers instanceof Headers) headers.forEach((v, k) => (out[k.toLowerCase()] = v));
  else for (const [k, v] of Array.isArray(headers) ? headers : Object.entries(headers)) out[k.toLowerCase()] = String(v);
  return out;
}

/**
 * `fetch` for checks: one request over keep-alive node:http(s) agents, answered with the reading side of
 * a Response (status, headers, text/json). Node 20's built-in fetch spends most of a small request's CPU
 * on WHATWG streams and objects; a scheduler running thousands of checks a second cannot afford that.
 * Errors are node's (`code` ECONNREFUSED, DEPTH_ZERO_SELF_SIGNED_CERT...), which describeCheckFailure names.
 */
export function checkFetch(input: string | URL, init: CheckRequestInit = {}, redirects = 0): Promise<CheckResponse> {
  const url = new URL(String(input));
  const secure = url.protocol === 'https:';
  if (!secure && url.protocol !== 'http:') return Promise.reject(new TypeError(`unsupported protocol ${url.protocol}`));
  const headers: Record<string, string> = { 'user-agent': 'platform-health/1', accept: '*/*', ...headerRecord(init.headers) };
  let body: Buffer | undefined;
  if (init.body instanceof URLSearchParams) {
    body = Buffer.from(init.body.toString());
    headers['content-type'] ??= 'application/x-www-form-urlencoded;charset=UTF-8';
  } else if (typeof init.body === 'string') {
    body = Buffer.from(init.body);
    headers['content-type'] ??= 'text/plain;charset=UTF-8';
  } else if (init.body) body = Buffer.from(init.body);
  if (body) headers['content-length'] = String(body.length);
  const method = (init.method ?? 'GET').toUpperCase();
  return new Promise<CheckResponse>((resolve, reject) => {
    const req = (secure ? https : http).request(url, { method, headers, agent: secure ? KEEP_ALIVE.https : KEEP_ALIVE.http, signal: init.signal }, (res) => {
      const status = res.statusCode ?? 0;
      const location = res.headers.location;
      if (init.redirect !== 'manual' && location && [301, 302, 303, 307, 308].includes(status)) {
        res.resume();
        if (redirects >= MAX_REDIRECTS) return reject(new TypeError('too many redirects'));
        const keepMethod = status === 307 || status === 308 || ((status === 301 || status === 302) && method !== 'POST');
        const next = { ...init, method: keepMethod ? method : 'GET', body: keepMethod ? init.body : undefined };
        return void checkFetch(new URL(location, url), next, redirects + 1).then((r) => resolve(Object.assign(r, { redirected: true })), reject);
      }
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > MAX_RESPONSE_BYTES) return res.destroy(new Error(`response larger than ${MAX_RESPONSE_BYTES} bytes`));
        chunks.push(chunk);
      });
      res.on('error', reject);
      res.on('end', () => {
        const buffer = Buffer.concat(chunks);
        const raw = res.headers;
        const get = (name: string) => {
          const v = raw[name.toLowerCase()];
          return v === undefined ? null : Array.isArray(v) ? v.join(', ') : String(v);
        };
        const text = async () => buffer.toString('utf8');
        resolve({
          ok: status >= 200 && status < 300,
          status,
          statusText: res.statusMessage ?? '',
          url: url.toString(),
          redirected: false,
          headers: { get, has: (name) => get(name) !== null },
          text,
          json: async () => JSON.parse(await text()),
          arrayBuffer: async () => buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + buffer.byteLength) as ArrayBuffer,
        });
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

// ---------------------------------------------------------------------------------------------
// Building results
// ---------------------------------------------------------------------------------------------

/** A check that cannot continue; `runMonitorCheck` turns it into a result with this status. */
export class CheckFailure extends Error {
  readonly status: MonitorStatus;
  readonly details: Record<string, unknown>;
  constructor(message: string, opts: { status?: MonitorStatus; details?: Record<string, unknown> } = {}) {
    super(message);
    this.name = 'CheckFailure';
    this.status = opts.status ?? 'unhealthy';
    this.details = opts.details ?? {};
  }
}

/** A result timed from the check's start. */
export function monitorResult(ctx: Pick<MonitorCheckContext, 'elapsedMs'>, status: MonitorStatus, message: string, details: Record<string, unknown> = {}): MonitorResult {
  return { status, responseTimeMs: Math.round(ctx.elapsedMs()), message, details };
}

const TLS_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT', 'SELF_SIGNED_CERT_IN_CHAIN', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY', 'CERT_HAS_EXPIRED', 'CERT_NOT_YET_VALID', 'ERR_TLS_CERT_ALTNAME_INVALID', 'CERT_REVOKED',
  'ERR_SSL_WRONG_VERSION_NUMBER', 'EPROTO',
]);

function errorCode(err: unknown): string | undefined {
  for (let e: any = err, depth = 0; e && depth < 4; e = e.cause, depth++) if (typeof e.code === 'string') return e.code;
  return undefined;
}

/** A short operator-facing description of why a check's I/O failed (timeout, refused, TLS, DNS...). */
export function describeCheckFailure(err: unknown, signal?: AbortSignal, timeoutMs?: number): string {
  if (err instanceof CheckFailure) return err.message;
  if (signal?.aborted) {
    const reason = signal.reason as { name?: string } | undefined;
    return reason?.name === 'TimeoutError' ? `timed out after ${timeoutMs ?? '?'} ms` : 'check cancelled';
  }
  const code = errorCode(err);
  if (code && TLS_CODES.has(code)) return `TLS error: ${code}`;
  if (code === 'ECONNREFUSED') return 'connection refused';
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET') return 'connection reset';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'host not found (DNS)';
  if (code === 'ETIMEDOUT' || code === 'UND_ERR_CONNECT_TIMEOUT' || code === 'UND_ERR_HEADERS_TIMEOUT') return 'connection timed out';
  if (code) return `network error: ${code}`;
  const name = (err as Error)?.name;
  if (name === 'AbortError' || name === 'TimeoutError') return `timed out after ${timeoutMs ?? '?'} ms`;
  return `check failed: ${truncate(String((err as Error)?.message ?? err), 160)}`;
}

export function truncate(text: string, max: number): string {
  return text.length > max ? text.slice(0, max - 1) + '…' : text;
}

// ---------------------------------------------------------------------------------------------
// HTTP JSON APIs (most SaaS monitors)
// ---------------------------------------------------------------------------------------------

export interface HttpJsonRequest {
  url: string | URL;
  method?: string;
  headers?: Record<string, string>;
  /** A plain object or array is sent as JSON; URLSearchParams as a form; a string as is. */
  body?: unknown;
  /** Statuses that count as a successful response. Default: 2xx. */
  okStatus?(status: number): boolean;
  /** Pulls the API's own error text out of a failed response, e.g. `(b) => b.error?.message`. */
  errorText?(body: any): string | undefined;
}

/** A base-URL setting: `http(s)://...`, defaulting to the service's real endpoint (tests point it at a fake server). */
export function BaseUrl(defaultUrl: string, description = 'Base URL of the API') {
  return Type.String({ pattern: '^https?://\\S+$', default: defaultUrl, description });
}

/** `base` + `path`, tolerating a trailing slash on the base. */
export function apiUrl(base: string, path: string): string {
  return base.replace(/\/+$/, '') + (path.startsWith('/') ? path : '/' + path);
}

/** `Authorization: Basic` value. */
export function basicAuth(user: string, password: string): string {
  return 'Basic ' + Buffer.from(`${user}:${password}`).toString('base64');
}

/** Reads `a.b[0].c` (or `$.a.b.0.c`) from a parsed JSON value; undefined when any step is missing. */
export function readJsonPath(value: unknown, path: string): unknown {
  const steps = path.replace(/^\$\.?/, '').replace(/\[(\d+)\]/g, '.$1').split('.').filter(Boolean);
  let cur: any = value;
  for (const step of steps) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = cur[step];
  }
  return cur;
}

function commonErrorText(body: any): string | undefined {
  if (!body || typeof body !== 'object') return undefined;
  if (typeof body.error_description === 'string') return body.error_description; // OAuth 2.0 errors
  const e = body.error ?? body.errors?.[0] ?? body;
  const text = typeof e === 'string' ? e : e?.message ?? e?.detail ?? body.message;
  return typeof text === 'string' ? text : undefined;
}

/**
 * Sends one request and parses the JSON answer. Throws a {@link CheckFailure} naming the problem on a
 * non-successful status (429 is `degraded`), on a body that is not JSON, and on network errors.
 */
export async function requestJson<T = any>(ctx: MonitorCheckContext<any>, req: HttpJsonRequest): Promise<{ body: T; response: CheckResponse }> {
  const headers: Record<string, string> = { accept: 'application/json', ...(req.headers ?? {}) };
  let body: string | URLSearchParams | undefined;
  if (req.body instanceof URLSearchParams || typeof req.body === 'string') body = req.body;
  else if (req.body !== undefined) {
    body = JSON.stringify(req.body);
    headers['content-type'] ??= 'application/json';
  }
  const method = req.method ?? (body === undefined ? 'GET' : 'POST');
  let response: CheckResponse;
  let text: string;
  try {
    response = await ctx.fetch(req.url, { method, headers, body });
    text = await response.text();
  } catch (err) {
    throw new CheckFailure(describeCheckFailure(err, ctx.signal, ctx.timeoutMs), { details: { request: requestLabel(method, req.url) } });
  }
  let parsed: unknown;
  let parsedOk = true;
  try {
    parsed = text === '' ? null : JSON.parse(text);
  } catch {
    parsedOk = false;
  }
  const ok = req.okStatus ? req.okStatus(response.status) : response.status >= 200 && response.status < 300;
  const where = ok && parsedOk ? '' : requestLabel(method, req.url);
  if (!ok) {
    const apiText = parsedOk ? (req.errorText ?? commonErrorText)(parsed) : undefined;
    const status: MonitorStatus = response.status === 429 ? 'degraded' : 'unhealthy';
    throw new CheckFailure(`HTTP ${response.status} from ${where}${apiText ? `: ${truncate(apiText, 160)}` : ''}`, { status, details: { request: where, httpStatus: response.status } });
  }
  if (!parsedOk) throw new CheckFailure(`invalid JSON from ${where}`, { details: { request: where, httpStatus: response.status } });
  return { body: parsed as T, response };
}

/** `GET /v1/balance`: names a request in failures (never its query string, which may carry a key). */
function requestLabel(method: string, url: string | URL): string {
  try {
    return `${method} ${new URL(String(url)).pathname}`;
  } catch {
    return `${method} (invalid URL)`;
  }
}

/** What `evaluate` may return: a healthy message, or a verdict. */
export type HttpJsonVerdict = string | { status?: MonitorStatus; message: string; details?: Record<string, unknown> };

export interface HttpJsonCheck<T = any> extends HttpJsonRequest {
  /** Reads the parsed body. Return a message (healthy) or a verdict; throw a CheckFailure for an unexpected shape. */
  evaluate?(body: T, response: CheckResponse): HttpJsonVerdict;
}

/** One HTTP JSON request turned into a result, timed from the check's start. */
export async function checkHttpJson<T = any>(ctx: MonitorCheckContext<any>, check: HttpJsonCheck<T>): Promise<MonitorResult> {
  const { body, response } = await requestJson<T>(ctx, check);
  const verdict = check.evaluate ? check.evaluate(body, response) : `HTTP ${response.status}`;
  const v = typeof verdict === 'string' ? { message: verdict } : verdict;
  return monitorResult(ctx, v.status ?? 'healthy', v.message, { httpStatus: response.status, ...(v.details ?? {}) });
}

/** Throws a CheckFailure ("unexpected response: ...") unless `condition` holds. */
export function expectShape(condition: unknown, what: string): asserts condition {
  if (!condition) throw new CheckFailure(`unexpected response: ${what}`);
}

// ---------------------------------------------------------------------------------------------
// Running one check (the health scheduler uses this; so can a monitor's own unit tests)
// ---------------------------------------------------------------------------------------------

export interface RunMonitorCheckOptions {
  tenant?: TenantInfo | null;
  timeoutMs?: number;
  /** Cancels the check from outside (shutdown). */
  signal?: AbortSignal;
  /** Per-target memo for `ctx.remember`; keep the same map between checks of one target. */
  memo?: Map<string, { value: unknown; expiresAt: number }>;
}

export const DEFAULT_CHECK_TIMEOUT_MS = 10_000;

function timeoutError(): Error {
  const e = new Error('The check timed out');
  e.name = 'TimeoutError';
  return e;
}

/**
 * Runs `monitor.check` with a timeout (aborting its signal, and not waiting for a check that ignores
 * it), turning thrown errors into unhealthy results and removing secret config values from what it says.
 */
export async function runMonitorCheck<S extends TObject>(monitor: MonitorDefinition<S>, config: Static<S>, opts: RunMonitorCheckOptions = {}): Promise<MonitorResult> {
  const timeoutMs = opts.timeoutMs ?? monitor.timeoutMs ?? DEFAULT_CHECK_TIMEOUT_MS;
  const controller = new AbortController();
  const started = performance.now();
  const elapsedMs = () => performance.now() - started;
  // One path for both ends of a check that never answers: the timeout and an outer abort (shutdown)
  // abort the check's signal and settle the race at once, without a listener on the check's own signal.
  let rejectRace: (reason: unknown) => void = () => undefined;
  const aborted = new Promise<never>((_, reject) => (rejectRace = reject));
  aborted.catch(() => undefined);
  const abort = (reason: unknown) => {
    controller.abort(reason);
    rejectRace(reason);
  };
  const onOuterAbort = () => abort(opts.signal?.reason ?? new Error('check cancelled'));
  const timer = setTimeout(() => abort(timeoutError()), timeoutMs);
  opts.signal?.addEventListener('abort', onOuterAbort, { once: true });
  const signal = controller.signal;
  const memo = opts.memo ?? new Map<string, { value: unknown; expiresAt: number }>();
  const ctx: MonitorCheckContext<Static<S>> = {
    config,
    tenant: opts.tenant ?? null,
    signal,
    timeoutMs,
    fetch: (input, init = {}) => checkFetch(input, { ...init, signal: init.signal ? AbortSignal.any([signal, init.signal]) : signal }),
    async remember(key, ttlMs, produce) {
      const hit = memo.get(key);
      if (hit && hit.expiresAt > Date.now()) return hit.value as any;
      const value = await produce();
      memo.set(key, { value, expiresAt: Date.now() + ttlMs });
      return value;
    },
    elapsedMs,
  };
  let result: MonitorResult;
  try {
    result = await Promise.race([monitor.check(ctx), aborted]);
    if (!result || !['healthy', 'degraded', 'unhealthy'].includes(result.status)) throw new CheckFailure('the monitor returned no status');
  } catch (err) {
    const status = err instanceof CheckFailure ? err.status : 'unhealthy';
    const details = err instanceof CheckFailure ? err.details : {};
    result = { status, responseTimeMs: Math.round(elapsedMs()), message: describeCheckFailure(err, signal, timeoutMs), details };
  } finally {
    clearTimeout(timer);
    opts.signal?.removeEventListener('abort', onOuterAbort);
  }
  const responseTimeMs = Number.isFinite(result.responseTimeMs) ? Math.max(0, Math.round(result.responseTimeMs)) : Math.round(elapsedMs());
  return redactSecrets({ status: result.status, responseTimeMs, message: String(result.message ?? ''), details: result.details ?? {} }, monitor.configSchema, config as Record<string, unknown>);
}

/** Replaces every secret config value that appears in a result's message or details by `[redacted]`. */
export function redactSecrets(result: MonitorResult, schema: TObject, config: Record<string, unknown>): MonitorResult {
  const secrets = secretFieldsOf(schema)
    .map((k) => config?.[k])
    .filter((v): v is string => typeof v === 'string' && v.length >= 4);
  if (secrets.length === 0) return result;
  const scrub = (text: string) => secrets.reduce((acc, s) => acc.split(s).join('[redacted]'), text);
  let details = result.details;
  const raw = JSON.stringify(details ?? {});
  const cleaned = scrub(raw);
  if (cleaned !== raw) details = JSON.parse(cleaned);
  return { ...result, message: scrub(result.message), details };
}

// ---------------------------------------------------------------------------------------------
// What other plugins read (status page, alerts)
// ---------------------------------------------------------------------------------------------

/** DI key of the {@link HealthReader} the health plugin provides. */
export const HEALTH_SERVICE = 'health';

/** The platform's overall status, by the seed's rules (see the health plugin). */
export type OverallStatus = 'operational' | 'degraded' | 'partial_outage' | 'major_outage' | 'unknown';

export interface ComponentHealth {
  id: string;
  name: string;
  tier: MonitorTier;
  status: ObservedStatus;
  responseTimeMs: number | null;
  lastCheckedAt: string | null;
  /** Since when the component has had this status. */
  since: string | null;
}

export interface HealthOverview {
  status: OverallStatus;
  /** Platform-scoped, configured and enabled monitors. */
  components: ComponentHealth[];
  scheduler: { alive: boolean; lastBeatAt: string | null };
  timestamp: string;
}

export interface DailyUptime {
  /** `YYYY-MM-DD` (UTC). */
  day: string;
  /** Null when nothing was checked that day. */
  uptimePct: number | null;
  checks: number;
  worst: ObservedStatus;
}

export interface HealthReader {
  overview(): Promise<HealthOverview>;
  /** Oldest first, `days` entries ending today. */
  dailyUptime(monitorId: string, days: number, targetKey?: string): Promise<DailyUptime[]>;
}

/** Payload of the durable `health.status_changed` event (declared on PlatformEvents by the health plugin). */
export interface HealthStatusChanged {
  monitorId: string;
  monitorName: string;
  scope: MonitorScope;
  /** `platform`, a tenant id, or another target id (push monitors). */
  targetKey: string;
  tenantId: string | null;
  from: ObservedStatus;
  to: ObservedStatus;
  responseTimeMs: number | null;
  message: string;
  at: string;
}
