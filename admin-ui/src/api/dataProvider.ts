import simpleRestProvider from 'ra-data-simple-rest';
import type { DataProvider, GetListParams, GetListResult, RaRecord } from 'ra-core';
import { API_URL, apiJson, fetchRaw, httpClient } from './http.ts';
import { listInBrowser } from './clientList.ts';
import { changedFields } from './changedFields.ts';
import { apiPathOf, registerApiPaths } from './apiPaths.ts';
import { ownTenantInstead, ownTenantList, ownTenantMany, ownTenantOne } from './ownTenantReads.ts';

/** The kernel's tenant list: a platform route (see ownTenantReads.ts for tenant users). */
const TENANTS = 'tenants';
import { deadLetterPageQuery, fetchDeadLetters, retryDeadLetter, type DeadLetterPage } from './deadLetters.ts';

export type { DeadLetter, DeadLetterPage } from './deadLetters.ts';

/** Console resource of the event bus's dead letters, paged by the API with `limit`/`offset`. */
const DEAD_LETTERS = 'dead-letters';

/** Kernel lists answered whole (no paging, no `Content-Range`); paged, sorted and filtered in the browser. */
const WHOLE_LISTS = new Set(['plugins', 'jobs', 'permissions']);

export type TenantTransition = 'suspend' | 'activate' | 'restore';

export interface PermissionEntry {
  key: string;
  label: string;
  plugin: string;
  /** `tenant` permissions act in one tenant; `platform` ones are never held by tenant users or tenant-bound keys. */
  scope: 'tenant' | 'platform';
}

export interface JobRun {
  id?: string | number;
  startedAt: string;
  finishedAt?: string | null;
  durationMs: number | null;
  status: 'running' | 'succeeded' | 'failed' | string;
  error: string | null;
}

export interface PlatformDataProvider extends DataProvider {
  /** Any kernel or plugin route: `api('/example/stats')` → `GET /api/example/stats`, JSON in and out. */
  api<T = unknown>(path: string, init?: { method?: string; body?: unknown; signal?: AbortSignal }): Promise<T>;
  /** `POST /api/tenants/:id/{suspend|activate|restore}` with the reason for the audit trail. */
  tenantTransition(id: string, action: TenantTransition, reason: string): Promise<{ data: RaRecord }>;
  /** `POST /api/tenants/:id/purge`: removes a deleted tenant whose grace period is over. */
  purgeTenant(id: string): Promise<void>;
  /** `GET /api/permissions`: every permission key any installed plugin declares. */
  permissionCatalog(): Promise<PermissionEntry[]>;
  /** `PUT /api/plugins/:name/tenants/:tenantId` for tenant-scoped plugins. */
  setPluginEnabled(name: string, tenantId: string, enabled: boolean): Promise<unknown>;
  pluginSettings(name: string): Promise<Record<string, unknown>>;
  savePluginSettings(name: string, values: Record<string, unknown>): Promise<Record<string, unknown>>;
  jobRuns(name: string): Promise<JobRun[]>;
  runJob(name: string): Promise<unknown>;
  /** `GET /api/events/dead-letters` with `limit`/`offset`; the total comes from `Content-Range`. */
  deadLetters(query: { limit: number; offset: number; signal?: AbortSignal }): Promise<DeadLetterPage>;
  /** `POST /api/events/dead-letters/:eventId/:subscriber/retry`; a 404 problem when it is no longer dead. */
  retryDeadLetter(eventId: string, subscriber: string): Promise<void>;
  /** `GET /api/audit/export.csv` with the list's current filter and sort. */
  exportAuditCsv(params: { filter?: Record<string, unknown>; sort?: { field: string; order: string } }): Promise<{ blob: Blob; filename: string }>;
}

const rest = simpleRestProvider(API_URL, httpClient);

export { registerApiPaths, apiPathOf };

/** ra-data-simple-rest, addressed by API path rather than console resource name. */
const base = Object.fromEntries(
  Object.entries(rest).map(([method, fn]) => [method, (resource: string, params: unknown) => (fn as (r: string, p: unknown) => unknown)(apiPathOf(resource), params)]),
) as unknown as DataProvider;

async function wholeList(resource: string, params: GetListParams): Promise<GetListResult> {
  const { json } = await httpClient(`${API_URL}/${apiPathOf(resource)}`, { signal: params.signal });
  const rows = (Array.isArray(json) ? json : (json?.data ?? [])) as Record<string, unknown>[];
  const withIds = rows.map((r, i) => ('id' in r ? r : { ...r, id: r.key ?? r.name ?? i })) as RaRecord[];
  return listInBrowser(withIds, params) as GetListResult;
}

