import { UniqueConstraintViolationException, type EntityManager, type MikroORM } from '@mikro-orm/core';
import { ProblemError, type EventBus } from '@platform/sdk';
import type { AuditSubjectKeys } from '@platform/sdk/data-protection';
import { Tenant, type TenantRecord } from '../entities/kernel-entities.ts';
import type { AuditRecordInput } from '../audit/audit-writer.ts';
import { runSql } from '../db/orm.ts';
import { toTenantInfo, type CachedTenantDirectory } from './tenant-directory.ts';
import { ProvisioningSteps, type ProvisioningHook, type ProvisioningStep } from './provisioning-hooks.ts';

export interface ActorStamp {
  actorType: string;
  actorId: string | null;
  actorLabel: string | null;
  requestId: string | null;
}

export interface TenantInput {
  slug: string;
  name: string;
  primaryDomain?: string | null;
  locale?: string;
  contactName?: string | null;
  contactEmail?: string | null;
}

export interface TenantServiceDeps {
  orm: MikroORM;
  events: EventBus;
  audit: { record(entry: AuditRecordInput, em?: EntityManager): Promise<void> };
  /** The audit trail's per-subject keys: a purge destroys every key of the tenant's audit rows (crypto-shredding). */
  auditKeys: Pick<AuditSubjectKeys, 'destroyTenant'>;
  directory: CachedTenantDirectory;
  graceDays: number;
}

type Transition = 'suspend' | 'activate' | 'delete' | 'restore';

const ALLOWED_FROM: Record<Transition, TenantRecord['status'][]> = {
  suspend: ['active', 'provisioning'],
  activate: ['suspended'],
  delete: ['active', 'suspended', 'provisioning'],
  restore: ['deleted'],
};

export function snapshot(t: TenantRecord): Record<string, unknown> {
  return {
    slug: t.slug, name: t.name, status: t.status, primaryDomain: t.primaryDomain, locale: t.locale,
    contactName: t.contactName, contactEmail: t.contactEmail, statusReason: t.statusReason,
    deletedAt: t.deletedAt, purgeAfter: t.purgeAfter,
  };
}

/** 409 `slug_taken`: the slug belongs to `holder` (its id and name let a client point at it). */
export function slugTaken(holder: Pick<TenantRecord, 'id' | 'slug' | 'name' | 'status'>): ProblemError {
  return new ProblemError(409, 'slug_taken', `The slug "${holder.slug}" is taken by the tenant "${holder.name}"${holder.status === 'deleted' ? ' (deleted; restore it or purge it first)' : ''}`, {
    field: 'slug',
    extra: { existingTenantId: holder.id, existingTenantSlug: holder.slug, existingTenantName: holder.name, existingTenantStatus: holder.status },
  });
}

/** Tenant lifecycle: provisioning → active ⇄ suspended → deleted (grace period) → purged. */
export class TenantService {
  private hooks: readonly ProvisioningHook[] = [];
  private readonly steps = new ProvisioningSteps();

  constructor(private readonly deps: TenantServiceDeps) {}

  /** The plugins' `onTenantProvisioned` hooks, in dependency order (set once the plugins have booted). */
  useProvisioningHooks(hooks: readonly ProvisioningHook[]): void {
    this.hooks = hooks;
  }

  /** Each plugin's provisioning outcome for the tenant. */
  provisioningSteps(id: string): Promise<ProvisioningStep[]> {
    return this.steps.list(this.deps.orm.em.fork(), id);
  }

  private async load(em: EntityManager, id: string): Promise<TenantRecord> {
    const t = await em.findOne(Tenant, { id }, { lockMode: undefined });
    if (!t) throw new ProblemError(404, 'tenant_not_found', `Tenant ${id} not found`);
    return t;
  }

