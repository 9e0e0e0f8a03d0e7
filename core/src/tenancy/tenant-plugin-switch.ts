import { randomUUID } from 'node:crypto';
import type { EntityManager, EventSubscriber, MikroORM, TransactionEventArgs } from '@mikro-orm/core';
import { ProblemError, type EventBus, type InstalledPluginInfo, type PluginManifest, type TenantPluginSetOptions, type TenantPluginState, type TenantPluginSwitch } from '@platform/sdk';
import { requireEntitlement, type EntitlementChecker } from '@platform/sdk/entitlements';
import type { createAuditWriter } from '../audit/audit-writer.ts';
import { runSql } from '../db/orm.ts';
import type { CachedTenantDirectory } from './tenant-directory.ts';

function infoOf(m: PluginManifest): InstalledPluginInfo {
  return { name: m.name, version: m.version, description: m.description ?? null, scope: m.scope === 'tenant' ? 'tenant' : 'platform', defaultEnabled: m.defaultEnabled !== false };
}

/**
 * Refreshes the tenant directory's cached enablement once the transaction that changed it commits (at once
 * when the write committed on its own), so no request reads the old value from the cache after the commit.
 */
class InvalidateOnCommit implements EventSubscriber {
  private readonly pending = new WeakMap<object, Set<string>>();
  constructor(private readonly directory: CachedTenantDirectory) {}

  after(em: EntityManager, tenantId: string): void {
    const trx = em.isInTransaction() ? (em.getTransactionContext() as object | undefined) : undefined;
    if (!trx) return this.directory.invalidate(tenantId);
    let waiting = this.pending.get(trx);
    if (!waiting) this.pending.set(trx, (waiting = new Set()));
    waiting.add(tenantId);
  }

  afterTransactionCommit({ transaction }: TransactionEventArgs): void {
    const waiting = transaction ? this.pending.get(transaction as object) : undefined;
    if (!waiting) return;
    this.pending.delete(transaction as object);
    for (const tenantId of waiting) this.directory.invalidate(tenantId);
  }

  afterTransactionRollback({ transaction }: TransactionEventArgs): void {
    if (transaction) this.pending.delete(transaction as object);
  }
}

/** The kernel's {@link TenantPluginSwitch}: per-tenant enablement of `scope: 'tenant'` plugins for other plugins. */
export class KernelTenantPluginSwitch implements TenantPluginSwitch {
  private readonly onCommit: InvalidateOnCommit;

  constructor(
    private readonly deps: {
      orm: MikroORM;
      plugins: () => PluginManifest[];
      directory: CachedTenantDirectory;
      events: EventBus;
      audit: ReturnType<typeof createAuditWriter>;
      /** The plan service (`entitlements`), when a plugin provides it: `withinPlan` enabling checks it. */
      entitlements?: () => EntitlementChecker | null;
    },
  ) {
    this.onCommit = new InvalidateOnCommit(deps.directory);
    deps.orm.em.getEventManager().registerSubscriber(this.onCommit);
  }

  describe(plugin: string): InstalledPluginInfo | null {
    const m = this.deps.plugins().find((p) => p.name === plugin);
    return m ? infoOf(m) : null;
  }

  tenantScoped(): InstalledPluginInfo[] {
    return this.deps.plugins().filter((p) => p.scope === 'tenant').map(infoOf);
  }

  async setEnabled(tenantId: string, plugin: string, enabled: boolean, options: TenantPluginSetOptions): Promise<{ before: boolean; enabled: boolean }> {
    const info = this.describe(plugin);
    if (!info) throw new ProblemError(404, 'plugin_not_found', `Plugin "${plugin}" is not installed`, { field: 'plugin' });
    if (info.scope !== 'tenant') throw new ProblemError(409, 'plugin_platform_scoped', `Plugin "${plugin}" is platform-wide and cannot be toggled per tenant`, { field: 'plugin' });
    const checker = this.deps.entitlements?.() ?? null;
    if (enabled && options.withinPlan && checker) await requireEntitlement(checker, tenantId, `plugin:${plugin}`);
    const work = async (em: EntityManager) => {
      const [row] = await runSql<{ enabled: boolean }>(em, 'SELECT enabled FROM tenant_plugins WHERE tenant_id = $1 AND plugin = $2 FOR UPDATE', [tenantId, plugin]);
      const before = row ? row.enabled : info.defaultEnabled;
      await runSql(
        em,
        `INSERT INTO tenant_plugins (id, tenant_id, plugin, enabled) VALUES ($1, $2, $3, $4)
         ON CONFLICT (tenant_id, plugin) DO UPDATE SET enabled = EXCLUDED.enabled, updated_at = now()`,
        [randomUUID(), tenantId, plugin, enabled],
      );
      if (before !== enabled) {
        await this.deps.audit.record(
          { action: enabled ? 'plugin.enabled' : 'plugin.disabled', tenantId, targetType: 'plugin', targetId: plugin, before: { enabled: before }, after: { enabled }, reason: options.reason ?? null, actorLabel: options.actorLabel },
          em,
        );
        await this.deps.events.emitDurable(em, 'tenant.plugin_toggled', { tenantId, plugin, enabled });
      }
      this.onCommit.after(em, tenantId);
      return { before, enabled };
    };
    if (options.em) return work(options.em);
    return this.deps.orm.em.fork().transactional(work);
  }

  async statesFor(tenantId: string): Promise<TenantPluginState[]> {
    const checker = this.deps.entitlements?.() ?? null;
    return Promise.all(
      this.tenantScoped().map(async (info) => ({
        ...info,
        enabled: await this.deps.directory.isPluginEnabled(tenantId, info.name),
        entitled: checker ? (await checker.check(tenantId, `plugin:${info.name}`)).allowed : null,
      })),
    );
  }
}
