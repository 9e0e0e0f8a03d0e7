import { randomUUID } from 'node:crypto';
import { ProblemError, type EntityManager } from '@platform/sdk';
import { type UsageConsumption, type UsageMeter, type UsageRecorder, type UsageRecordOptions, type UsageRecordResult } from '@platform/sdk/entitlements';
import { decideEntitlement } from './entitlement-service.ts';
import { crossedThresholds } from '../entitlements/crossed-thresholds.ts';
import { RUNNING_TOTAL_PERIOD_START, usagePeriodOf } from '../meters/usage-period.ts';
import { lockTenantMeter } from './advisory-locks.ts';
import { loadGovernance } from './governance-store.ts';
import { limitTypeOf, loadPlanState, quotaOf } from './plan-state.ts';
import type { PlansDeps } from './plans-deps.ts';
import { usedInPeriod } from './usage-totals.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MAX_QUANTITY = 2 ** 31 - 1;

function refuse(field: string, detail: string): never {
  throw new ProblemError(400, 'validation_failed', detail, { field });
}

interface StoredRecord {
  id: string;
  meter: string;
  quantity: number;
  at: Date;
  idempotency_key: string;
}

function resultOf(tenantId: string, r: StoredRecord, recorded: boolean): UsageRecordResult {
  return { recorded, id: r.id, tenantId, meter: r.meter, quantity: Number(r.quantity), at: new Date(r.at).toISOString(), idempotencyKey: r.idempotency_key };
}

export interface UsageInput {
  meter: UsageMeter;
  quantity: number;
  at: Date;
  idempotencyKey: string;
}

/** Checks the arguments of `usage.record`; problems name the field. */
export function validateUsageInput(deps: Pick<PlansDeps, 'meters' | 'now'>, tenantId: string, meterKey: string, quantity: number, opts: UsageRecordOptions = {}): UsageInput {
  if (typeof tenantId !== 'string' || !UUID.test(tenantId)) refuse('tenantId', 'tenantId must be a tenant id (uuid)');
  const meter = deps.meters.get(meterKey);
  if (!meter) refuse('meter', `Unknown meter "${meterKey}"; known meters: ${deps.meters.all().map((m) => m.key).join(', ')}`);
  if (typeof quantity !== 'number' || !Number.isSafeInteger(quantity) || quantity === 0 || Math.abs(quantity) > MAX_QUANTITY)
    refuse('quantity', 'quantity must be a whole number other than 0');
  if (quantity < 0 && meter.resets !== 'never') refuse('quantity', `"${meter.key}" counts per period; only running totals (like seats) take negative quantities`);
  const at = opts.at === undefined ? deps.now() : new Date(opts.at);
  if (Number.isNaN(at.getTime())) refuse('at', '"at" must be a date');
  const key = opts.idempotencyKey ?? randomUUID();
  if (typeof key !== 'string' || key.length < 1 || key.length > 200) refuse('idempotencyKey', 'idempotencyKey must be 1 to 200 characters');
  return { meter, quantity, at, idempotencyKey: key };
}

/**
 * The `usage` service: records usage once per idempotency key, and emits `usage.threshold_crossed`
 * when a record takes the meter past 80% or 100% of the tenant's quota (once per period and meter).
 */
export function createUsageRecorder(deps: () => PlansDeps): UsageRecorder {
  return {
    async record(tenantId, meterKey, quantity, opts = {}) {
      const d = deps();
      const input = validateUsageInput(d, tenantId, meterKey, quantity, opts);
      return d.db.forTenant(tenantId).transactional(async (em) => {
        await lockTenantMeter(d.db, em, tenantId, input.meter.key);
        return insertUsage(d, em, tenantId, input);
      });
    },

    async consume(tenantId, meterKey, quantity, opts = {}): Promise<UsageConsumption> {
      const d = deps();
      const input = validateUsageInput(d, tenantId, meterKey, quantity, opts);
      if (input.quantity < 0) refuse('quantity', 'consume takes a positive quantity; give usage back with record() and a negative quantity');
      return d.db.forTenant(tenantId).transactional(async (em) => {
        // Under the lock the total read by the check includes every committed record of this meter, and
        // no other consume of it can commit until this one has.
        await lockTenantMeter(d.db, em, tenantId, input.meter.key);
        if (opts.idempotencyKey !== undefined) {
          const first = await existingRecord(d, em, tenantId, input);
          if (first) return { decision: await decideEntitlement(d, em, tenantId, input.meter.key, 0), record: first };
        }
        const decision = await decideEntitlement(d, em, tenantId, input.meter.key, input.quantity);
        if (!decision.allowed) return { decision, record: null };
        return { decision, record: await insertUsage(d, em, tenantId, input) };
      });
    },
  };
}

