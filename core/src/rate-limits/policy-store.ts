import type { EntityManager } from '@mikro-orm/core';
import { ProblemError, type RateLimitPolicyView } from '@platform/sdk';
import { runSql } from '../db/orm.ts';
import type { RatePolicy } from './rate-policy.ts';

/** A stored policy as the API shows it. */
export type RatePolicyRecord = RateLimitPolicyView;

export interface RatePolicyInput {
  appliesTo?: unknown;
  planKey?: unknown;
  tenantId?: unknown;
  requestsPerSecond?: unknown;
  burst?: unknown;
  concurrentStreams?: unknown;
  note?: unknown;
}

export const MAX_REQUESTS_PER_SECOND = 1_000_000;
export const MAX_STREAMS = 100_000;
const PLAN_KEY = /^[a-z0-9][a-z0-9_.-]{0,63}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const invalid = (field: string, detail: string) => new ProblemError(400, 'validation_failed', detail, { field });

function wholeNumber(field: string, v: unknown, max: number, min = 1): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) throw invalid(field, `${field} must be a whole number from ${min} to ${max}`);
  return v;
}

function noteOf(v: unknown): string | null {
  if (v === undefined || v === null || v === '') return null;
  if (typeof v !== 'string' || v.length > 500 || v.includes('\u0000')) throw invalid('note', 'note must be text of at most 500 characters');
  return v;
}

const COLUMNS = 'id, plan_key, tenant_id, requests_per_second, burst, concurrent_streams, note, created_at, updated_at';

interface Row {
  id: string;
  plan_key: string | null;
  tenant_id: string | null;
  requests_per_second: number;
  burst: number;
  concurrent_streams: number | null;
  note: string | null;
  created_at: Date | string;
  updated_at: Date | string;
}

const recordOf = (r: Row): RatePolicyRecord => ({
  id: r.id,
  appliesTo: r.plan_key !== null ? 'plan' : 'tenant',
  planKey: r.plan_key,
  tenantId: r.tenant_id,
  requestsPerSecond: r.requests_per_second,
  burst: r.burst,
  concurrentStreams: r.concurrent_streams,
  note: r.note,
  createdAt: new Date(r.created_at).toISOString(),
  updatedAt: new Date(r.updated_at).toISOString(),
});

export const policyOf = (r: RatePolicyRecord): RatePolicy => ({
  id: r.id,
  source: r.appliesTo,
  planKey: r.planKey,
  tenantId: r.tenantId,
  requestsPerSecond: r.requestsPerSecond,
  burst: r.burst,
  concurrentStreams: r.concurrentStreams,
});

/** `kernel_rate_limit_policies`: validation, reads and writes (inside the caller's transaction). */
export class PolicyStore {
  async list(em: EntityManager): Promise<RatePolicyRecord[]> {
    const rows = await runSql<Row>(em, `SELECT ${COLUMNS} FROM kernel_rate_limit_policies ORDER BY plan_key NULLS LAST, created_at`);
    return rows.map(recordOf);
  }

  async get(em: EntityManager, id: string): Promise<RatePolicyRecord> {
    if (!UUID.test(id)) throw new ProblemError(404, 'not_found', 'Rate-limit policy not found');
    const rows = await runSql<Row>(em, `SELECT ${COLUMNS} FROM kernel_rate_limit_policies WHERE id = $1`, [id]);
    if (!rows[0]) throw new ProblemError(404, 'not_found', 'Rate-limit policy not found');
    return recordOf(rows[0]);
  }

