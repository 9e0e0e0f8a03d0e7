import type { EntityManager } from '@mikro-orm/core';
import type { ThrottledMinute, ThrottledTenant } from '@platform/sdk';
import { runSql } from '../db/orm.ts';

export type { ThrottledMinute, ThrottledTenant };

/** Reads of `kernel_rate_limit_throttled`: totals per tenant, and one tenant's minutes. */
export async function throttledTenants(em: EntityManager, sinceMinutes: number, tenantIds: readonly string[] | null): Promise<ThrottledTenant[]> {
  const rows = await runSql<{ tenant_id: string; name: string; slug: string; requests: string; streams: string; last_at: Date | string }>(
    em,
    `SELECT th.tenant_id, t.name, t.slug,
            sum(th.count) FILTER (WHERE th.kind = 'requests') AS requests,
            sum(th.count) FILTER (WHERE th.kind = 'streams') AS streams,
            max(th.minute) AS last_at
       FROM kernel_rate_limit_throttled th JOIN tenants t ON t.id = th.tenant_id
      WHERE th.minute >= date_trunc('minute', now()) - make_interval(mins => $1) AND ($2::uuid[] IS NULL OR th.tenant_id = ANY($2::uuid[]))
      GROUP BY th.tenant_id, t.name, t.slug
      ORDER BY sum(th.count) DESC, t.name`,
    [sinceMinutes, tenantIds ? [...tenantIds] : null],
  );
  return rows.map((r) => {
    const requests = Number(r.requests ?? 0);
    const streams = Number(r.streams ?? 0);
    return { id: r.tenant_id, tenantId: r.tenant_id, tenantName: r.name, tenantSlug: r.slug, requests, streams, total: requests + streams, lastThrottledAt: new Date(r.last_at).toISOString() };
  });
}

export async function throttledMinutes(em: EntityManager, tenantId: string, sinceMinutes: number): Promise<ThrottledMinute[]> {
  const rows = await runSql<{ minute: Date | string; requests: string | null; streams: string | null }>(
    em,
    `SELECT minute,
            sum(count) FILTER (WHERE kind = 'requests') AS requests,
            sum(count) FILTER (WHERE kind = 'streams') AS streams
       FROM kernel_rate_limit_throttled
      WHERE tenant_id = $1 AND minute >= date_trunc('minute', now()) - make_interval(mins => $2)
      GROUP BY minute ORDER BY minute DESC`,
    [tenantId, sinceMinutes],
  );
  return rows.map((r) => {
    const minute = new Date(r.minute).toISOString();
    return { id: minute, minute, requests: Number(r.requests ?? 0), streams: Number(r.streams ?? 0) };
  });
}
