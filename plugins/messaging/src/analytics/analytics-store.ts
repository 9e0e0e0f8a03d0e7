import type { EntityManager, PluginContext } from '@platform/sdk';
import { BUCKET_COUNTS_SQL, countsOf, deliveryRate, ZERO_COUNTS, type BucketCounts } from './delivery-buckets.ts';
import { daysOf, type AnalyticsWindow } from './analytics-window.ts';
import { costTotal, type CostTotal } from './cost-total.ts';

/** What a query covers: the window, and optional channel, provider configuration and tenants (null: all). */
export interface AnalyticsScope {
  window: AnalyticsWindow;
  channel: 'sms' | 'email' | null;
  provider: string | null;
  tenants: readonly string[] | null;
}

export type DayCounts = BucketCounts & { day: string };
export type ProviderCounts = BucketCounts & { providerConfigId: string | null; name: string | null; providerId: string | null; channel: string | null };
export type TenantCounts = BucketCounts & { tenantId: string | null };
export interface ProviderPerformance extends ProviderCounts {
  deliveryRate: number | null;
  /** What the provider reported charging, per currency, in integer minor units. */
  /** Per currency: sub-minor-unit costs summed exactly, then rounded up once (see costTotal). */
  costs: CostTotal[];
  /** Messages with a reported cost (the others are not in `costs`). */
  costed: number;
}

/** The WHERE clause over `messaging_messages` for a scope (always bounded by the window's created_at). */
function whereOf(scope: AnalyticsScope, params: unknown[], alias = ''): string {
  const col = (c: string) => `${alias}${c}`;
  const p = (v: unknown) => (params.push(v), `$${params.length}`);
  const where = [`${col('created_at')} >= ${p(scope.window.startsAt)}::timestamptz`, `${col('created_at')} < ${p(scope.window.endsBefore)}::timestamptz`];
  if (scope.channel) where.push(`${col('channel')} = ${p(scope.channel)}`);
  if (scope.provider) where.push(`${col('provider_config_id')} = ${p(scope.provider)}::uuid`);
  if (scope.tenants) where.push(`${col('tenant_id')} = ANY(${p(scope.tenants)}::uuid[])`);
  return where.join(' AND ');
}

/**
 * SQL aggregates over msg-core's `messaging_messages` (and the configuration names): one query per chart,
 * each bounded by the window (the `created_at` indexes serve it). Counts are by the messages' current status
 * (see `delivery-buckets.ts`), grouped by the UTC day they were created.
 */
export class MessagingAnalytics {
  constructor(private readonly db: PluginContext['db']) {}

  /** Counts per UTC day, every day of the window present (zeros where nothing was sent). */
  async perDay(em: EntityManager, scope: AnalyticsScope): Promise<DayCounts[]> {
    const params: unknown[] = [];
    const rows = await this.db.sql<Record<string, unknown>>(
      `SELECT to_char(date_trunc('day', created_at AT TIME ZONE 'UTC'), 'YYYY-MM-DD') AS day, ${BUCKET_COUNTS_SQL}
         FROM messaging_messages WHERE ${whereOf(scope, params)} GROUP BY 1 ORDER BY 1`,
      params,
      em,
    );
    const byDay = new Map(rows.map((r) => [String(r.day), countsOf(r)]));
    return daysOf(scope.window).map((day) => ({ day, ...(byDay.get(day) ?? ZERO_COUNTS) }));
  }

  /** Counts per provider configuration (null: never handed to one), most messages first. */
  async perProvider(em: EntityManager, scope: AnalyticsScope): Promise<ProviderCounts[]> {
    const params: unknown[] = [];
    const rows = await this.db.sql<Record<string, unknown>>(
      `SELECT m.provider_config_id, c.name, coalesce(c.provider_id, min(m.provider_id)) AS provider_id, coalesce(c.channel, min(m.channel)) AS channel, ${BUCKET_COUNTS_SQL}
         FROM messaging_messages m LEFT JOIN messaging_provider_configs c ON c.id = m.provider_config_id
        WHERE ${whereOf(scope, params, 'm.')} GROUP BY m.provider_config_id, c.name, c.provider_id, c.channel ORDER BY total DESC, c.name`,
      params,
      em,
    );
    return rows.map((r) => ({ providerConfigId: (r.provider_config_id as string | null) ?? null, name: (r.name as string | null) ?? null, providerId: (r.provider_id as string | null) ?? null, channel: (r.channel as string | null) ?? null, ...countsOf(r) }));
  }

