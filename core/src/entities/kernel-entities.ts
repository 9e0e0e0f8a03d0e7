import { definePlatformEntity, type BaseRow } from '@platform/sdk';

export interface TenantRecord extends BaseRow {
  slug: string;
  name: string;
  status: 'provisioning' | 'active' | 'suspended' | 'deleted';
  primaryDomain: string | null;
  locale: string;
  contactName: string | null;
  contactEmail: string | null;
  statusReason: string | null;
  deletedAt: Date | null;
  purgeAfter: Date | null;
  provisionedAt: Date | null;
}

export const Tenant = definePlatformEntity<TenantRecord>({
  name: 'Tenant',
  tableName: 'tenants',
  properties: {
    slug: { type: 'string' },
    name: { type: 'string' },
    status: { type: 'string' },
    primaryDomain: { type: 'string', nullable: true },
    locale: { type: 'string' },
    contactName: { type: 'string', nullable: true },
    contactEmail: { type: 'string', nullable: true },
    statusReason: { type: 'string', nullable: true },
    deletedAt: { type: 'Date', nullable: true },
    purgeAfter: { type: 'Date', nullable: true },
    provisionedAt: { type: 'Date', nullable: true },
  },
});

export interface UserRecord extends BaseRow {
  email: string;
  name: string;
  passwordHash: string | null;
  kind: 'staff' | 'tenant';
  tenantId: string | null;
  roles: string[];
  status: 'active' | 'disabled';
  lastLoginAt: Date | null;
}

export const User = definePlatformEntity<UserRecord>({
  name: 'User',
  tableName: 'users',
  properties: {
    email: { type: 'string' },
    name: { type: 'string' },
    passwordHash: { type: 'string', nullable: true, hidden: true },
    kind: { type: 'string' },
    tenantId: { type: 'uuid', nullable: true },
    roles: { type: 'string[]' },
    status: { type: 'string' },
    lastLoginAt: { type: 'Date', nullable: true },
  },
});

export interface RoleRecord extends BaseRow {
  key: string;
  name: string;
  description: string | null;
  permissions: string[];
  builtin: boolean;
  scope: 'platform' | 'tenant';
}

export const Role = definePlatformEntity<RoleRecord>({
  name: 'Role',
  tableName: 'roles',
  properties: {
    key: { type: 'string' },
    name: { type: 'string' },
    description: { type: 'string', nullable: true },
    permissions: { type: 'string[]' },
    builtin: { type: 'boolean' },
    scope: { type: 'string' },
  },
});

export interface SessionRecord extends BaseRow {
  tokenHash: string;
  userId: string;
  expiresAt: Date;
  ip: string | null;
  userAgent: string | null;
}

export const Session = definePlatformEntity<SessionRecord>({
  name: 'Session',
  tableName: 'sessions',
  properties: {
    tokenHash: { type: 'string' },
    userId: { type: 'uuid' },
    expiresAt: { type: 'Date' },
    ip: { type: 'string', nullable: true },
    userAgent: { type: 'string', nullable: true },
  },
});

export interface ApiKeyRecord extends BaseRow {
  name: string;
  prefix: string;
  keyHash: string;
  permissions: string[];
  tenantId: string | null;
  actOnBehalf: boolean;
  createdBy: string | null;
  lastUsedAt: Date | null;
  expiresAt: Date | null;
  revokedAt: Date | null;
}

export const ApiKey = definePlatformEntity<ApiKeyRecord>({
  name: 'ApiKey',
  tableName: 'api_keys',
  properties: {
    name: { type: 'string' },
    prefix: { type: 'string' },
    keyHash: { type: 'string', hidden: true },
    permissions: { type: 'string[]' },
    tenantId: { type: 'uuid', nullable: true },
    actOnBehalf: { type: 'boolean' },
    createdBy: { type: 'uuid', nullable: true },
    lastUsedAt: { type: 'Date', nullable: true },
    expiresAt: { type: 'Date', nullable: true },
    revokedAt: { type: 'Date', nullable: true },
  },
});

export interface NavOverrideRecord extends BaseRow {
  tenantId: string;
  itemId: string;
  hidden: boolean;
  label: string | null;
  order: number | null;
}

export const NavOverride = definePlatformEntity<NavOverrideRecord>({
  name: 'NavOverride',
  tableName: 'nav_overrides',
  properties: {
    tenantId: { type: 'uuid' },
    itemId: { type: 'string' },
    hidden: { type: 'boolean' },
    label: { type: 'string', nullable: true },
    order: { type: 'integer', nullable: true },
  },
});

export interface TenantPluginRecord extends BaseRow {
  tenantId: string;
  plugin: string;
  enabled: boolean;
}

export const TenantPlugin = definePlatformEntity<TenantPluginRecord>({
  name: 'TenantPlugin',
  tableName: 'tenant_plugins',
  properties: {
    tenantId: { type: 'uuid' },
    plugin: { type: 'string' },
    enabled: { type: 'boolean' },
  },
});

export interface PluginSettingRecord extends BaseRow {
  plugin: string;
  tenantId: string | null;
  values: Record<string, unknown>;
}

export const PluginSetting = definePlatformEntity<PluginSettingRecord>({
  name: 'PluginSetting',
  tableName: 'plugin_settings',
  properties: {
    plugin: { type: 'string' },
    tenantId: { type: 'uuid', nullable: true },
    values: { type: 'json' },
  },
});

export const kernelEntities = [Tenant, User, Role, Session, ApiKey, NavOverride, TenantPlugin, PluginSetting];
