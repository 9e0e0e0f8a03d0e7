import type { MikroORM } from '@mikro-orm/core';
import { Value } from '@sinclair/typebox/value';
import type { TObject } from '@sinclair/typebox';
import { isSecretSchema, ProblemError, SECRET_MASK, type PluginManifest } from '@platform/sdk';
import { PluginSetting } from '../entities/kernel-entities.ts';
import { SecretBox } from './secret-box.ts';

export const MASK = SECRET_MASK;

function secretKeys(schema: TObject | undefined): string[] {
  if (!schema) return [];
  return Object.entries(schema.properties).filter(([, s]) => isSecretSchema(s)).map(([k]) => k);
}

/**
 * Plugin settings, platform-level or per tenant. Fields marked `Secret()` are sealed with AES-256-GCM
 * before they touch the database and are masked whenever the API returns settings.
 */
export class SettingsStore {
  private readonly box: SecretBox;
  constructor(private readonly orm: MikroORM, key: Buffer, private readonly manifests: () => PluginManifest[]) {
    this.box = new SecretBox(key);
  }

  private schemaOf(plugin: string): TObject | undefined {
    return this.manifests().find((m) => m.name === plugin)?.settings;
  }

  private async row(plugin: string, tenantId: string | null) {
    return this.orm.em.fork().findOne(PluginSetting, { plugin, tenantId });
  }

  /** Decrypted values, with the schema's defaults filled in. */
  async get(plugin: string, tenantId: string | null = null): Promise<Record<string, unknown>> {
    const platform = (await this.row(plugin, null))?.values ?? {};
    const own = tenantId ? (await this.row(plugin, tenantId))?.values ?? {} : {};
    return this.open(plugin, platform, own);
  }

  /** `get(plugin, tenantId)` for each of `tenantIds`, in one query per 1,000 tenants. */
  async getForTenants(plugin: string, tenantIds: readonly string[]): Promise<Map<string, Record<string, unknown>>> {
    const platform = (await this.row(plugin, null))?.values ?? {};
    const own = new Map<string, Record<string, unknown>>();
    for (let i = 0; i < tenantIds.length; i += 1000) {
      const rows = await this.orm.em.fork().find(PluginSetting, { plugin, tenantId: { $in: tenantIds.slice(i, i + 1000) as string[] } });
      for (const r of rows) own.set(r.tenantId!, r.values);
    }
    return new Map(tenantIds.map((id) => [id, this.open(plugin, platform, own.get(id) ?? {})]));
  }

  private open(plugin: string, platform: Record<string, unknown>, own: Record<string, unknown>): Record<string, unknown> {
    const schema = this.schemaOf(plugin);
    const merged: Record<string, unknown> = { ...platform, ...own };
    for (const k of secretKeys(schema)) if (SecretBox.isSealed(merged[k])) merged[k] = this.box.decrypt(merged[k] as string);
    return schema ? (Value.Default(schema, merged) as Record<string, unknown>) : merged;
  }

  /** What the API shows: secrets replaced by a mask (or null when unset). */
  async getMasked(plugin: string, tenantId: string | null = null): Promise<Record<string, unknown>> {
    const values = await this.get(plugin, tenantId);
    for (const k of secretKeys(this.schemaOf(plugin))) values[k] = values[k] ? MASK : null;
    return values;
  }

  /** Validates against the plugin's schema; a masked secret sent back unchanged keeps the stored value. */
  async set(plugin: string, values: Record<string, unknown>, tenantId: string | null = null): Promise<{ before: Record<string, unknown>; after: Record<string, unknown> }> {
    const schema = this.schemaOf(plugin);
    if (!schema) throw new ProblemError(400, 'no_settings', `Plugin "${plugin}" has no settings`);
    const em = this.orm.em.fork();
    const existing = await em.findOne(PluginSetting, { plugin, tenantId });
    const stored = { ...(existing?.values ?? {}) };
    const secrets = secretKeys(schema);
    const next: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(values)) {
      if (!(k in schema.properties)) throw new ProblemError(400, 'validation_failed', `Unknown setting "${k}"`, { field: k });
      next[k] = secrets.includes(k) && v === MASK ? (SecretBox.isSealed(stored[k]) ? this.box.decrypt(stored[k] as string) : undefined) : v;
    }
    const candidate = { ...(await this.get(plugin, tenantId)), ...next };
    const error = Value.Errors(schema, candidate).First();
    if (error) {
      const field = error.path.replace(/^\//, '').replace(/\//g, '.') || 'settings';
      throw new ProblemError(400, 'validation_failed', `Setting "${field}" ${error.message.toLowerCase()}`, { field });
    }
    const sealed: Record<string, unknown> = { ...stored };
    for (const [k, v] of Object.entries(next)) sealed[k] = secrets.includes(k) && typeof v === 'string' && v !== '' ? this.box.encrypt(v) : v;
    const before = await this.getMasked(plugin, tenantId);
    if (existing) existing.values = sealed;
    else em.create(PluginSetting, { plugin, tenantId, values: sealed } as any);
    await em.flush();
    return { before, after: await this.getMasked(plugin, tenantId) };
  }
}