  /** Counts per tenant (null: platform messages), most messages first, at most `limit` tenants. */
  async perTenant(em: EntityManager, scope: AnalyticsScope, limit = 100): Promise<TenantCounts[]> {
    const params: unknown[] = [];
    const rows = await this.db.sql<Record<string, unknown>>(
      `SELECT tenant_id, ${BUCKET_COUNTS_SQL} FROM messaging_messages WHERE ${whereOf(scope, params)}
        GROUP BY tenant_id ORDER BY total DESC, tenant_id LIMIT ${Math.max(1, Math.floor(limit))}`,
      params,
      em,
    );
    return rows.map((r) => ({ tenantId: (r.tenant_id as string | null) ?? null, ...countsOf(r) }));
  }

  /** Delivery rate and reported cost per provider configuration that took messages in the window. */
  async providerPerformance(em: EntityManager, scope: AnalyticsScope): Promise<ProviderPerformance[]> {
    const params: unknown[] = [];
    const rows = await this.db.sql<Record<string, unknown>>(
      `WITH m AS (SELECT * FROM messaging_messages WHERE ${whereOf(scope, params)} AND provider_config_id IS NOT NULL),
       counts AS (SELECT provider_config_id, ${BUCKET_COUNTS_SQL}, count(cost_minor)::int AS costed FROM m GROUP BY provider_config_id),
       costs AS (
         SELECT provider_config_id, jsonb_agg(jsonb_build_object('currency', cost_currency, 'micros', micros::text, 'minor', minor::text) ORDER BY cost_currency) AS costs
           FROM (SELECT provider_config_id, cost_currency, coalesce(sum(cost_micros), 0) AS micros, coalesce(sum(cost_minor) FILTER (WHERE cost_micros IS NULL), 0) AS minor FROM m
                  WHERE cost_minor IS NOT NULL AND cost_currency IS NOT NULL GROUP BY provider_config_id, cost_currency) per_currency
          GROUP BY provider_config_id)
       SELECT counts.*, c.name, c.provider_id, c.channel, coalesce(costs.costs, '[]'::jsonb) AS costs
         FROM counts JOIN messaging_provider_configs c ON c.id = counts.provider_config_id
         LEFT JOIN costs ON costs.provider_config_id = counts.provider_config_id
        ORDER BY counts.total DESC, c.name`,
      params,
      em,
    );
    return rows.map((r) => {
      const counts = countsOf(r);
      const costs = (r.costs as { currency: string; micros: string; minor: string }[]).map((c) => costTotal(c.currency, BigInt(c.micros), BigInt(c.minor)));
      return { providerConfigId: r.provider_config_id as string, name: r.name as string, providerId: r.provider_id as string, channel: r.channel as string, ...counts, deliveryRate: deliveryRate(counts), costs, costed: Number(r.costed) };
    });
  }

  /** How many of a scope's messages are in each status (every status of the messages table, zeros included). */
  async statusCounts(em: EntityManager, scope: AnalyticsScope): Promise<Record<string, number>> {
    const params: unknown[] = [];
    const rows = await this.db.sql<{ status: string; n: number }>(
      `SELECT status, count(*)::int AS n FROM messaging_messages WHERE ${whereOf(scope, params)} GROUP BY status`,
      params,
      em,
    );
    const out: Record<string, number> = { queued: 0, sent: 0, delivered: 0, failed: 0, undelivered: 0, bounced: 0, complained: 0, opened: 0 };
    for (const r of rows) out[r.status] = Number(r.n);
    return out;
  }
}
