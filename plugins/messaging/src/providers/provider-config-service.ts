import { randomUUID } from 'node:crypto';
import { ProblemError, SECRET_MASK, type PluginContext, type RequestContext } from '@platform/sdk';
import { attemptProviderConnectionTest, resolveProviderConfig, type MessageChannel } from '@platform/sdk/messaging';
import { secretFieldsOf } from '@platform/sdk/monitors';
import type { AnyProvider, ProviderCatalog } from './provider-catalog.ts';
import type { SendingOrderCache } from './sending-order-cache.ts';
import type { ProviderConfigStore, StoredProviderConfig } from './provider-config-store.ts';
import type { CreateProviderConfig, UpdateProviderConfig } from './provider-config-input.ts';
import { callbackUrlOf } from '../callbacks/callback-url.ts';

/** A configuration as the API shows it: secrets masked, the provider's name and the callback URL to give the provider. */
export interface ProviderConfigView {
  id: string;
  channel: MessageChannel;
  providerId: string;
  providerName: string | null;
  /** False when no installed plugin provides `providerId` (the configuration cannot send). */
  providerInstalled: boolean;
  name: string;
  config: Record<string, unknown>;
  enabled: boolean;
  callbackUrl: string;
  lastTestAt: string | null;
  lastTestOk: boolean | null;
  lastTestDetail: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface ConnectionTestResult {
  ok: boolean;
  detail: string | null;
  /** The failure's kind (auth, unavailable, timeout, rejected) when it failed. */
  kind: string | null;
}

/** Provider configurations: validated against the provider's schema, secrets sealed at rest and masked in answers, changes audited. */
export class ProviderConfigService {
  constructor(
    private readonly ctx: PluginContext,
    private readonly store: ProviderConfigStore,
    private readonly catalog: ProviderCatalog,
    private readonly clock: () => number,
    /** Edits and deletions drop every instance's cached provider orders (sending-order-cache.ts). */
    private readonly orders: SendingOrderCache,
  ) {}

  view(c: StoredProviderConfig): ProviderConfigView {
    const provider = this.catalog.find(c.channel, c.providerId);
    return {
      id: c.id,
      channel: c.channel,
      providerId: c.providerId,
      providerName: provider?.name ?? null,
      providerInstalled: !!provider,
      name: c.name,
      config: provider ? this.ctx.secrets.mask(provider.configSchema, c.config) : {},
      enabled: c.enabled,
      callbackUrl: callbackUrlOf(this.ctx.kernel.baseUrl, c.id),
      lastTestAt: c.lastTestAt,
      lastTestOk: c.lastTestOk,
      lastTestDetail: c.lastTestDetail,
      createdAt: c.createdAt,
      updatedAt: c.updatedAt,
    };
  }

  /** The stored configuration's values with secrets decrypted (for sending and callbacks). */
  open(provider: AnyProvider, c: StoredProviderConfig): Record<string, unknown> {
    return this.ctx.secrets.open(provider.configSchema, c.config);
  }

  async get(id: string): Promise<StoredProviderConfig> {
    const c = await this.store.find(id);
    if (!c) throw new ProblemError(404, 'not_found', `provider configuration ${id} not found`);
    return c;
  }

  async create(req: RequestContext, input: CreateProviderConfig): Promise<ProviderConfigView> {
    const provider = this.catalog.find(input.channel, input.providerId);
    if (!provider)
      throw new ProblemError(400, 'unknown_provider', `No installed ${input.channel} provider is called "${input.providerId}"; installed: ${this.catalog.list(input.channel).map((r) => r.provider.id).join(', ') || 'none'}`, { field: 'providerId' });
    const name = input.name.trim();
    if (!name) throw new ProblemError(400, 'validation_failed', 'name must not be blank', { field: 'name' });
    const config = this.validated(provider, input.config ?? {});
    const sealed = this.ctx.secrets.seal(provider.configSchema, config);
    const id = randomUUID();
    const at = new Date(this.clock()).toISOString();
    await this.ctx.db.system().transactional(async (em) => {
      if (await this.store.nameTaken(input.channel, name, null, em)) throw new ProblemError(409, 'name_taken', `An ${input.channel} provider configuration is already called "${name}"`, { field: 'name' });
      await this.store.insert(em, { id, channel: input.channel, providerId: provider.id, name, config: sealed, enabled: input.enabled ?? true }, at);
      await req.audit({ action: 'messaging.provider_config.created', targetType: 'messaging.provider_config', targetId: id, after: { channel: input.channel, providerId: provider.id, name, enabled: input.enabled ?? true, config: this.ctx.secrets.mask(provider.configSchema, sealed) } }, em);
    });
    return this.view((await this.store.find(id))!);
  }