  /**
   * Creates and provisions a tenant. When the slug is taken: `ifExists: 'return'` (the default, for provisioning
   * scripts and tests) returns that tenant, and re-running after a failure finishes its provisioning;
   * `ifExists: 'refuse'` throws 409 `slug_taken` naming the field and the tenant that holds the slug.
   */
  async create(input: TenantInput, by: ActorStamp, options: { ifExists?: 'return' | 'refuse' } = {}): Promise<{ tenant: TenantRecord; created: boolean }> {
    const slug = input.slug.toLowerCase();
    const ifExists = options.ifExists ?? 'return';
    const taken = (existing: TenantRecord) => {
      if (ifExists === 'refuse') throw slugTaken(existing);
      return { tenant: existing, created: false };
    };
    const result = await this.deps.orm.em.fork().transactional(async (em) => {
      const existing = await em.findOne(Tenant, { slug });
      if (existing) return taken(existing);
      const tenant = em.create(Tenant, {
        slug,
        name: input.name,
        status: 'provisioning',
        primaryDomain: input.primaryDomain?.toLowerCase() ?? null,
        locale: input.locale ?? 'en',
        contactName: input.contactName ?? null,
        contactEmail: input.contactEmail ?? null,
        statusReason: null,
        deletedAt: null,
        purgeAfter: null,
        provisionedAt: null,
      } as any);
      await em.flush();
      await this.deps.audit.record({ ...by, action: 'tenant.created', tenantId: tenant.id, targetType: 'tenant', targetId: tenant.id, after: snapshot(tenant) }, em);
      await this.deps.events.emitDurable(em, 'tenant.created', { tenantId: tenant.id, slug });
      return { tenant, created: true };
    }).catch(async (err: unknown) => {
      // Another request created the same slug between our read and our insert.
      if (!(err instanceof UniqueConstraintViolationException)) throw err;
      const winner = await this.deps.orm.em.fork().findOne(Tenant, { slug });
      if (!winner) throw err;
      return taken(winner);
    });
    if (result.tenant.status === 'provisioning') result.tenant = await this.provision(result.tenant.id, by);
    return result;
  }

  /**
   * Runs the plugins' `onTenantProvisioned` hooks that have not succeeded yet for this tenant, in dependency order,
   * recording each outcome; when all have succeeded, the tenant becomes `active`. A hook that throws stops the run:
   * the tenant stays in `provisioning` with a status reason naming the plugin (and the failure is audited), and a
   * later call re-runs from that plugin on. Safe to repeat; a tenant that is not `provisioning` is returned as is.
   */
  async provision(id: string, by: ActorStamp): Promise<TenantRecord> {
    const current = await this.load(this.deps.orm.em.fork(), id);
    if (current.status !== 'provisioning') return current;
    const done = new Set((await this.steps.list(this.deps.orm.em.fork(), id)).filter((s) => s.status === 'succeeded').map((s) => s.plugin));
    const info = toTenantInfo(current);
    for (const hook of this.hooks) {
      if (done.has(hook.plugin) || !(await hook.appliesTo(id))) continue;
      try {
        await hook.run(info);
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        return this.provisioningFailed(id, hook.plugin, message, by);
      }
      await this.steps.record(this.deps.orm.em.fork(), id, hook.plugin, null);
    }
    return this.deps.orm.em.fork().transactional(async (em) => {
      const t = await this.load(em, id);
      if (t.status !== 'provisioning') return t;
      t.status = 'active';
      t.statusReason = null;
      t.provisionedAt = new Date();
      await em.flush();
      await this.deps.audit.record({ ...by, action: 'tenant.provisioned', tenantId: t.id, targetType: 'tenant', targetId: t.id }, em);
      await this.deps.events.emitDurable(em, 'tenant.provisioned', { tenantId: t.id, slug: t.slug });
      this.deps.directory.invalidate(t.id);
      return t;
    });
  }

  private async provisioningFailed(id: string, plugin: string, message: string, by: ActorStamp): Promise<TenantRecord> {
    return this.deps.orm.em.fork().transactional(async (em) => {
      await this.steps.record(em, id, plugin, message);
      const t = await this.load(em, id);
      t.statusReason = `Provisioning failed in plugin "${plugin}": ${message}`.slice(0, 1000);
      await em.flush();
      await this.deps.audit.record({ ...by, action: 'tenant.provisioning_failed', tenantId: t.id, targetType: 'tenant', targetId: t.id, after: { plugin, error: message.slice(0, 1000) } }, em);
      this.deps.directory.invalidate(t.id);
      return t;
    });
  }

