import type { HealthSignalResult } from '@platform/sdk/customer-health';

export const HEALTH_BUCKETS = ['healthy', 'monitor', 'at-risk', 'critical', 'onboarding'] as const;
export type HealthBucket = (typeof HEALTH_BUCKETS)[number];

/** One signal's line of the breakdown, as stored and shown. */
export interface SignalLine {
  id: string;
  label: string;
  weight: number;
  bonus: boolean;
  /** 0..1, null when neutral or failed. */
  score: number | null;
  /** Points earned out of `weight` (one decimal). */
  points: number;
  neutral: boolean;
  /** The signal threw: reported here, counted as neutral. */
  failed: boolean;
  reason: string;
}

/** A signal's outcome before weighting: its result, or the error it threw. */
export type SignalOutcome = { id: string; label: string; weight: number; bonus: boolean } & ({ result: HealthSignalResult } | { error: string });

const round1 = (n: number) => Math.round(n * 10) / 10;

/**
 * Weighs one signal: a score earns `score × weight`; a neutral or failed base signal earns its full weight (nothing
 * known against the tenant, and the reason says so); a neutral or failed bonus earns nothing.
 */
export function signalLine(outcome: SignalOutcome): SignalLine {
  const base = { id: outcome.id, label: outcome.label, weight: outcome.weight, bonus: outcome.bonus };
  if ('error' in outcome) {
    return { ...base, score: null, points: outcome.bonus ? 0 : outcome.weight, neutral: true, failed: true, reason: `Signal failed: ${outcome.error}` };
  }
  const r = outcome.result;
  if ('neutral' in r && r.neutral) return { ...base, score: null, points: outcome.bonus ? 0 : outcome.weight, neutral: true, failed: false, reason: r.reason };
  const raw = (r as { score: number }).score;
  const score = Number.isFinite(raw) ? Math.min(1, Math.max(0, raw)) : 0;
  return { ...base, score, points: round1(score * outcome.weight), neutral: false, failed: false, reason: r.reason };
}

/**
 * The total on 0..100: base points scaled to the base weights (which sum to 100 with the default weights), plus
 * bonus points, capped at 100.
 */
export function totalOf(lines: readonly SignalLine[]): number {
  const base = lines.filter((l) => !l.bonus);
  const scale = base.reduce((s, l) => s + l.weight, 0);
  const earned = base.reduce((s, l) => s + l.points, 0);
  const bonus = lines.filter((l) => l.bonus).reduce((s, l) => s + l.points, 0);
  const scaled = scale > 0 ? (earned / scale) * 100 : 0;
  return Math.max(0, Math.min(100, Math.round(scaled + bonus)));
}

/** ≥ 80 healthy, ≥ 60 monitor, ≥ 40 at-risk, else critical; any score of a tenant younger than `onboardingDays` is onboarding. */
export function bucketOf(total: number, tenantCreatedAt: string | null | undefined, now: Date, onboardingDays: number): HealthBucket {
  if (tenantCreatedAt) {
    const ageDays = (now.getTime() - new Date(tenantCreatedAt).getTime()) / 86_400_000;
    if (ageDays < onboardingDays) return 'onboarding';
  }
  if (total >= 80) return 'healthy';
  if (total >= 60) return 'monitor';
  if (total >= 40) return 'at-risk';
  return 'critical';
}

/** The change against an earlier total, or null when there is no earlier snapshot. */
export function trendOf(current: number, earlier: number | null | undefined): number | null {
  return earlier === null || earlier === undefined ? null : current - earlier;
}

/** Whether a change is big enough for the changes list (±20 points by default). */
export function isBigChange(delta: number | null, threshold = 20): boolean {
  return delta !== null && Math.abs(delta) >= threshold;
}

/** The UTC day (YYYY-MM-DD) of a time, `daysBack` days earlier. */
export function dayOf(at: Date, daysBack = 0): string {
  return new Date(at.getTime() - daysBack * 86_400_000).toISOString().slice(0, 10);
}