  async create(em: EntityManager, input: RatePolicyInput): Promise<RatePolicyRecord> {
    const appliesTo = input.appliesTo;
    if (appliesTo !== 'plan' && appliesTo !== 'tenant') throw invalid('appliesTo', 'appliesTo must be "plan" or "tenant"');
    let planKey: string | null = null;
    let tenantId: string | null = null;
    if (appliesTo === 'plan') {
      if (typeof input.planKey !== 'string' || !PLAN_KEY.test(input.planKey)) throw invalid('planKey', 'planKey must be a plan key: lower-case letters, digits, ".", "_" or "-", at most 64');
      if (input.tenantId !== undefined && input.tenantId !== null) throw invalid('tenantId', 'A plan policy names no tenant');
      planKey = input.planKey;
    } else {
      if (typeof input.tenantId !== 'string' || !UUID.test(input.tenantId)) throw invalid('tenantId', 'tenantId must be a tenant id');
      if (input.planKey !== undefined && input.planKey !== null) throw invalid('planKey', 'A tenant override names no plan');
      const found = await runSql(em, 'SELECT 1 FROM tenants WHERE id = $1', [input.tenantId]);
      if (!found.length) throw invalid('tenantId', `No tenant ${input.tenantId}`);
      tenantId = input.tenantId;
    }
    const values = this.limits(input, null);
    const taken = await runSql(em, 'SELECT 1 FROM kernel_rate_limit_policies WHERE plan_key = $1 OR tenant_id = $2', [planKey, tenantId]);
    if (taken.length)
      throw new ProblemError(409, 'policy_exists', planKey ? `Plan "${planKey}" already has a policy; edit it` : 'This tenant already has an override; edit it', { field: planKey ? 'planKey' : 'tenantId' });
    const rows = await runSql<Row>(
      em,
      `INSERT INTO kernel_rate_limit_policies (plan_key, tenant_id, requests_per_second, burst, concurrent_streams, note) VALUES ($1, $2, $3, $4, $5, $6) RETURNING ${COLUMNS}`,
      [planKey, tenantId, values.requestsPerSecond, values.burst, values.concurrentStreams, values.note],
    );
    return recordOf(rows[0]!);
  }

  async update(em: EntityManager, id: string, input: RatePolicyInput): Promise<{ before: RatePolicyRecord; after: RatePolicyRecord }> {
    const before = await this.get(em, id);
    if (input.appliesTo !== undefined && input.appliesTo !== before.appliesTo) throw invalid('appliesTo', 'What a policy applies to cannot change; create another');
    if (input.planKey !== undefined && input.planKey !== before.planKey) throw invalid('planKey', 'The plan of a policy cannot change; create another');
    if (input.tenantId !== undefined && input.tenantId !== before.tenantId) throw invalid('tenantId', 'The tenant of an override cannot change; create another');
    const values = this.limits(input, before);
    const rows = await runSql<Row>(
      em,
      `UPDATE kernel_rate_limit_policies SET requests_per_second = $2, burst = $3, concurrent_streams = $4, note = $5, updated_at = now() WHERE id = $1 RETURNING ${COLUMNS}`,
      [id, values.requestsPerSecond, values.burst, values.concurrentStreams, values.note],
    );
    return { before, after: recordOf(rows[0]!) };
  }

  async remove(em: EntityManager, id: string): Promise<RatePolicyRecord> {
    const before = await this.get(em, id);
    await runSql(em, 'DELETE FROM kernel_rate_limit_policies WHERE id = $1', [id]);
    return before;
  }

  /** The numbers of a new or edited policy; an edit keeps what it does not name. Burst defaults to the rate. */
  private limits(input: RatePolicyInput, before: RatePolicyRecord | null) {
    const requestsPerSecond = input.requestsPerSecond === undefined && before ? before.requestsPerSecond : wholeNumber('requestsPerSecond', input.requestsPerSecond, MAX_REQUESTS_PER_SECOND);
    const burst =
      input.burst === undefined || input.burst === null ? (before ? Math.max(before.burst, 1) : requestsPerSecond) : wholeNumber('burst', input.burst, MAX_REQUESTS_PER_SECOND);
    const concurrentStreams =
      input.concurrentStreams === undefined ? (before?.concurrentStreams ?? null) : input.concurrentStreams === null ? null : wholeNumber('concurrentStreams', input.concurrentStreams, MAX_STREAMS, 0);
    const note = input.note === undefined ? (before?.note ?? null) : noteOf(input.note);
    return { requestsPerSecond, burst, concurrentStreams, note };
  }
}
