import { ProblemError, Secret, Type, problems, type EntityManager, type PluginContext } from '@platform/sdk';
import { INTEGRATION_TYPES, validateIntegrationCredentials, type IntegrationRegistration } from '@platform/sdk/integrations';
import { integrationView, type DeliveryView, type IntegrationRow, type IntegrationView } from './integration-record.ts';
import type { IntegrationStore } from './integration-store.ts';
import { newWebhookSecret, newWebhookToken, SIGNATURE_HEADER, verifyWebhookSignature, WEBHOOK_TOLERANCE_SECONDS } from './webhook-signature.ts';

export const INTEGRATION_DELIVERY = 'marketplace.integration.delivery';

declare module '@platform/sdk' {
  interface PlatformEvents {
    'marketplace.integration.delivery': { tenantId: string; integrationId: string; type: string; deliveryId: string };
  }
}

const SECRET_SCHEMA = Type.Object({ secret: Secret(Type.String()) });

export interface IntegrationTypeView {
  id: string;
  name: string;
  description: string | null;
  configSchema: unknown;
  /** `free`: anyone may connect it; `purchased`: bought in the marketplace; `needs_purchase`: sold there, not bought. */
  availability: 'free' | 'purchased' | 'needs_purchase';
  /** The published add-on that sells it, when there is one. */
  addonId: string | null;
}

type Audit = (entry: { action: string; tenantId: string; targetType: string; targetId: string; before?: unknown; after?: unknown }, em: EntityManager) => Promise<void>;

function refuse(field: string, detail: string, code = 'validation_failed'): never {
  throw new ProblemError(400, code, detail, { field });
}

function nameOf(value: unknown, fallback: string): string {
  if (value === undefined || value === null || value === '') return fallback;
  if (typeof value !== 'string' || value.includes('\u0000') || value.trim().length > 120) refuse('name', '"name" must be text of at most 120 characters');
  return value.trim() || fallback;
}

function configOf(value: unknown): Record<string, unknown> {
  if (!value || typeof value !== 'object' || Array.isArray(value)) refuse('config', '"config" must be an object with the integration type\'s fields');
  for (const [k, v] of Object.entries(value)) if (typeof v === 'string' && v.includes('\u0000')) refuse(`config.${k}`, `"config.${k}" must not contain NUL bytes`);
  return value as Record<string, unknown>;
}

/**
 * The integrations catalog: the types plugins contribute (`INTEGRATION_TYPES`), and each tenant's connected
 * integrations with credentials validated at save by a call to the provider (sealed by the kernel, masked in
 * answers), a per-integration inbound webhook endpoint with its own HMAC signing secret, and its deliveries.
 * A type sold in the marketplace (an `integration` add-on) needs an active purchase to be connected or to receive.
 */
export class IntegrationService {
  private readonly hookBase: string;

  constructor(private readonly ctx: PluginContext, private readonly store: IntegrationStore, private readonly clock: () => number) {
    this.hookBase = `${ctx.kernel.baseUrl.replace(/\/+$/, '')}/api/marketplace/hooks`;
  }

  private registration(type: string): IntegrationRegistration | null {
    return this.ctx.extensions.get(INTEGRATION_TYPES).find((r) => r.integration.id === type) ?? null;
  }

  private view(row: IntegrationRow): IntegrationView {
    const reg = this.registration(row.type);
    const masked = reg ? this.ctx.secrets.mask(reg.integration.configSchema, row.config) : {};
    return integrationView(row, masked, this.hookBase);
  }

  private tx<T>(tenantId: string, work: (em: EntityManager) => Promise<T>): Promise<T> {
    return this.ctx.db.forTenant(tenantId).transactional(work);
  }

  /** Whether the tenant may use the type now, and the add-on that sells it. */
  private async availability(em: EntityManager, tenantId: string, type: string): Promise<Pick<IntegrationTypeView, 'availability' | 'addonId'>> {
    const sold = await this.ctx.db.sql<{ id: string; status: string }>(
      `SELECT id, status FROM marketplace_addons WHERE kind = 'integration' AND provision->>'integrationType' = $1 AND status <> 'draft' ORDER BY status = 'published' DESC, created_at`,
      [type],
      em,
    );
    if (!sold.length) return { availability: 'free', addonId: null };
    const [held] = await this.ctx.db.sql(
      `SELECT 1 FROM marketplace_purchases WHERE tenant_id = $1 AND status = 'active' AND kind = 'integration' AND provision->>'integrationType' = $2 LIMIT 1`,
      [tenantId, type],
      em,
    );
    const published = sold.find((a) => a.status === 'published');
    return { availability: held ? 'purchased' : 'needs_purchase', addonId: published?.id ?? null };
  }

