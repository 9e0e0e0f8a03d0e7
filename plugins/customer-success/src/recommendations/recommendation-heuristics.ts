/**
 * Recommendations as transparent heuristics: each is a pure function of a tenant's figures and returns what it
 * recommends with the reasons (in words, with the numbers) and the evidence it looked at. No model, no hidden score.
 */

export const RECOMMENDATION_KINDS = ['unused-entitlement', 'upgrade', 'usage-drop', 'usage-spike', 'error-spike'] as const;
export type RecommendationKind = (typeof RECOMMENDATION_KINDS)[number];

export interface Recommendation {
  tenantId: string;
  kind: RecommendationKind;
  /** What to do, in one line. */
  title: string;
  /** Why, each a sentence with the figures. */
  reasons: string[];
  /** The figures the rule used. */
  evidence: Record<string, number>;
  severity: 'info' | 'warning';
}

export interface MeterInfo {
  key: string;
  label: string;
  unit?: string;
}

const fmt = (n: number) => (Number.isInteger(n) ? n.toLocaleString('en-US') : n.toLocaleString('en-US', { maximumFractionDigits: 2 }));
const unitOf = (m: MeterInfo) => (m.unit ? ` ${m.unit}` : '');

/** A meter the plan includes (quota > 0) that the tenant has not used at all in `days` days: an adoption nudge. */
export function unusedEntitlements(input: { tenantId: string; planName: string; quotas: Record<string, number>; usage: Record<string, number>; days: number; meters: MeterInfo[] }): Recommendation[] {
  const out: Recommendation[] = [];
  for (const meter of input.meters) {
    const quota = input.quotas[meter.key];
    if (quota === undefined || quota <= 0) continue;
    const used = input.usage[meter.key] ?? 0;
    if (used > 0) continue;
    out.push({
      tenantId: input.tenantId,
      kind: 'unused-entitlement',
      title: `Help them start using ${meter.label}`,
      reasons: [`The ${input.planName} plan includes ${fmt(quota)}${unitOf(meter)} of ${meter.label}`, `No ${meter.label} usage was recorded in the last ${input.days} days`],
      evidence: { quota, used },
      severity: 'info',
    });
  }
  return out;
}

/** Share of a quota at or above which a tenant is "near its limit". */
export const NEAR_LIMIT_SHARE = 0.8;

/** A meter used at ≥ 80% of the plan's quota over the window: they would benefit from an upgrade. */
export function nearLimits(input: { tenantId: string; planName: string; quotas: Record<string, number>; usage: Record<string, number>; days: number; meters: MeterInfo[]; share?: number }): Recommendation[] {
  const share = input.share ?? NEAR_LIMIT_SHARE;
  const out: Recommendation[] = [];
  for (const meter of input.meters) {
    const quota = input.quotas[meter.key];
    if (quota === undefined || quota <= 0) continue;
    const used = input.usage[meter.key] ?? 0;
    const ratio = used / quota;
    if (ratio < share) continue;
    const pct = Math.round(ratio * 100);
    out.push({
      tenantId: input.tenantId,
      kind: 'upgrade',
      title: `Offer an upgrade from ${input.planName}: ${meter.label} is at ${pct}% of the quota`,
      reasons: [
        `${fmt(used)}${unitOf(meter)} of ${meter.label} used in the last ${input.days} days against a quota of ${fmt(quota)} (${pct}%)`,
        ratio >= 1 ? 'The quota is reached: further use is refused or billed as overage' : `At ${Math.round(share * 100)}% or more of a quota a higher plan avoids hitting the limit`,
      ],
      evidence: { used, quota, percent: pct },
      severity: ratio >= 1 ? 'warning' : 'info',
    });
  }
  return out;
}

/** Below this weekly baseline a meter is too quiet to judge. */
export const MIN_WEEKLY_BASELINE = 20;

/**
 * Usage in the last 7 days against the tenant's own weekly average over the 4 weeks before: under half is a drop
 * (churn risk), over 2.5 times is a spike (growth, or something misbehaving). Quiet meters are not judged.
 */
export function usageAnomalies(input: { tenantId: string; recent7: Record<string, number>; previous28: Record<string, number>; meters: MeterInfo[] }): Recommendation[] {
  const out: Recommendation[] = [];
  for (const meter of input.meters) {
    const baseline = (input.previous28[meter.key] ?? 0) / 4;
    const recent = input.recent7[meter.key] ?? 0;
    if (baseline < MIN_WEEKLY_BASELINE) continue;
    const ratio = recent / baseline;
    const evidence = { recent7: recent, weeklyBaseline: Math.round(baseline * 100) / 100, ratio: Math.round(ratio * 100) / 100 };
    const base = `${fmt(recent)}${unitOf(meter)} of ${meter.label} in the last 7 days against a weekly average of ${fmt(evidence.weeklyBaseline)} over the 4 weeks before`;
    if (ratio < 0.5) {
      out.push({ tenantId: input.tenantId, kind: 'usage-drop', title: `Check in: ${meter.label} usage fell by ${Math.round((1 - ratio) * 100)}%`, reasons: [base, 'Less than half of their own usual usage'], evidence, severity: 'warning' });
    } else if (ratio > 2.5) {
      out.push({ tenantId: input.tenantId, kind: 'usage-spike', title: `${meter.label} usage is ${fmt(evidence.ratio)}× their usual`, reasons: [base, 'More than 2.5 times their own usual usage: growth to follow up, or a runaway integration'], evidence, severity: 'info' });
    }
  }
  return out;
}

/**
 * The tenant's API error rate this month against its own average over the previous months (at least 2 with a value):
 * at least double and at least 1 point higher is an anomaly.
 */
export function errorAnomaly(input: { tenantId: string; currentPct: number | null; previousPct: number[] }): Recommendation[] {
  const history = input.previousPct.filter((v) => Number.isFinite(v));
  if (input.currentPct === null || history.length < 2) return [];
  const baseline = history.reduce((a, b) => a + b, 0) / history.length;
  const current = input.currentPct;
  if (current < 2 * baseline || current - baseline < 1) return [];
  return [
    {
      tenantId: input.tenantId,
      kind: 'error-spike',
      title: `Reach out: their API error rate is ${current.toFixed(2)}%`,
      reasons: [`${current.toFixed(2)}% of their API requests failed this month against ${baseline.toFixed(2)}% on average over the ${history.length} months before`, 'At least double their own usual rate'],
      evidence: { currentPct: Math.round(current * 100) / 100, baselinePct: Math.round(baseline * 100) / 100, months: history.length },
      severity: 'warning',
    },
  ];
}