const enc = encodeURIComponent;

export const dataProvider: PlatformDataProvider = {
  ...base,

  async getList(resource, params) {
    if (resource === TENANTS) {
      const own = await ownTenantInstead();
      if (own) return ownTenantList(own, params);
    }
    if (WHOLE_LISTS.has(resource)) return wholeList(resource, params);
    if (resource === DEAD_LETTERS) return (await fetchDeadLetters({ ...deadLetterPageQuery(params.pagination), signal: params.signal })) as GetListResult;
    try {
      return await base.getList(resource, params);
    } catch (err) {
      // A plugin list that answers a plain array without Content-Range still works, paged in the browser.
      if (err instanceof Error && !('status' in err) && /Content-Range header is missing/.test(err.message)) return wholeList(resource, params);
      throw err;
    }
  },

  async getOne(resource, params) {
    if (resource === TENANTS) {
      const own = await ownTenantInstead();
      if (own) return ownTenantOne(own, params.id);
    }
    return base.getOne(resource, params);
  },

  async getMany(resource, params) {
    if (resource === TENANTS) {
      const own = await ownTenantInstead();
      if (own) return ownTenantMany(own, params.ids);
    }
    if (!WHOLE_LISTS.has(resource)) return base.getMany(resource, params);
    const { data } = await wholeList(resource, { filter: { id: params.ids }, signal: params.signal } as GetListParams);
    return { data };
  },

  /** Sends only the fields that changed, as PATCH, so read-only fields never reach strict body schemas. */
  async update(resource, params) {
    resource = apiPathOf(resource);
    const body = params.previousData ? changedFields(params.data, params.previousData) : params.data;
    if (params.previousData && Object.keys(body).length === 0) return { data: { ...params.previousData, ...params.data } };
    const { json } = await httpClient(`${API_URL}/${resource}/${enc(String(params.id))}`, { method: 'PATCH', body: JSON.stringify(body) });
    return { data: json };
  },

  /** `meta.reason` goes in a JSON body (tenants are soft-deleted with a reason for the audit trail). */
  async delete(resource, params) {
    const reason = params.meta?.reason;
    if (reason === undefined) return base.delete(resource, params);
    resource = apiPathOf(resource);
    const { json } = await httpClient(`${API_URL}/${resource}/${enc(String(params.id))}`, { method: 'DELETE', body: JSON.stringify({ reason }) });
    return { data: json ?? params.previousData ?? { id: params.id } };
  },

  api: (path, init) => apiJson(path.startsWith('/') ? path : `/${path}`, init),

  async tenantTransition(id, action, reason) {
    const data = await apiJson<RaRecord>(`/tenants/${enc(id)}/${action}`, { method: 'POST', body: reason ? { reason } : {} });
    return { data };
  },

  async purgeTenant(id) {
    await apiJson(`/tenants/${enc(id)}/purge`, { method: 'POST', body: {} });
  },

  permissionCatalog: () => apiJson<PermissionEntry[]>('/permissions'),

  setPluginEnabled: (name, tenantId, enabled) => apiJson(`/plugins/${enc(name)}/tenants/${enc(tenantId)}`, { method: 'PUT', body: { enabled } }),

  pluginSettings: (name) => apiJson<Record<string, unknown>>(`/plugins/${enc(name)}/settings`),

  savePluginSettings: (name, values) => apiJson<Record<string, unknown>>(`/plugins/${enc(name)}/settings`, { method: 'PUT', body: values }),

  async jobRuns(name) {
    const json = await apiJson<JobRun[] | { data: JobRun[] }>(`/jobs/${enc(name)}/runs`);
    return Array.isArray(json) ? json : (json?.data ?? []);
  },

  runJob: (name) => apiJson(`/jobs/${enc(name)}/run`, { method: 'POST', body: {} }),

  deadLetters: fetchDeadLetters,

  retryDeadLetter,

  async exportAuditCsv({ filter, sort }) {
    const query: Record<string, string> = { filter: JSON.stringify(filter ?? {}) };
    if (sort?.field) query.sort = JSON.stringify([sort.field, sort.order]);
    const res = await fetchRaw(`${API_URL}/audit/export.csv?${new URLSearchParams(query).toString()}`, { headers: { Accept: 'text/csv' } });
    const disposition = res.headers.get('content-disposition') ?? '';
    const match = /filename="?([^";]+)"?/.exec(disposition);
    const filename = match?.[1] ?? `audit-${new Date().toISOString().slice(0, 19).replace(/[:T]/g, '-')}.csv`;
    return { blob: await res.blob(), filename };
  },
};