  async types(tenantId: string): Promise<IntegrationTypeView[]> {
    return this.tx(tenantId, async (em) => {
      const out: IntegrationTypeView[] = [];
      for (const { integration } of this.ctx.extensions.get(INTEGRATION_TYPES))
        out.push({ id: integration.id, name: integration.name, description: integration.description ?? null, configSchema: integration.configSchema, ...(await this.availability(em, tenantId, integration.id)) });
      return out.sort((a, b) => a.name.localeCompare(b.name));
    });
  }

  async list(tenantId: string): Promise<IntegrationView[]> {
    return (await this.tx(tenantId, (em) => this.store.list(em, tenantId))).map((r) => this.view(r));
  }

  async get(tenantId: string, id: string): Promise<IntegrationView> {
    const row = await this.tx(tenantId, (em) => this.store.get(em, tenantId, id));
    if (!row) throw problems.notFound('Integration');
    return this.view(row);
  }

  private async validated(tenantId: string, reg: IntegrationRegistration, values: Record<string, unknown>): Promise<{ config: Record<string, unknown>; detail: string | null }> {
    const outcome = await validateIntegrationCredentials(reg.integration, tenantId, values);
    if (outcome.ok) return { config: outcome.config, detail: outcome.detail };
    const field = outcome.field === 'config' ? 'config' : `config.${outcome.field}`;
    if (outcome.kind === 'invalid') refuse(field, outcome.message);
    if (outcome.kind === 'refused') refuse(field, outcome.message, 'credentials_refused');
    refuse(field, `The provider could not be reached to check the credentials: ${outcome.message}`, 'credentials_unverified');
  }

  async create(tenantId: string, body: unknown, audit: Audit): Promise<IntegrationView & { webhookSecret: string }> {
    if (!body || typeof body !== 'object' || Array.isArray(body)) refuse('body', 'The body must be a JSON object');
    const input = body as Record<string, unknown>;
    if (typeof input.type !== 'string' || !input.type) refuse('type', '"type" is required');
    const reg = this.registration(input.type);
    if (!reg) refuse('type', `No integration type "${String(input.type).slice(0, 60)}"`);
    const name = nameOf(input.name, reg.integration.name);
    const values = configOf(input.config);
    await this.tx(tenantId, async (em) => {
      if ((await this.availability(em, tenantId, reg.integration.id)).availability === 'needs_purchase')
        throw new ProblemError(409, 'integration_not_purchased', `${reg.integration.name} is sold in the marketplace; buy it first`, { field: 'type' });
    });
    const { config, detail } = await this.validated(tenantId, reg, values);
    const secret = newWebhookSecret();
    const row = await this.tx(tenantId, async (em) => {
      const clash = await this.ctx.db.sql('SELECT id FROM marketplace_integrations WHERE tenant_id = $1 AND type = $2', [tenantId, reg.integration.id], em);
      if (clash.length) throw new ProblemError(409, 'integration_exists', `${reg.integration.name} is already connected; change that one`, { field: 'type', extra: { id: (clash[0] as { id: string }).id } });
      const created = await this.store.insert(em, {
        tenantId, type: reg.integration.id, name, config: this.ctx.secrets.seal(reg.integration.configSchema, config), detail, token: newWebhookToken(),
        secret: this.ctx.secrets.seal(SECRET_SCHEMA, { secret }), at: new Date(this.clock()),
      });
      await audit({ action: 'marketplace.integration.connected', tenantId, targetType: 'marketplace.integration', targetId: created.id, after: { type: created.type, name, detail } }, em);
      return created;
    });
    return { ...this.view(row), webhookSecret: secret };
  }

  async update(tenantId: string, id: string, body: unknown, audit: Audit): Promise<IntegrationView> {
    if (!body || typeof body !== 'object' || Array.isArray(body)) refuse('body', 'The body must be a JSON object');
    const input = body as Record<string, unknown>;
    if ('enabled' in input && typeof input.enabled !== 'boolean') refuse('enabled', '"enabled" must be true or false');
    const current = await this.tx(tenantId, (em) => this.store.get(em, tenantId, id));
    if (!current) throw problems.notFound('Integration');
    const reg = this.registration(current.type);
    if (!reg) throw new ProblemError(409, 'integration_type_missing', `The integration type "${current.type}" is no longer installed`, { field: 'type' });
    const name = 'name' in input ? nameOf(input.name, current.name) : current.name;
    let sealed = current.config;
    let detail = current.validation_detail;
    let validatedAt = new Date(current.validated_at);
    if ('config' in input) {
      // Masked secrets sent back keep their stored values; the merged configuration is validated with the provider again.
      const merged = this.ctx.secrets.seal(reg.integration.configSchema, { ...this.ctx.secrets.mask(reg.integration.configSchema, current.config), ...configOf(input.config) }, current.config);
      const checked = await this.validated(tenantId, reg, this.ctx.secrets.open(reg.integration.configSchema, merged));
      sealed = this.ctx.secrets.seal(reg.integration.configSchema, checked.config);
      detail = checked.detail;
      validatedAt = new Date(this.clock());
    }
    const enabled = 'enabled' in input ? (input.enabled as boolean) : current.enabled;
    const row = await this.tx(tenantId, async (em) => {
      const locked = await this.store.get(em, tenantId, id, true);
      if (!locked) throw problems.notFound('Integration');
      const after = await this.store.update(em, id, { name, enabled, config: sealed, validatedAt, detail });
      await audit({ action: 'marketplace.integration.updated', tenantId, targetType: 'marketplace.integration', targetId: id, before: { name: locked.name, enabled: locked.enabled }, after: { name, enabled, revalidated: 'config' in input } }, em);
      return after;
    });
    return this.view(row);
  }

