import type { PluginContext } from '@platform/sdk';
import { HEALTH_SIGNALS, defineHealthSignal, type HealthSignalResult } from '@platform/sdk/customer-health';

interface SessionRow {
  tenant_id: string;
  status: string;
  current_step: string;
  done: number;
  completed_at: Date | null;
}

async function sessionsOf(ctx: PluginContext, tenantIds: readonly string[]): Promise<Map<string, SessionRow>> {
  const rows = await ctx.db.sql<SessionRow>(
    `SELECT tenant_id, status, current_step, cardinality(completed_steps) + cardinality(skipped_steps) AS done, completed_at
     FROM onboarding_sessions WHERE tenant_id = ANY($1::uuid[])`,
    [tenantIds],
    ctx.db.system(),
  );
  return new Map(rows.map((r) => [r.tenant_id, r]));
}

function activationOf(row: SessionRow | undefined): HealthSignalResult {
  if (!row) return { score: 0, reason: 'Onboarding wizard never started' };
  if (row.status === 'completed') return { score: 1, reason: `Onboarding completed${row.completed_at ? ` on ${new Date(row.completed_at).toISOString().slice(0, 10)}` : ''}` };
  const done = Number(row.done);
  return { score: Math.min(0.75, 0.25 + 0.1 * done), reason: `Onboarding in progress: ${done} step${done === 1 ? '' : 's'} done, now at "${row.current_step}"` };
}

/**
 * Activation, 20 points of the customer health score, from the onboarding wizard: completed scores in full; in
 * progress 0.25 plus 0.1 per step completed or skipped (at most 0.75); never started nothing.
 */
export function contributeActivationSignal(ctx: PluginContext): void {
  ctx.extensions.contribute(HEALTH_SIGNALS, defineHealthSignal({
    id: 'activation',
    label: 'Activation',
    weight: 20,
    async compute(_call, tenant) {
      return activationOf((await sessionsOf(ctx, [tenant.id])).get(tenant.id));
    },
    async computeMany(_call, tenants) {
      const sessions = await sessionsOf(ctx, tenants.map((t) => t.id));
      return new Map(tenants.map((t) => [t.id, activationOf(sessions.get(t.id))]));
    },
  }));
}
