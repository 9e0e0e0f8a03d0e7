import type { PluginContext, EntityManager } from '@platform/sdk';
import { AnnouncedCache } from '../announced-cache.ts';
import type { NotificationRule } from './notification-rule.ts';
import type { NotificationRuleStore } from './notification-rule-store.ts';

/**
 * The enabled rules per event tenant, as the worker reads them for every durable event, cached: rule changes made
 * through {@link change} (the rule routes) take effect on this instance when they commit and on the others when the
 * announcement reaches them (milliseconds); anything else (tenant deletion, SQL by hand) within `ttlMs` (10 s).
 */
export class EnabledRuleCache {
  private readonly cache: AnnouncedCache<string, NotificationRule[]>;

  constructor(ctx: Pick<PluginContext, 'db' | 'broadcast' | 'logger'>, private readonly store: NotificationRuleStore, ttlMs = 10_000) {
    this.cache = new AnnouncedCache(ctx.db, ctx.broadcast, { channel: 'messaging.notification-rules', capacity: 10_000, ttlMs }, ctx.logger);
  }

  /** {@link NotificationRuleStore.enabledFor}, cached per tenant (null: platform events). */
  enabledFor(tenantId: string | null): Promise<NotificationRule[]> {
    return this.cache.get(tenantId ?? '', () => this.store.enabledFor(tenantId));
  }

  /** A transaction that changes rules: every instance's cached rules are dropped on commit. */
  change<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    return this.cache.change(work);
  }
}