/** Inserts the record (once per idempotency key) and emits threshold crossings; the caller holds the meter lock. */
async function insertUsage(d: PlansDeps, em: EntityManager, tenantId: string, input: UsageInput): Promise<UsageRecordResult> {
  const inserted = await d.db.sql<StoredRecord>(
    `INSERT INTO plans_usage_records (id, tenant_id, meter, quantity, at, idempotency_key)
     VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (tenant_id, idempotency_key) DO NOTHING
     RETURNING id, meter, quantity, at, idempotency_key`,
    [randomUUID(), tenantId, input.meter.key, input.quantity, input.at.toISOString(), input.idempotencyKey],
    em,
  );
  if (!inserted.length) return firstRecord(d, em, tenantId, input);
  await notifyThresholds(d, em, tenantId, input);
  return resultOf(tenantId, inserted[0], true);
}

/** The record an idempotency key already stands for; the same key for different usage is a conflict. */
async function firstRecord(d: PlansDeps, em: EntityManager, tenantId: string, input: UsageInput): Promise<UsageRecordResult> {
  const first = await existingRecord(d, em, tenantId, input);
  if (!first) throw new Error(`usage record of idempotency key ${input.idempotencyKey} vanished`);
  return first;
}

/** The record of this idempotency key, if any (409 when it stands for different usage). */
async function existingRecord(d: PlansDeps, em: EntityManager, tenantId: string, input: UsageInput): Promise<UsageRecordResult | null> {
  const [first] = await d.db.sql<StoredRecord>(
    'SELECT id, meter, quantity, at, idempotency_key FROM plans_usage_records WHERE tenant_id = $1 AND idempotency_key = $2',
    [tenantId, input.idempotencyKey],
    em,
  );
  if (!first) return null;
  if (first.meter !== input.meter.key || Number(first.quantity) !== input.quantity)
    throw new ProblemError(409, 'idempotency_key_reused', `idempotencyKey "${input.idempotencyKey}" was already used for ${first.quantity} ${first.meter}`, { field: 'idempotencyKey' });
  return resultOf(tenantId, first, false);
}

async function notifyThresholds(d: PlansDeps, em: EntityManager, tenantId: string, input: UsageInput): Promise<void> {
  const state = await loadPlanState(em, tenantId, input.at, await loadGovernance(em));
  const limit = quotaOf(state, input.meter.key);
  if (limit === null) return;
  const period = usagePeriodOf(input.meter.resets, state.anchor, state.interval, input.at);
  const after = await usedInPeriod(d.db, em, tenantId, input.meter.key, period);
  const { crossed, rearmed } = crossedThresholds(limit, after - input.quantity, after);
  const periodStart = period.start?.toISOString() ?? RUNNING_TOTAL_PERIOD_START;
  for (const threshold of rearmed) {
    await d.db.sql(
      'DELETE FROM plans_threshold_crossings WHERE tenant_id = $1 AND meter = $2 AND period_start = $3::timestamptz AND threshold = $4',
      [tenantId, input.meter.key, periodStart, threshold],
      em,
    );
  }
  for (const threshold of crossed) {
    const fresh = await d.db.sql(
      `INSERT INTO plans_threshold_crossings (id, tenant_id, meter, period_start, threshold, used, limit_value)
       VALUES ($1, $2, $3, $4::timestamptz, $5, $6, $7)
       ON CONFLICT (tenant_id, meter, period_start, threshold) DO NOTHING RETURNING id`,
      [randomUUID(), tenantId, input.meter.key, periodStart, threshold, after, limit],
      em,
    );
    if (!fresh.length) continue;
    await d.events.emitDurable(em, 'usage.threshold_crossed', {
      tenantId,
      meter: input.meter.key,
      threshold,
      used: after,
      limit,
      limitType: limitTypeOf(state, input.meter.key),
      planId: state.plan?.id ?? null,
      periodStart: period.start?.toISOString() ?? null,
      periodEnd: period.end?.toISOString() ?? null,
    });
  }
}