  async update(req: RequestContext, id: string, input: UpdateProviderConfig): Promise<ProviderConfigView> {
    await this.orders.change(async (em) => {
      const existing = await this.store.find(id, em, true);
      if (!existing) throw new ProblemError(404, 'not_found', `provider configuration ${id} not found`);
      const provider = this.catalog.find(existing.channel, existing.providerId);
      if (!provider) throw new ProblemError(409, 'provider_not_installed', `The ${existing.channel} provider "${existing.providerId}" is not installed: its configurations cannot be edited`, { field: 'providerId' });
      const name = input.name === undefined ? existing.name : input.name.trim();
      if (!name) throw new ProblemError(400, 'validation_failed', 'name must not be blank', { field: 'name' });
      if (name.toLowerCase() !== existing.name.toLowerCase() && (await this.store.nameTaken(existing.channel, name, id, em)))
        throw new ProblemError(409, 'name_taken', `An ${existing.channel} provider configuration is already called "${name}"`, { field: 'name' });
      let config = existing.config;
      let secretsChanged: string[] = [];
      if (input.config !== undefined) {
        const opened = this.open(provider, existing);
        // Fields not sent keep their values, a secret sent back masked (what the API showed) too; '' clears an
        // optional field. What will be used is validated as a whole.
        const sent = Object.fromEntries(Object.entries(input.config).map(([k, v]) => [k, v === SECRET_MASK ? opened[k] : v]));
        const merged = this.validated(provider, { ...opened, ...sent });
        secretsChanged = changedSecrets(provider, opened, merged);
        config = this.ctx.secrets.seal(provider.configSchema, merged);
      }
      const enabled = input.enabled ?? existing.enabled;
      await this.store.update(em, id, { name, config, enabled }, new Date(this.clock()).toISOString());
      const show = (c: Record<string, unknown>) => this.ctx.secrets.mask(provider.configSchema, c);
      await req.audit(
        {
          action: 'messaging.provider_config.updated',
          targetType: 'messaging.provider_config',
          targetId: id,
          before: { name: existing.name, enabled: existing.enabled, config: show(existing.config) },
          after: { name, enabled, config: show(config), secretsChanged },
        },
        em,
      );
    });
    return this.view((await this.store.find(id))!);
  }

  async delete(req: RequestContext, id: string): Promise<ProviderConfigView> {
    return this.orders.change(async (em) => {
      const existing = await this.store.find(id, em, true);
      if (!existing) throw new ProblemError(404, 'not_found', `provider configuration ${id} not found`);
      const [{ n }] = await this.ctx.db.sql<{ n: number }>(`SELECT count(*)::int AS n FROM messaging_assignments WHERE $1::uuid = ANY(provider_config_ids)`, [id], em);
      if (n > 0) throw new ProblemError(409, 'provider_config_assigned', `This configuration is in ${n} assignment(s): remove it from them first`, { field: 'id' });
      await this.store.delete(em, id);
      await req.audit({ action: 'messaging.provider_config.deleted', targetType: 'messaging.provider_config', targetId: id, before: { channel: existing.channel, providerId: existing.providerId, name: existing.name } }, em);
      return this.view(existing);
    });
  }

  /** "Test connection": one cheap authenticated call through the provider; the result is kept on the configuration. */
  async test(req: RequestContext, id: string): Promise<ConnectionTestResult> {
    const existing = await this.get(id);
    const provider = this.catalog.find(existing.channel, existing.providerId);
    let result: ConnectionTestResult;
    if (!provider) result = { ok: false, kind: 'unavailable', detail: `The ${existing.channel} provider "${existing.providerId}" is not installed` };
    else {
      const outcome = await attemptProviderConnectionTest(provider, this.open(provider, existing), { idempotencyKey: `connection-test-${id}`, callbackUrl: callbackUrlOf(this.ctx.kernel.baseUrl, id) });
      result = outcome.ok ? { ok: true, kind: null, detail: outcome.detail ?? null } : { ok: false, kind: outcome.error.kind, detail: outcome.error.message };
    }
    await this.ctx.db.system().transactional(async (em) => {
      await this.store.recordTest(em, id, result.ok, result.detail, new Date(this.clock()).toISOString());
      await req.audit({ action: 'messaging.provider_config.tested', targetType: 'messaging.provider_config', targetId: id, after: result }, em);
    });
    return result;
  }

  /** Defaults applied and checked against the provider's schema; a bad value is a 400 naming `config.<field>`. */
  private validated(provider: AnyProvider, values: Record<string, unknown>): Record<string, unknown> {
    const resolved = resolveProviderConfig(provider, values);
    if (!resolved.ok) throw new ProblemError(400, 'invalid_config', resolved.problem, { field: resolved.field === 'config' ? 'config' : `config.${resolved.field}` });
    const known = new Set(Object.keys(provider.configSchema.properties));
    const unknown = Object.keys(values).find((k) => !known.has(k));
    if (unknown !== undefined && provider.configSchema.additionalProperties === false)
      throw new ProblemError(400, 'invalid_config', `"${unknown}" is not a setting of ${provider.name}`, { field: `config.${unknown}` });
    return resolved.config as Record<string, unknown>;
  }
}

/** Names of the secret fields whose value an edit changes (compared decrypted; never the values themselves). */
function changedSecrets(provider: AnyProvider, before: Record<string, unknown>, after: Record<string, unknown>): string[] {
  return secretFieldsOf(provider.configSchema).filter((k) => (before[k] ?? null) !== (after[k] ?? null));
}
