import { randomUUID } from 'node:crypto';
import { ProblemError, type EntityManager, type PluginContext } from '@platform/sdk';
import { resolvePaymentProviderConfig, type PaymentProviderDefinition } from '@platform/sdk/payments';
import type { PaymentProviderCatalog } from './payment-provider-catalog.ts';

export interface PaymentConfigRecord {
  id: string;
  providerId: string;
  name: string;
  /** As stored: Secret() fields sealed. */
  settings: Record<string, unknown>;
  isDefault: boolean;
  createdAt: string;
}

interface Row {
  id: string;
  provider_id: string;
  name: string;
  settings: Record<string, unknown>;
  is_default: boolean;
  created_at: Date;
}

const COLUMNS = 'id::text, provider_id, name, settings, is_default, created_at';
const recordOf = (r: Row): PaymentConfigRecord => ({ id: r.id, providerId: r.provider_id, name: r.name, settings: r.settings ?? {}, isDefault: r.is_default, createdAt: new Date(r.created_at).toISOString() });

/** Payment provider configurations: settings validated against the provider's schema, secrets sealed by the kernel. */
export class PaymentConfigs {
  constructor(
    private readonly ctx: Pick<PluginContext, 'db' | 'secrets' | 'kernel'>,
    private readonly catalog: PaymentProviderCatalog,
  ) {}

  async list(em?: EntityManager): Promise<PaymentConfigRecord[]> {
    return (await this.ctx.db.sql<Row>(`SELECT ${COLUMNS} FROM billing_payment_configs ORDER BY created_at`, [], em)).map(recordOf);
  }

  async get(id: string, em?: EntityManager): Promise<PaymentConfigRecord | null> {
    const [row] = await this.ctx.db.sql<Row>(`SELECT ${COLUMNS} FROM billing_payment_configs WHERE id = $1`, [id], em);
    return row ? recordOf(row) : null;
  }

  async defaultConfig(em?: EntityManager): Promise<PaymentConfigRecord | null> {
    const [row] = await this.ctx.db.sql<Row>(`SELECT ${COLUMNS} FROM billing_payment_configs WHERE is_default`, [], em);
    return row ? recordOf(row) : null;
  }

  provider(providerId: string): PaymentProviderDefinition<any> {
    const provider = this.catalog.find(providerId);
    if (!provider) throw new ProblemError(400, 'validation_failed', `No payment provider "${providerId}" is installed`, { field: 'providerId' });
    return provider;
  }

  /** Validates `settings` against the provider's schema (400 naming `settings.<field>`) and seals its secrets. */
  async create(em: EntityManager, input: { providerId: string; name: string; settings: Record<string, unknown>; isDefault?: boolean }): Promise<PaymentConfigRecord> {
    const provider = this.provider(input.providerId);
    const resolved = resolvePaymentProviderConfig(provider, input.settings ?? {});
    if (!resolved.ok) throw new ProblemError(400, 'validation_failed', `settings: ${resolved.problem}`, { field: `settings.${resolved.field}` });
    const sealed = this.ctx.secrets.seal(provider.configSchema, resolved.config as Record<string, unknown>);
    if (input.isDefault) await this.ctx.db.sql('UPDATE billing_payment_configs SET is_default = false, updated_at = now() WHERE is_default', [], em);
    const [row] = await this.ctx.db.sql<Row>(
      `INSERT INTO billing_payment_configs (id, provider_id, name, settings, is_default) VALUES ($1, $2, $3, $4::jsonb, $5) RETURNING ${COLUMNS}`,
      [randomUUID(), input.providerId, input.name, JSON.stringify(sealed), !!input.isDefault],
      em,
    );
    return recordOf(row!);
  }

  /** The settings with secrets decrypted, for a provider call. */
  open(config: PaymentConfigRecord): Record<string, unknown> {
    return this.ctx.secrets.open(this.provider(config.providerId).configSchema, config.settings);
  }

  /** What the API shows: secrets masked. */
  view(config: PaymentConfigRecord) {
    const provider = this.catalog.find(config.providerId);
    return { ...config, settings: provider ? this.ctx.secrets.mask(provider.configSchema, config.settings) : {}, providerInstalled: !!provider, webhookUrl: this.webhookUrl(config.id) };
  }

  webhookUrl(configId: string): string {
    return `${this.ctx.kernel.baseUrl.replace(/\/+$/, '')}/api/billing/webhooks/${configId}`;
  }
}
