import type { RequestContext } from './context.ts';

/**
 * Feature flags: the contract other plugins program against.
 *
 * The `feature-flags` plugin provides a {@link FlagClient} in its `register()`. Any plugin asks it through
 * the thin helpers below (with `dependsOn: ['feature-flags']`), never by importing the plugin; in a route,
 * the request context finds the client and supplies the tenant and user:
 *
 * ```ts
 * ctx.routes.add({ method: 'POST', url: '/checkout', permission: 'shop.write', async handler(req) {
 *   if (await isEnabled('checkout.new_flow', req.ctx)) return newCheckout(req);
 *   const limit = await getValue('checkout.max_items', req.ctx, 50);
 *   ...
 * } });
 * ```
 * Outside a request, resolve the client (`ctx.resolve<FlagClient>(FLAG_CLIENT)`) and pass it first:
 * `isEnabled(flags, 'checkout.new_flow', { tenantId, userId })`.
 * Evaluation runs in process against a cache kept fresh across instances (a change reaches every
 * instance within a second); the tenant and user come from the authenticated request.
 */

/** DI key of the {@link FlagClient}. */
export const FLAG_CLIENT = 'flags';

/** OpenFeature's resolution reasons. */
export type FlagReason = 'DISABLED' | 'TARGETING_MATCH' | 'SPLIT' | 'DEFAULT' | 'STATIC' | 'ERROR';

export type FlagJsonValue = null | boolean | number | string | FlagJsonValue[] | { [key: string]: FlagJsonValue };

/** Who a flag is evaluated for. Build it from a request with {@link flagContextOf}. */
export interface FlagContext {
  tenantId?: string | null;
  userId?: string | null;
  /** The tenant's plan key; looked up from the plans plugin when omitted. */
  plan?: string;
  sessionId?: string;
  remoteAddress?: string;
  environment?: string;
  appName?: string;
  /** Any other attribute, addressable by constraints and stickiness. */
  properties?: Record<string, string | number | boolean | null | undefined>;
}

export interface FlagEvaluation<T extends FlagJsonValue = FlagJsonValue> {
  key: string;
  value: T;
  /** Whether the flag is on for the context: `true` for a boolean flag, a targeted/served value for others. */
  enabled: boolean;
  variant: string | null;
  payload?: { type: string; value: string };
  reason: FlagReason;
  /** The step of the evaluation order that decided (`kill_switch`, `tenant_override`, `rollout`...). */
  rule: string;
  /** OpenFeature error code, e.g. `FLAG_NOT_FOUND`, `TYPE_MISMATCH`. */
  errorCode?: string;
  errorMessage?: string;
}

/** The `flags` service. */
export interface FlagClient {
  evaluate(key: string, context?: FlagContext): Promise<FlagEvaluation>;
  /** Every flag (or the given keys) for one context. */
  evaluateAll(context?: FlagContext, keys?: readonly string[]): Promise<Record<string, FlagEvaluation>>;
}

/** The flag context of a request: its tenant and its signed-in user (an API key is no user). */
export function flagContextOf(request: Pick<RequestContext, 'actor' | 'tenantId'>): FlagContext {
  const actor = request.actor;
  return { tenantId: request.tenantId, userId: actor?.type === 'user' ? actor.id : null };
}

function toFlagContext(context: FlagContext | RequestContext | undefined): FlagContext | undefined {
  if (context && 'requestId' in context && 'actor' in context) return flagContextOf(context);
  return context as FlagContext | undefined;
}

function isRequestContext(context: unknown): context is RequestContext {
  return !!context && typeof context === 'object' && 'requestId' in context && 'actor' in context && typeof (context as RequestContext).resolve === 'function';
}

/**
 * Whether the flag is on. An unknown flag is off. Two forms:
 * - `isEnabled(key, req.ctx)`: for the request's tenant and user, with the `flags` service the request resolves;
 * - `isEnabled(client, key, context?)`: with a client you hold, for any context.
 */
export async function isEnabled(key: string, request: RequestContext): Promise<boolean>;
export async function isEnabled(client: FlagClient, key: string, context?: FlagContext | RequestContext): Promise<boolean>;
export async function isEnabled(a: string | FlagClient, b: string | RequestContext, c?: FlagContext | RequestContext): Promise<boolean> {
  const [client, key, context] = typeof a === 'string' ? [clientOf(b as RequestContext), a, b as RequestContext] : [a, b as string, c];
  return (await client.evaluate(key, toFlagContext(context))).enabled;
}

/**
 * The flag's value; `fallback` when the flag is unknown, cannot be evaluated or serves a value of another
 * JSON type than the fallback. Two forms, as {@link isEnabled}: `getValue(key, req.ctx, fallback)` and
 * `getValue(client, key, context, fallback)`.
 */
export async function getValue<T extends FlagJsonValue>(key: string, request: RequestContext, fallback: T): Promise<T>;
export async function getValue<T extends FlagJsonValue>(client: FlagClient, key: string, context: FlagContext | RequestContext | undefined, fallback: T): Promise<T>;
export async function getValue<T extends FlagJsonValue>(a: string | FlagClient, b: string | RequestContext, c: T | FlagContext | RequestContext | undefined, d?: T): Promise<T> {
  const [client, key, context, fallback] =
    typeof a === 'string' ? [clientOf(b as RequestContext), a, b as RequestContext, c as T] : [a, b as string, c as FlagContext | RequestContext | undefined, d as T];
  const evaluation = await client.evaluate(key, toFlagContext(context));
  if (evaluation.reason === 'ERROR') return fallback;
  const value = evaluation.value;
  if (fallback !== null && typeof value !== typeof fallback) return fallback;
  return value as T;
}

function clientOf(request: RequestContext): FlagClient {
  if (!isRequestContext(request)) throw new TypeError('isEnabled(key, ctx) / getValue(key, ctx, fallback) take the request context (req.ctx)');
  return request.resolve<FlagClient>(FLAG_CLIENT);
}

/** DI key of the {@link FlagEntitlements} service, provided by the `feature-flags` plugin. */
export const FLAG_ENTITLEMENTS = 'flags.entitlements';

export interface FlagEntitlementGrant {
  flagKey: string;
  /** The value the tenant is served (must match the flag's value type). */
  value: FlagJsonValue;
  /** A variant of the flag, when it has variants. */
  variant?: string | null;
  /** Why (kept in the flag audit), e.g. `Marketplace purchase 1234 of "Advanced reports"`. */
  reason: string;
}

/**
 * Entitlements other plugins set on a tenant (the marketplace sets one when a tenant buys a flag add-on): a
 * tenant override of the flag, created or changed to the granted value (idempotent: granting the same value
 * twice changes nothing), removed by `revoke`. Bad keys, values or variants throw a 400 problem naming the field.
 */
export interface FlagEntitlements {
  /** Checks a grant without writing it (catalog validation). */
  validate(grant: Omit<FlagEntitlementGrant, 'reason'>): Promise<void>;
  grant(tenantId: string, grant: FlagEntitlementGrant): Promise<{ changed: boolean }>;
  /** Removes the tenant's override of the flag; `changed: false` when it had none. */
  revoke(tenantId: string, flagKey: string, reason: string): Promise<{ changed: boolean }>;
}
