import { Utils, type EntityManager, type EntityName } from '@mikro-orm/core';
import { parseListParams, type FilterKind, type ListQuery as RawListQuery } from '@platform/sdk';

export type { FilterKind } from '@platform/sdk';
export { contentRange } from '@platform/sdk';

/** react-admin / ra-data-simple-rest list parameters: `sort=["f","ASC"]&range=[0,24]&filter={...}`. */
export interface ListQuery {
  sort: { field: string; order: 'ASC' | 'DESC' } | null;
  offset: number;
  limit: number;
  filter: Record<string, unknown>;
}

const MAX_PAGE = 500;

/** Filter kinds of an entity's properties, from the ORM metadata (so a bad value is a 400, not a database error). */
const kindsCache = new WeakMap<object, Record<string, FilterKind>>();
export function filterKindsOf(em: EntityManager, entity: EntityName<any>): Record<string, FilterKind> {
  const meta = em.getMetadata().find(Utils.className(entity));
  const cached = meta && kindsCache.get(meta);
  if (cached) return cached;
  const kinds: Record<string, FilterKind> = {};
  for (const [name, prop] of Object.entries(meta?.properties ?? {})) {
    const p = prop as { type?: unknown; columnTypes?: unknown[]; array?: boolean };
    const type = String(p.type ?? '').toLowerCase();
    const column = String(p.columnTypes?.[0] ?? '').toLowerCase();
    const sqlType = column || type;
    kinds[name] = type === 'uuid' || column === 'uuid' ? 'uuid'
      : type === 'boolean' || column === 'boolean' ? 'boolean'
      : type === 'date' || type === 'datetime' || type.includes('timestamp') || column.includes('timestamp') || column === 'date' ? 'date'
      : type === 'bigint' || column === 'bigint' || column === 'int8' ? 'bigint'
      : ['integer', 'int', 'int4', 'smallint', 'int2', 'tinyint', 'mediumint'].includes(sqlType) ? 'integer'
      : ['number', 'float', 'double', 'decimal', 'real', 'numeric', 'double precision'].includes(sqlType) ? 'number'
      : type.endsWith('[]') || column.endsWith('[]') || type === 'array' || p.array ? 'string[]'
      : 'string';
  }
  if (meta) kindsCache.set(meta, kinds);
  return kinds;
}

/**
 * The kernel's lists read react-admin's parameters with the SDK's one implementation (`parseListParams`): `q` and
 * `id` are always filters, each filter value is checked against its field's kind (from the entity, else `scalar`),
 * and a page holds at most 500 rows.
 */
export function parseListQuery(query: Record<string, unknown>, allowed: { sort: string[]; filter: string[]; kinds?: Record<string, FilterKind | undefined> }): ListQuery {
  const filter: Record<string, FilterKind> = {};
  for (const key of new Set(['q', 'id', ...allowed.filter])) filter[key] = key === 'q' ? 'string' : allowed.kinds?.[key] ?? 'scalar';
  const p = parseListParams(query as RawListQuery, { sort: allowed.sort, filter, defaultPage: 25, maxPage: MAX_PAGE });
  return { sort: p.sort, offset: p.offset, limit: p.limit, filter: p.filter };
}
