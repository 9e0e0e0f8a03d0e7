import { defineExtensionPoint, type ExtensionPoint } from './plugin.ts';
import { problems } from './problem.ts';

/**
 * Plans, usage metering and entitlements: the contract other plugins program against.
 *
 * The `plans` plugin provides the implementations in its `register()`; any plugin gets them with
 * `ctx.resolve<EntitlementChecker>(ENTITLEMENTS_SERVICE)` / `ctx.resolve<UsageRecorder>(USAGE_SERVICE)`
 * (in `boot()`, or lazily in a handler, and with `dependsOn: ['plans']`), never by importing the plugin.
 *
 * ```ts
 * const entitlements = ctx.resolve<EntitlementChecker>(ENTITLEMENTS_SERVICE);
 * const usage = ctx.resolve<UsageRecorder>(USAGE_SERVICE);
 * ctx.routes.add({ method: 'POST', url: '/stores', permission: 'shop.write', async handler(req) {
 *   const tenantId = req.ctx.requireTenant();
 *   await requireEntitlement(entitlements, tenantId, 'stores', 1); // 402 limit_exceeded with an upgrade hint
 *   ...create the store...
 *   await usage.record(tenantId, 'stores', 1, { idempotencyKey: `store:${store.id}` });
 * } });
 * ```
 */

/** DI key of the {@link UsageRecorder}. */
export const USAGE_SERVICE = 'usage';
/** DI key of the {@link EntitlementChecker}. */
export const ENTITLEMENTS_SERVICE = 'entitlements';
/** DI key of the {@link TenantPlanReader}. */
export const TENANT_PLAN_READER = 'plans.tenant-plan-reader';

/** Hard: refuse beyond the quota. Soft: allow, but report the overage (and notify at 100%). */
export type LimitType = 'hard' | 'soft';

/**
 * When a meter's count starts again:
 * - `monthly`: every month from the tenant's billing anchor (e.g. `sms.monthly`), also on annual plans;
 * - `billing_period`: every billing period of the tenant's plan (a month or a year);
 * - `never`: a running total (e.g. `seats`, `stores`); record a negative quantity when one is removed.
 */
export type MeterReset = 'monthly' | 'billing_period' | 'never';

/** A usage meter: something counted per tenant and limited by plans. */
export interface UsageMeter {
  /** Stable key used in plan quotas, e.g. `sms.monthly`, `seats`. */
  key: string;
  label: string;
  /** Unit shown next to numbers, e.g. `messages`. */
  unit?: string;
  resets: MeterReset;
}

/**
 * Meters other plugins add to the catalog (contribute in `register()`):
 * `ctx.extensions.contribute(USAGE_METERS, { key: 'orders.monthly', label: 'Orders', resets: 'monthly' })`.
 * Plan quotas and usage records may only name known meters.
 */
export const USAGE_METERS: ExtensionPoint<UsageMeter> = defineExtensionPoint<UsageMeter>('plans.usage-meters');

export interface UsageRecordOptions {
  /** When the usage happened; default now. */
  at?: Date | string;
  /**
   * Makes the call idempotent per tenant: a second call with the same key (also concurrently) records
   * nothing and answers with the first record. Use something derived from the action, e.g. `sms:<messageId>`.
   */
  idempotencyKey?: string;
}

export interface UsageRecordResult {
  /** False when this idempotency key had already been recorded (the record returned is the first one). */
  recorded: boolean;
  id: string;
  tenantId: string;
  meter: string;
  quantity: number;
  at: string;
  idempotencyKey: string;
}

/** The `usage` service. */
export interface UsageRecorder {
  /**
   * Records `quantity` of `meter` for the tenant (aggregated per period of the meter). Refuses an
   * unknown meter or a non-integer quantity with a 400 problem naming the field.
   */
  record(tenantId: string, meter: string, quantity: number, opts?: UsageRecordOptions): Promise<UsageRecordResult>;
  /**
   * Checks the entitlement and records the usage as one step, under the tenant's lock on the meter: two
   * calls arriving together at `limit - 1` cannot both pass a hard limit. When refused nothing is
   * recorded and `record` is null. A repeated idempotency key answers the first record without a new
   * check. `quantity` must be positive. See {@link consumeEntitlement} for the throwing form.
   */
  consume(tenantId: string, meter: string, quantity: number, opts?: UsageRecordOptions): Promise<UsageConsumption>;
}

