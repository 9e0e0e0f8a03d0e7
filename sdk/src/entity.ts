import { EntitySchema, type EntitySchemaProperty } from '@mikro-orm/core';
import { Type, type TSchema } from '@sinclair/typebox';
import { randomUUID } from 'node:crypto';

/** Name of the MikroORM filter that scopes tenant-owned rows. */
export const TENANT_FILTER = 'tenant';

export interface BaseRow {
  id: string;
  createdAt: Date;
  updatedAt: Date;
}

export interface TenantRow extends BaseRow {
  tenantId: string;
}

type Props<T> = { [K in keyof T]?: EntitySchemaProperty<T[K], T> | Record<string, unknown> };

const baseProperties = {
  id: { type: 'uuid', primary: true, onCreate: () => randomUUID() },
  createdAt: { type: 'Date', columnType: 'timestamptz', defaultRaw: 'now()', onCreate: () => new Date(), fieldName: 'created_at' },
  updatedAt: { type: 'Date', columnType: 'timestamptz', defaultRaw: 'now()', onCreate: () => new Date(), onUpdate: () => new Date(), fieldName: 'updated_at' },
};

/**
 * An entity owned by one tenant. It gets `id`, `tenantId`, `createdAt`, `updatedAt`, and the tenant
 * filter, which the kernel turns on in every request scope.
 */
export function defineTenantEntity<T extends TenantRow>(def: { name: string; tableName: string; properties: Props<Omit<T, keyof TenantRow>>; indexes?: { properties: string[] }[] }): EntitySchema<T> {
  return new EntitySchema<T>({
    name: def.name,
    tableName: def.tableName,
    properties: {
      ...baseProperties,
      tenantId: { type: 'uuid', fieldName: 'tenant_id' },
      ...def.properties,
    } as any,
    ...(def.indexes ? { indexes: def.indexes as any } : {}),
    filters: {
      [TENANT_FILTER]: {
        name: TENANT_FILTER,
        cond: (args: { tenantId?: string; allTenants?: boolean }) => {
          if (args?.allTenants === true) return {};
          if (!args?.tenantId) throw new Error('tenant filter used without a tenant: use acrossTenants() explicitly');
          return { tenantId: args.tenantId };
        },
        default: true,
      },
    } as any,
  });
}

/** A platform-level entity (no tenant). */
export function definePlatformEntity<T extends BaseRow>(def: { name: string; tableName: string; properties: Props<Omit<T, keyof BaseRow>>; indexes?: { properties: string[] }[] }): EntitySchema<T> {
  return new EntitySchema<T>({
    name: def.name,
    tableName: def.tableName,
    properties: { ...baseProperties, ...def.properties } as any,
    ...(def.indexes ? { indexes: def.indexes as any } : {}),
  });
}

/** What the settings API shows instead of a secret field's value (and what, sent back, keeps the stored value). */
export const SECRET_MASK = '••••••';

/** Marks a settings field as secret: encrypted at rest, masked in the API, redacted in logs. */
export function Secret<T extends TSchema>(schema: T): T {
  return { ...schema, 'x-secret': true } as T;
}

export function isSecretSchema(schema: unknown): boolean {
  return !!schema && typeof schema === 'object' && (schema as Record<string, unknown>)['x-secret'] === true;
}

export { Type };
