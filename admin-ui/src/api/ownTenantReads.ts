import type { GetListParams, GetListResult, GetManyResult, GetOneResult, RaRecord } from 'ra-core';
import { listInBrowser } from './clientList.ts';
import { problemToHttpError } from './problem.ts';
import { knownSession, loadRouteAccess } from './session.ts';

/**
 * `GET /api/tenants` is a platform route: a tenant user (or staff without `platform.tenants.read`) may not
 * call it. Their own tenant comes with the session (`/api/auth/me`), so tenant names in reference fields,
 * pickers and filters are answered from there, without a request the API would refuse.
 * Returns null when the caller may read the tenant list itself.
 */
export async function ownTenantInstead(): Promise<RaRecord[] | null> {
  const session = await knownSession();
  const access = await loadRouteAccess(session);
  if (!access || access.allows('GET', '/tenants')) return null;
  return session.tenant ? [{ ...session.tenant } as RaRecord] : [];
}

export function ownTenantList(rows: RaRecord[], params: GetListParams): GetListResult {
  return listInBrowser(rows, params) as GetListResult;
}

export function ownTenantMany(rows: RaRecord[], ids: readonly unknown[]): GetManyResult {
  return { data: rows.filter((r) => ids.some((id) => String(id) === String(r.id))) };
}

export function ownTenantOne(rows: RaRecord[], id: unknown): GetOneResult {
  const row = rows.find((r) => String(r.id) === String(id) || r.slug === id);
  if (!row) throw problemToHttpError(404, 'Not Found', { status: 404, code: 'not_found', detail: 'Tenant not found' });
  return { data: row };
}
