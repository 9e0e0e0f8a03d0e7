import { randomUUID } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/core';
import type { TenantNavLayout, TenantNavLayoutItem } from '@platform/sdk';
import type { createAuditWriter } from '../audit/audit-writer.ts';
import { runSql } from '../db/orm.ts';
import type { RegisteredNavItem } from './nav-registry.ts';

/** The kernel's {@link TenantNavLayout}: a tenant's default menu layout as its navigation overrides (`nav_overrides`). */
export class KernelTenantNavLayout implements TenantNavLayout {
  constructor(private readonly deps: { orm: MikroORM; audit: ReturnType<typeof createAuditWriter>; nav: () => RegisteredNavItem[] }) {}

  async seedDefaults(tenantId: string, items: readonly TenantNavLayoutItem[], by: { actorLabel: string }): Promise<string[]> {
    const known = new Set(this.deps.nav().map((i) => i.id));
    return this.deps.orm.em.fork().transactional(async (em) => {
      // One seeding at a time per tenant (two instances provisioning the same tenant after a failure).
      await runSql(em, 'SELECT pg_advisory_xact_lock(hashtext($1))', [`nav-layout:${tenantId}`]);
      const created: string[] = [];
      for (const item of items) {
        if (!known.has(item.itemId)) continue;
        const after = { itemId: item.itemId, hidden: item.hidden ?? false, label: item.label ?? null, order: item.order ?? null };
        const rows = await runSql<{ item_id: string }>(
          em,
          `INSERT INTO nav_overrides (id, tenant_id, item_id, hidden, label, "order", created_at, updated_at)
           SELECT $1, $2, $3, $4, $5, $6, now(), now() WHERE NOT EXISTS (SELECT 1 FROM nav_overrides WHERE tenant_id = $2 AND item_id = $3)
           RETURNING item_id`,
          [randomUUID(), tenantId, after.itemId, after.hidden, after.label, after.order],
        );
        if (rows.length === 0) continue;
        await this.deps.audit.record({ action: 'nav.override_saved', tenantId, targetType: 'nav_item', targetId: item.itemId, before: null, after, actorType: 'system', actorLabel: by.actorLabel, reason: 'Default layout of a new tenant' }, em);
        created.push(item.itemId);
      }
      return created;
    });
  }
}