export interface UsageConsumption {
  decision: EntitlementDecision;
  /** The usage recorded (or the first record of a repeated idempotency key); null when refused. */
  record: UsageRecordResult | null;
}

export interface PlanSummary {
  id: string;
  key: string;
  name: string;
}

/** What to offer a tenant that hit a limit. */
export interface UpgradeHint {
  message: string;
  /** The cheapest active plan that would allow the action, or null (contact sales). */
  plan: PlanSummary | null;
}

export interface EntitlementDecision {
  allowed: boolean;
  /** The meter or feature asked about. */
  key: string;
  kind: 'meter' | 'feature';
  reason: 'unlimited' | 'within_limit' | 'over_soft_limit' | 'limit_exceeded' | 'entitled' | 'not_entitled';
  /** Quota of the meter in the current period; null = unlimited (and for features). */
  limit: number | null;
  /** Usage counted so far in the current period (0 for features). */
  used: number;
  requested: number;
  /** What is left before this request (`max(0, limit - used)`); null = unlimited. */
  remaining: number | null;
  limitType: LimitType | null;
  /** The tenant's current plan; null when it has none (governance defaults apply). */
  plan: PlanSummary | null;
  /** The usage period the count covers; null for features, `end: null` for running totals. */
  period: { start: string | null; end: string | null } | null;
  /** Set when the action is refused. */
  upgrade: UpgradeHint | null;
}

/** The `entitlements` service. Always reads the current plan: a plan change applies to the next call. */
export interface EntitlementChecker {
  /** Whether the tenant may use `quantity` more of a meter, or use a feature/plugin (quantity ignored). */
  check(tenantId: string, meterOrFeature: string, quantity?: number): Promise<EntitlementDecision>;
}

/**
 * Checks an entitlement and throws 402 `limit_exceeded` (problem+json with `meter`, `limit`, `used`,
 * `remaining`, `upgrade`) when it is not allowed. Returns the decision when it is.
 */
export async function requireEntitlement(checker: EntitlementChecker, tenantId: string, meterOrFeature: string, quantity = 1): Promise<EntitlementDecision> {
  const decision = await checker.check(tenantId, meterOrFeature, quantity);
  if (decision.allowed) return decision;
  throw limitExceededProblem(decision);
}

/**
 * `usage.consume` that throws 402 `limit_exceeded` (as {@link requireEntitlement}) when refused:
 * check and record in one atomic step, for usage that happens as the request succeeds.
 */
export async function consumeEntitlement(usage: UsageRecorder, tenantId: string, meter: string, quantity = 1, opts?: UsageRecordOptions): Promise<UsageRecordResult> {
  const { decision, record } = await usage.consume(tenantId, meter, quantity, opts);
  if (!record) throw limitExceededProblem(decision);
  return record;
}

function limitExceededProblem(decision: EntitlementDecision) {
  const upgrade = decision.upgrade ?? { message: 'Upgrade your plan to continue.', plan: null };
  const detail =
    decision.kind === 'feature'
      ? `Your plan does not include "${decision.key}". ${upgrade.message}`
      : `The ${decision.key} limit of your plan (${decision.limit}) would be exceeded: ${decision.used} used, ${decision.requested} requested. ${upgrade.message}`;
  return problems.limitExceeded(detail, {
    meter: decision.key,
    kind: decision.kind,
    limit: decision.limit,
    used: decision.used,
    requested: decision.requested,
    remaining: decision.remaining,
    plan: decision.plan,
    upgrade,
  });
}

/** DI key of the {@link PlanBillingSource} (provided by the `plans` plugin, read by billing). */
export const PLAN_BILLING_SOURCE = 'plans.billing-source';

