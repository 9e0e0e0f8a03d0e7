import type { PluginContext } from '@platform/sdk';
import { HEALTH_SIGNALS, defineHealthSignal } from '@platform/sdk/customer-health';

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
      const [row] = await ctx.db.sql<{ status: string; current_step: string; done: number; completed_at: Date | null }>(
        `SELECT status, current_step, cardinality(completed_steps) + cardinality(skipped_steps) AS done, completed_at
         FROM onboarding_sessions WHERE tenant_id = $1`,
        [tenant.id],
        ctx.db.system(),
      );
      if (!row) return { score: 0, reason: 'Onboarding wizard never started' };
      if (row.status === 'completed') return { score: 1, reason: `Onboarding completed${row.completed_at ? ` on ${new Date(row.completed_at).toISOString().slice(0, 10)}` : ''}` };
      const done = Number(row.done);
      return { score: Math.min(0.75, 0.25 + 0.1 * done), reason: `Onboarding in progress: ${done} step${done === 1 ? '' : 's'} done, now at "${row.current_step}"` };
    },
  }));
}
