import type { EntityManager } from '@mikro-orm/core';
import type { TenantInfo } from '@platform/sdk';
import { runSql } from '../db/orm.ts';

/** One plugin's `onTenantProvisioned`, bound to its plugin context. */
export interface ProvisioningHook {
  plugin: string;
  /** `tenant`-scoped plugins run only for tenants that have them enabled. */
  appliesTo(tenantId: string): Promise<boolean>;
  run(tenant: TenantInfo): Promise<void>;
}

export interface ProvisioningStep {
  plugin: string;
  status: 'succeeded' | 'failed';
  error: string | null;
  attempts: number;
  finishedAt: string;
}

/** `tenant_provisioning_steps`: each plugin's outcome for a tenant. */
export class ProvisioningSteps {
  async list(em: EntityManager, tenantId: string): Promise<ProvisioningStep[]> {
    const rows = await runSql<{ plugin: string; status: 'succeeded' | 'failed'; error: string | null; attempts: number; finished_at: Date | string }>(
      em,
      'SELECT plugin, status, error, attempts, finished_at FROM tenant_provisioning_steps WHERE tenant_id = $1 ORDER BY finished_at, plugin',
      [tenantId],
    );
    return rows.map((r) => ({ plugin: r.plugin, status: r.status, error: r.error, attempts: r.attempts, finishedAt: new Date(r.finished_at).toISOString() }));
  }

  async record(em: EntityManager, tenantId: string, plugin: string, error: string | null): Promise<void> {
    await runSql(
      em,
      `INSERT INTO tenant_provisioning_steps (tenant_id, plugin, status, error) VALUES ($1, $2, $3, $4)
       ON CONFLICT (tenant_id, plugin) DO UPDATE SET status = EXCLUDED.status, error = EXCLUDED.error,
         attempts = tenant_provisioning_steps.attempts + 1, finished_at = now()`,
      [tenantId, plugin, error === null ? 'succeeded' : 'failed', error === null ? null : error.slice(0, 2000)],
    );
  }
}
