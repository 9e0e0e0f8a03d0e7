import type { PluginContext, EntityManager } from '@platform/sdk';
import type { MessageChannel } from '@platform/sdk/messaging';
import { AnnouncedCache } from '../announced-cache.ts';
import type { ProviderConfigStore, StoredProviderConfig } from './provider-config-store.ts';

/**
 * The provider order of a tenant and channel, as the sender reads it for every message, cached: changes to
 * assignments and configurations made through {@link change} (their routes) take effect on this instance when they
 * commit and on the others when the announcement reaches them (milliseconds); anything else (tenant deletion, SQL by
 * hand) within `ttlMs` (10 s). Cached configurations are shared: never mutate one.
 */
export class SendingOrderCache {
  private readonly cache: AnnouncedCache<string, StoredProviderConfig[]>;

  constructor(ctx: Pick<PluginContext, 'db' | 'broadcast' | 'logger'>, private readonly configs: ProviderConfigStore, ttlMs = 10_000) {
    this.cache = new AnnouncedCache(ctx.db, ctx.broadcast, { channel: 'messaging.sending-order', capacity: 10_000, ttlMs }, ctx.logger);
  }

  /** {@link ProviderConfigStore.sendingOrder}, cached per tenant and channel. */
  sendingOrder(tenantId: string | null, channel: MessageChannel): Promise<StoredProviderConfig[]> {
    return this.cache.get(`${tenantId ?? ''}/${channel}`, () => this.configs.sendingOrder(tenantId, channel));
  }

  /** A transaction that changes assignments or configurations: every instance's cached orders are dropped on commit. */
  change<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    return this.cache.change(work);
  }
}
