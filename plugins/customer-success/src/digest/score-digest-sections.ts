import type { PluginContext } from '@platform/sdk';
import { DIGEST_SECTIONS, defineDigestSection } from '@platform/sdk/customer-health';
import { atRisk, withTrends, type ScoreListRow } from '../score/score-list.ts';
import type { ScoreStore } from '../score/score-store.ts';

/** A drop of at least this many points against 7 days ago is listed. */
export const SCORE_DROP_POINTS = 10;
/** Renewals at risk: at-risk or critical tenants renewing within this many days (or with no known renewal). */
export const RENEWAL_HORIZON_DAYS = 60;

async function latestRows(ctx: PluginContext, store: ScoreStore): Promise<ScoreListRow[]> {
  const tenants = new Map((await ctx.tenants.list({ status: ['active', 'suspended'] })).map((t) => [t.id, t]));
  return (await store.latest(ctx.db.system()))
    .filter((r) => tenants.has(r.tenantId))
    .map((r) => withTrends({ ...r, tenantName: tenants.get(r.tenantId)!.name, tenantSlug: tenants.get(r.tenantId)!.slug }));
}

/** The digest sections whose data customer-success owns: health-score drops and renewals at risk. */
export function contributeScoreDigestSections(ctx: PluginContext, store: ScoreStore): void {
  ctx.extensions.contribute(DIGEST_SECTIONS, defineDigestSection({
    id: 'health-score-drops',
    label: 'Health-score drops',
    order: 40,
    async compute() {
      const drops = (await latestRows(ctx, store)).filter((r) => r.change7 !== null && r.change7 <= -SCORE_DROP_POINTS).sort((a, b) => a.change7! - b.change7!);
      return {
        status: drops.some((r) => r.bucket === 'critical') ? 'critical' : drops.length ? 'warning' : 'ok',
        summary: drops.length ? `${drops.length} tenant${drops.length === 1 ? '' : 's'} lost ${SCORE_DROP_POINTS} points or more in 7 days` : 'No health score fell by 10 points or more in 7 days',
        items: drops.map((r) => ({ label: r.tenantName, value: `${r.change7} points`, detail: `now ${r.total} (${r.bucket})`, tenantId: r.tenantId, status: r.bucket === 'critical' ? 'critical' : 'warning' })),
      };
    },
  }));
  ctx.extensions.contribute(DIGEST_SECTIONS, defineDigestSection({
    id: 'renewals-at-risk',
    label: 'Renewals at risk',
    order: 50,
    async compute(call) {
      const horizon = new Date(call.now.getTime() + RENEWAL_HORIZON_DAYS * 86_400_000).toISOString();
      const rows = atRisk(await latestRows(ctx, store)).filter((r) => r.facts.renewsAt !== undefined && r.facts.renewsAt < horizon);
      return {
        status: rows.some((r) => r.bucket === 'critical') ? 'critical' : rows.length ? 'warning' : 'ok',
        summary: rows.length ? `${rows.length} at-risk tenant${rows.length === 1 ? '' : 's'} renew within ${RENEWAL_HORIZON_DAYS} days` : `No at-risk tenant renews within ${RENEWAL_HORIZON_DAYS} days`,
        items: rows.map((r) => ({ label: r.tenantName, value: `renews ${r.facts.renewsAt!.slice(0, 10)}`, detail: `score ${r.total} (${r.bucket})`, tenantId: r.tenantId, status: r.bucket === 'critical' ? 'critical' : 'warning' })),
      };
    },
  }));
}