  async update(id: string, changes: Partial<TenantInput>, by: ActorStamp): Promise<TenantRecord> {
    return this.deps.orm.em.fork().transactional(async (em) => {
      const t = await this.load(em, id);
      if (t.status === 'deleted') throw new ProblemError(409, 'tenant_deleted', 'A deleted tenant cannot be edited; restore it first');
      const before = snapshot(t);
      const clean: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(changes)) if (v !== undefined) clean[k] = k === 'slug' || k === 'primaryDomain' ? (v as string | null)?.toLowerCase() ?? null : v;
      em.assign(t, clean);
      await em.flush();
      await this.deps.audit.record({ ...by, action: 'tenant.updated', tenantId: t.id, targetType: 'tenant', targetId: t.id, before, after: snapshot(t) }, em);
      await this.deps.events.emitDurable(em, 'tenant.updated', { tenantId: t.id, changes: clean });
      this.deps.directory.invalidate(t.id);
      return t;
    }).catch(async (err: unknown) => {
      const slug = typeof changes.slug === 'string' ? changes.slug.toLowerCase() : null;
      if (!(err instanceof UniqueConstraintViolationException) || !slug) throw err;
      const holder = await this.deps.orm.em.fork().findOne(Tenant, { slug });
      if (!holder || holder.id === id) throw err;
      throw slugTaken(holder);
    });
  }

  async transition(id: string, action: Transition, reason: string | null, by: ActorStamp): Promise<TenantRecord> {
    return this.deps.orm.em.fork().transactional(async (em) => {
      const t = await this.load(em, id);
      if (!ALLOWED_FROM[action].includes(t.status))
        throw new ProblemError(409, 'invalid_transition', `Cannot ${action} a tenant that is ${t.status}`, { field: 'status' });
      const before = snapshot(t);
      t.statusReason = reason;
      if (action === 'suspend') t.status = 'suspended';
      if (action === 'activate') t.status = 'active';
      if (action === 'delete') {
        t.status = 'deleted';
        t.deletedAt = new Date();
        t.purgeAfter = new Date(Date.now() + this.deps.graceDays * 86_400_000);
      }
      if (action === 'restore') {
        if (t.purgeAfter && t.purgeAfter.getTime() <= Date.now())
          throw new ProblemError(409, 'grace_period_over', 'The grace period is over; the tenant can only be purged');
        t.status = t.provisionedAt ? 'active' : 'provisioning';
        t.deletedAt = null;
        t.purgeAfter = null;
      }
      await em.flush();
      const eventName = ({ suspend: 'tenant.suspended', activate: 'tenant.activated', delete: 'tenant.deleted', restore: 'tenant.restored' } as const)[action];
      await this.deps.audit.record({ ...by, action: eventName, tenantId: t.id, targetType: 'tenant', targetId: t.id, before, after: snapshot(t), reason }, em);
      const payload: Record<string, unknown> = { tenantId: t.id, reason };
      if (action === 'delete') payload.purgeAfter = t.purgeAfter!.toISOString();
      await this.deps.events.emitDurable(em, eventName, payload as any);
      this.deps.directory.invalidate(t.id);
      return t;
    });
  }

  /** Removes a deleted tenant whose grace period is over, with all its rows. */
  async purge(id: string, by: ActorStamp, now = new Date()): Promise<void> {
    await this.deps.orm.em.fork().transactional(async (em) => {
      const t = await this.load(em, id);
      if (t.status !== 'deleted') throw new ProblemError(409, 'tenant_not_deleted', 'Only a deleted tenant can be purged');
      if (!t.purgeAfter || t.purgeAfter.getTime() > now.getTime())
        throw new ProblemError(409, 'grace_period_active', `The tenant can be purged after ${t.purgeAfter?.toISOString()}`);
      for (const table of await this.tenantOwnedTables(em)) await runSql(em, `DELETE FROM "${table}" WHERE tenant_id = $1`, [t.id]);
      await runSql(em, 'DELETE FROM tenants WHERE id = $1', [t.id]);
      await this.deps.audit.record({ ...by, action: 'tenant.purged', tenantId: t.id, targetType: 'tenant', targetId: t.id, before: snapshot(t) }, em);
      // The audit rows stay (append-only); the personal values in them, this last row's included, become unreadable.
      await this.deps.auditKeys.destroyTenant(t.id, { em });
      await this.deps.events.emitDurable(em, 'tenant.purged', { tenantId: t.id });
    });
    this.deps.directory.invalidate(id);
  }

  /**
   * Every table with a `tenant_id` column (entities or not, partitioned parents included), except the
   * append-only audit trail, which keeps the record of what happened to the tenant.
   */
  private async tenantOwnedTables(em: EntityManager): Promise<string[]> {
    const rows = await runSql<{ name: string }>(
      em,
      `SELECT c.relname AS name FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE a.attname = 'tenant_id' AND NOT a.attisdropped AND c.relkind IN ('r', 'p') AND NOT c.relispartition
         AND n.nspname = current_schema() AND c.relname NOT IN ('audit', 'tenants')`,
    );
    return rows.map((r) => r.name);
  }

  /** Purges every tenant whose grace period has ended (run by a kernel job). */
  async purgeExpired(by: ActorStamp): Promise<number> {
    const due = await this.deps.orm.em.fork().find(Tenant, { status: 'deleted', purgeAfter: { $lte: new Date() } });
    for (const t of due) await this.purge(t.id, by);
    return due.length;
  }
}
