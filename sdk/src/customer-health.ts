import { defineExtensionPoint, type ExtensionPoint } from './plugin.ts';

/**
 * The customer health score: the contract between the `customer-success` plugin (which computes, stores and shows
 * the score) and the plugins that own the data a score is made of.
 *
 * A plugin contributes a signal (in `register()` or `boot()`); the score is the weighted sum of the signals' scores.
 * A contribution whose `id` equals an earlier one's replaces it, so the owner of the data replaces a neutral
 * default (customer-success ships `billing-risk` as neutral, the billing plugin replaces it):
 *
 * ```ts
 * ctx.extensions.contribute(HEALTH_SIGNALS, defineHealthSignal({
 *   id: 'support-load', label: 'Support load', weight: 10,
 *   async compute(call, tenant) {
 *     const open = await countOpenTickets(tenant.id);
 *     return { score: Math.max(0, 1 - open / 5), reason: `${open} open tickets` };
 *   },
 * }));
 * ```
 *
 * A signal returns `{ neutral: true, reason }` when it has nothing to judge (no data, or its plugin missing): it
 * keeps its full points (nothing is known against the tenant) and its reason says why. A signal that throws is
 * reported in the breakdown and counts as neutral, never breaking the others. `bonus` signals add up to `weight`
 * points on top of the 100-point scale (a neutral bonus earns nothing; the total stays capped at 100).
 */

/** The tenant a signal is computed for. */
export interface HealthTenant {
  id: string;
  slug: string;
  name: string;
  status: string;
  /** ISO; null when unknown. */
  createdAt: string | null;
}

/** The period a signal looks at: `days` days up to `to` (the computation time). */
export interface HealthWindow {
  from: Date;
  to: Date;
  days: number;
}

/** What a signal is called with besides the tenant and window. */
export interface HealthSignalCall {
  /** The computation time (tests move it). */
  now: Date;
}

export type HealthSignalResult =
  | { score: number; reason: string; neutral?: false }
  | { neutral: true; reason: string };

export interface HealthSignalDefinition {
  /** Stable, kebab-case; the key of its weight in the customer-success settings. */
  id: string;
  label: string;
  /** Default points (the weight setting overrides it). */
  weight: number;
  /** Points added on top of the 100-point scale rather than part of it. */
  bonus?: boolean;
  /** `score` in 0..1 with one human-readable sentence; or neutral when there is nothing to judge. */
  compute(call: HealthSignalCall, tenant: HealthTenant, window: HealthWindow): Promise<HealthSignalResult>;
  /**
   * Optional: the same judgement for many tenants in one go (one set-based query instead of one per tenant). The
   * nightly run calls it per batch of tenants; a tenant missing from the answer is computed with `compute`. It must
   * give the same result as `compute` would.
   */
  computeMany?(call: HealthSignalCall, tenants: readonly HealthTenant[], window: HealthWindow): Promise<Map<string, HealthSignalResult>>;
}

/** Facts about a tenant the health lists filter and sort on (plan, renewal date), from the plugins that own them. */
export interface HealthFactSource {
  id: string;
  /** E.g. `{ plan: 'pro', renewsAt: '2026-04-01T00:00:00.000Z' }`; null values are left out. */
  collect(call: HealthSignalCall, tenant: HealthTenant): Promise<Record<string, string | null>>;
  /** Optional: `collect` for many tenants in one go (tenant id → facts); a tenant missing from the answer is collected alone. */
  collectMany?(call: HealthSignalCall, tenants: readonly HealthTenant[]): Promise<Map<string, Record<string, string | null>>>;
}

/** Signals of the customer health score; owned by the `customer-success` plugin. */
export const HEALTH_SIGNALS: ExtensionPoint<HealthSignalDefinition> = defineExtensionPoint<HealthSignalDefinition>('customer-success.health-signals');
/** Facts shown and filtered on beside the score; owned by the `customer-success` plugin. */
export const HEALTH_FACTS: ExtensionPoint<HealthFactSource> = defineExtensionPoint<HealthFactSource>('customer-success.health-facts');

export function defineHealthSignal<T extends HealthSignalDefinition>(signal: T): T {
  return signal;
}

export function defineHealthFacts<T extends HealthFactSource>(source: T): T {
  return source;
}

/** The contributions in use: the last contribution of an id replaces earlier ones (keeping the first one's position). */
export function effectiveHealthSignals<T extends { id: string }>(contributions: readonly T[]): T[] {
  const byId = new Map<string, T>();
  for (const c of contributions) byId.set(c.id, c);
  return [...byId.values()];
}

/** A score in 0..1 from a value where `good` or better scores 1 and `bad` or worse scores 0 (linear between). */
export function linearScore(value: number, good: number, bad: number): number {
  if (good === bad) return value === good ? 1 : 0;
  const s = (value - bad) / (good - bad);
  return Math.min(1, Math.max(0, s));
}