/** The plan a tenant is on at one moment, with what billing needs of it. */
export interface BilledPlan {
  tenantId: string;
  planId: string;
  planKey: string;
  planName: string;
  /** Integer minor units of `currency` per `interval`. */
  priceMinor: number;
  currency: string;
  interval: 'monthly' | 'annual';
  /** Included quantity per meter per the meter's period; a meter not listed is unlimited. */
  quotas: Record<string, number>;
  /** The assignment's billing anchor (ISO timestamp). */
  anchor: string;
  /** True while the tenant is in a trial of this plan at that moment (nothing to charge for the plan). */
  inTrial: boolean;
}

/** The proration the plans plugin computed when a tenant's plan changed (charged by billing). */
export interface PlanChangeProration {
  tenantId: string;
  /** The new assignment's id: unique per change, the source id of the invoice line. */
  changeId: string;
  /** ISO timestamp of the change. */
  changedAt: string;
  fromPlanName: string | null;
  toPlanName: string;
  /** The new plan's billing interval. */
  toInterval: 'monthly' | 'annual';
  currency: string;
  /** Refund for the unused rest of the old plan (>= 0). */
  creditMinor: number;
  /** Charge for the new plan until the end of the period (>= 0). */
  chargeMinor: number;
  /** `chargeMinor - creditMinor`. */
  netMinor: number;
}

/** A tenant and a half-open time window `[start, end)`. */
export interface TenantWindow {
  tenantId: string;
  start: Date;
  end: Date;
}

/**
 * What billing reads from plans, in bulk (a billing cycle covers every tenant): the plan in force, the
 * prorations of plan changes, and metered usage per window.
 */
export interface PlanBillingSource {
  /** Every known meter (built in and contributed), with how it resets. */
  meters(): UsageMeter[];
  /** The plan in force at `at` for each tenant that has one. */
  plansAt(tenantIds: readonly string[], at: Date): Promise<Map<string, BilledPlan>>;
  /** Prorations of the plan changes whose time falls inside each tenant's window. */
  prorationsIn(windows: readonly TenantWindow[]): Promise<PlanChangeProration[]>;
  /** Usage per tenant and meter summed over each tenant's window (tenant id → meter → quantity). */
  usageIn(windows: readonly TenantWindow[]): Promise<Map<string, Record<string, number>>>;
}

/** One meter of a tenant's usage in its current period (what the usage summary shows). */
export interface MeterUsageSummary {
  meter: string;
  label: string;
  unit: string | null;
  used: number;
  /** null: unlimited. */
  limit: number | null;
  limitType: LimitType | null;
  percent: number | null;
  status: 'unlimited' | 'ok' | 'near' | 'reached' | 'over';
  periodStart: string | null;
  periodEnd: string | null;
}

/** A tenant's plan and usage at one moment. */
export interface TenantPlanUsage {
  /** null: the tenant has no plan (governance defaults apply). */
  plan: (PlanSummary & { interval?: string }) | null;
  inTrial: boolean;
  trialEndsAt: string | null;
  billingPeriod: { start: string; end: string } | null;
  usage: MeterUsageSummary[];
}

/** Read-only view of a tenant's plan and usage for other plugins (support snapshots, a customer 360 page). */
export interface TenantPlanReader {
  planAndUsage(tenantId: string): Promise<TenantPlanUsage>;
}

/** DI key of the {@link PlanAssigner} (provided by the `plans` plugin). */
export const PLAN_ASSIGNER = 'plans.assigner';

/** Moves a tenant to another plan from now on (e.g. billing's dunning downgrading to a free plan), audited as the plugin. */
export interface PlanAssigner {
  /** `changed: false` when the tenant is already on that plan. Throws a 400 problem for an unknown or archived plan. */
  assignByKey(tenantId: string, planKey: string, reason: string, by: { plugin: string }): Promise<{ changed: boolean }>;
  /**
   * Moves the end of the tenant's running trial `days` later (customer success's "extend trial"), audited as the plugin.
   * Throws a 409 problem `not_in_trial` when the tenant's current plan is not in a trial. Optional: absent on older providers.
   */
  extendTrial?(tenantId: string, days: number, reason: string, by: { plugin: string }): Promise<{ trialEndsAt: string }>;
}
