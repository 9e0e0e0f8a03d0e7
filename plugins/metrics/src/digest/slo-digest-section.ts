import type { PluginContext } from '@platform/sdk';
import { DIGEST_SECTIONS, defineDigestSection } from '@platform/sdk/customer-health';
import { SloEntity, type Slo } from '../slo/slo-entity.ts';
import { sloStatuses } from '../slo/slo-service.ts';

/** The daily digest's "SLOs" section: each enabled objective's SLI against its target over its window. */
export function contributeSloDigestSection(ctx: PluginContext): void {
  ctx.extensions.contribute(DIGEST_SECTIONS, defineDigestSection({
    id: 'slos',
    label: 'SLOs',
    order: 20,
    async compute(call) {
      const slos = (await ctx.db.system().find(SloEntity, { enabled: true }, { orderBy: { name: 'ASC' } })) as Slo[];
      const statuses = await sloStatuses(ctx.db, slos, call.now.getTime());
      const breached = statuses.filter((s) => s.status === 'breached');
      const atRisk = statuses.filter((s) => s.status === 'at_risk');
      return {
        status: breached.length ? 'critical' : atRisk.length ? 'warning' : 'ok',
        summary: statuses.length ? `${statuses.filter((s) => s.status === 'met').length} of ${statuses.length} objectives met, ${atRisk.length} at risk, ${breached.length} breached` : 'No SLO is defined',
        items: statuses.map((s) => ({
          label: s.name,
          value: s.sliPct === null ? 'no traffic' : `${s.sliPct.toFixed(2)}%`,
          detail: `target ${s.targetPct}% over ${s.windowDays} days, ${s.status.replace('_', ' ')}`,
          status: s.status === 'breached' ? ('critical' as const) : s.status === 'at_risk' ? ('warning' as const) : ('ok' as const),
        })),
      };
    },
  }));
}