  async remove(tenantId: string, id: string, audit: Audit): Promise<IntegrationView> {
    return this.tx(tenantId, async (em) => {
      const row = await this.store.get(em, tenantId, id, true);
      if (!row) throw problems.notFound('Integration');
      await this.store.remove(em, id);
      await audit({ action: 'marketplace.integration.removed', tenantId, targetType: 'marketplace.integration', targetId: id, before: { type: row.type, name: row.name } }, em);
      return this.view(row);
    });
  }

  async rotateSecret(tenantId: string, id: string, audit: Audit): Promise<IntegrationView & { webhookSecret: string }> {
    const secret = newWebhookSecret();
    const row = await this.tx(tenantId, async (em) => {
      const locked = await this.store.get(em, tenantId, id, true);
      if (!locked) throw problems.notFound('Integration');
      const after = await this.store.setSecret(em, id, this.ctx.secrets.seal(SECRET_SCHEMA, { secret }));
      await audit({ action: 'marketplace.integration.secret_rotated', tenantId, targetType: 'marketplace.integration', targetId: id }, em);
      return after;
    });
    return { ...this.view(row), webhookSecret: secret };
  }

  async deliveries(tenantId: string, id: string): Promise<DeliveryView[]> {
    return this.tx(tenantId, async (em) => {
      if (!(await this.store.get(em, tenantId, id))) throw problems.notFound('Integration');
      return this.store.deliveries(em, tenantId, id);
    });
  }

  /**
   * An inbound delivery to `/hooks/:token`: an unknown token, a disabled integration or one whose purchase ended is
   * 404; a missing or wrong `X-Platform-Signature` is recorded as `bad_signature` and answered 401, a signed timestamp
   * outside the tolerance (a replay) is recorded `rejected` and answered 401; a good one is
   * recorded `accepted` and announced durably (`marketplace.integration.delivery`).
   */
  async receive(token: string, headers: Record<string, string | string[] | undefined>, body: Buffer): Promise<DeliveryView> {
    const row = await this.ctx.db.system().transactional((em) => this.store.byToken(em, token));
    if (!row || !row.enabled) throw problems.notFound('Webhook endpoint');
    const usable = await this.tx(row.tenant_id, async (em) => (await this.availability(em, row.tenant_id, row.type)).availability !== 'needs_purchase');
    if (!usable) throw problems.notFound('Webhook endpoint');
    const { secret } = this.ctx.secrets.open(SECRET_SCHEMA, row.webhook_secret) as { secret: string };
    const header = headers[SIGNATURE_HEADER];
    const check = verifyWebhookSignature(secret, body, Array.isArray(header) ? header[0] : header, Math.floor(this.clock() / 1000));
    if (!check.ok && check.reason === 'stale') {
      const error = `signed timestamp more than ${WEBHOOK_TOLERANCE_SECONDS} s from now: refused as a replay`;
      await this.tx(row.tenant_id, (em) => this.store.recordDelivery(em, row, 'rejected', error, body));
      throw new ProblemError(401, 'stale_signature', `The ${SIGNATURE_HEADER} timestamp is more than ${WEBHOOK_TOLERANCE_SECONDS} s from now`);
    }
    if (!check.ok) {
      await this.tx(row.tenant_id, (em) => this.store.recordDelivery(em, row, 'bad_signature', `missing or wrong ${SIGNATURE_HEADER}`, body));
      throw new ProblemError(401, 'invalid_signature', `The ${SIGNATURE_HEADER} header is missing or does not match the body`);
    }
    return this.tx(row.tenant_id, async (em) => {
      const delivery = await this.store.recordDelivery(em, row, 'accepted', null, body);
      await this.ctx.events.emitDurable(em, INTEGRATION_DELIVERY, { tenantId: row.tenant_id, integrationId: row.id, type: row.type, deliveryId: delivery.id });
      return delivery;
    });
  }
}
