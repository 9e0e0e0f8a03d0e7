import type { EntityManager, PluginContext } from '@platform/sdk';
import type { MessageChannel } from '@platform/sdk/messaging';
import { AnnouncedCache } from '../announced-cache.ts';
import type { TemplateRecord, TemplateVersionRecord } from './template-record.ts';
import { currentVersions, findTemplateForSending } from './template-store.ts';

/** Broadcast channel of template changes (the service's writes, a tenant's copies at provisioning). */
export const TEMPLATES_CHANGED_CHANNEL = 'messaging.templates';

/** The template a send of (tenant, channel, key) uses, with its current version per language. */
export interface SendingTemplate {
  template: TemplateRecord;
  versions: Map<string, TemplateVersionRecord>;
}

/**
 * What sending reads of templates for every message, cached per (tenant, channel, key), including "none": a
 * change made through {@link change} (the template routes) takes effect here when it commits and on the other
 * instances when the announcement reaches them; anything else within `ttlMs` (10 s). Cached records are shared:
 * never mutate one.
 */
export class SendingTemplateCache {
  private readonly cache: AnnouncedCache<string, SendingTemplate | null>;

  constructor(private readonly ctx: Pick<PluginContext, 'db' | 'broadcast' | 'logger'>, ttlMs = 10_000) {
    this.cache = new AnnouncedCache(ctx.db, ctx.broadcast, { channel: TEMPLATES_CHANGED_CHANNEL, capacity: 10_000, ttlMs }, ctx.logger);
  }

  find(tenantId: string | null, channel: MessageChannel, key: string): Promise<SendingTemplate | null> {
    return this.cache.get(`${tenantId ?? ''}/${channel}/${key}`, async () => {
      const template = await findTemplateForSending(this.ctx.db, tenantId, channel, key);
      if (!template) return null;
      return { template, versions: (await currentVersions(this.ctx.db, [template.id])).get(template.id) ?? new Map() };
    });
  }

  /** A transaction that changes templates: every instance's cached templates are dropped on commit. */
  change<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    return this.cache.change(work);
  }
}
