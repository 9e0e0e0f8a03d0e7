import type { PluginContext, TenantInfo } from '@platform/sdk';
import { HEALTH_FACTS, HEALTH_SIGNALS, effectiveHealthSignals, type HealthSignalResult, type HealthTenant } from '@platform/sdk/customer-health';
import { resolvedSettings, type CustomerSuccessSettings } from '../customer-success-settings.ts';

/** The settings with their defaults filled in. */
type Resolved = ReturnType<typeof resolvedSettings>;
import { bucketOf, dayOf, signalLine, totalOf, type SignalOutcome } from './health-scoring.ts';
import type { ScoreSnapshot, ScoreStore } from './score-store.ts';

const messageOf = (err: unknown) => (err instanceof Error ? err.message : String(err)).slice(0, 300);
const subjectOf = (t: TenantInfo): HealthTenant => ({ id: t.id, slug: t.slug, name: t.name, status: t.status, createdAt: t.createdAt ?? null });
type Outcome = { result: HealthSignalResult } | { error: string };

/** Tenants scored together by the nightly run: one `computeMany` query per signal per batch. */
export const SCORE_BATCH_SIZE = 500;

/** Runs `fn` over `items` with at most `limit` at a time. */
async function eachLimited<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await fn(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

/** Computes and stores health scores from the contributed signals. */
export class ScoreComputer {
  constructor(private readonly ctx: PluginContext, private readonly store: ScoreStore, readonly clock: () => Date) {}

  /** The weights and windows in force (read once per run by `recomputeAll`). */
  async settings(): Promise<Resolved> {
    return resolvedSettings(await this.ctx.settings.get<Partial<CustomerSuccessSettings>>());
  }

  /** The score of one tenant now (not stored). A signal that throws is reported in its line and the others still count. */
  async compute(tenant: TenantInfo, given?: Resolved): Promise<ScoreSnapshot> {
    const [snapshot] = await this.computeBatch([tenant], given ?? (await this.settings()), false);
    return snapshot;
  }

  /**
   * The scores of several tenants now (not stored). With `bulk`, a signal or fact source that offers `computeMany`
   * (`collectMany`) answers the whole batch with one call; a tenant it leaves out, and every tenant of a signal
   * without it, is computed alone. A signal that throws is reported in the lines it affects; the others still count.
   */
  async computeBatch(tenants: readonly TenantInfo[], settings: Resolved, bulk = true): Promise<ScoreSnapshot[]> {
    const now = this.clock();
    const window = { from: new Date(now.getTime() - settings.windowDays * 86_400_000), to: now, days: settings.windowDays };
    const subjects = tenants.map(subjectOf);
    const call = { now };
    const signals = effectiveHealthSignals(this.ctx.extensions.get(HEALTH_SIGNALS));
    const outcomes = new Map<string, Map<string, Outcome>>(signals.map((s) => [s.id, new Map()]));
    const failed = (signal: string, tenantId: string, err: unknown): Outcome => {
      this.ctx.logger.warn({ action: 'customer_success.signal_failed', signal, tenantId, err }, 'health signal failed');
      return { error: messageOf(err) };
    };

    await Promise.all(
      signals.map(async (s) => {
        const mine = outcomes.get(s.id)!;
        if (bulk && s.computeMany && subjects.length > 1) {
          try {
            for (const [id, result] of await s.computeMany(call, subjects, window)) mine.set(id, { result });
          } catch (err) {
            for (const t of subjects) mine.set(t.id, failed(s.id, t.id, err));
          }
        }
        await eachLimited(subjects.filter((t) => !mine.has(t.id)), 4, async (t) => {
          try {
            mine.set(t.id, { result: await s.compute(call, t, window) });
          } catch (err) {
            mine.set(t.id, failed(s.id, t.id, err));
          }
        });
      }),
    );

    const facts = new Map<string, Record<string, string>>(subjects.map((t) => [t.id, {}]));
    const keep = (tenantId: string, values: Record<string, string | null>) => {
      for (const [k, v] of Object.entries(values)) if (typeof v === 'string') facts.get(tenantId)![k] = v;
    };
    for (const source of effectiveHealthSignals(this.ctx.extensions.get(HEALTH_FACTS))) {
      const done = new Set<string>();
      if (bulk && source.collectMany && subjects.length > 1) {
        try {
          for (const [id, values] of await source.collectMany(call, subjects)) {
            if (!facts.has(id)) continue;
            keep(id, values);
            done.add(id);
          }
        } catch (err) {
          this.ctx.logger.warn({ action: 'customer_success.facts_failed', source: source.id, err }, 'health facts failed');
          for (const t of subjects) done.add(t.id);
        }
      }
      await eachLimited(subjects.filter((t) => !done.has(t.id)), 4, async (t) => {
        try {
          keep(t.id, await source.collect(call, t));
        } catch (err) {
          this.ctx.logger.warn({ action: 'customer_success.facts_failed', source: source.id, tenantId: t.id, err }, 'health facts failed');
        }
      });
    }

    return tenants.map((tenant) => {
      const breakdown = signals.map((s) => {
        const head = { id: s.id, label: s.label, weight: settings.weights[s.id] ?? s.weight, bonus: s.bonus === true };
        return signalLine({ ...head, ...outcomes.get(s.id)!.get(tenant.id)! } as SignalOutcome);
      });
      const total = totalOf(breakdown);
      return { tenantId: tenant.id, day: dayOf(now), computedAt: now.toISOString(), total, bucket: bucketOf(total, tenant.createdAt, now, settings.onboardingDays), breakdown, facts: facts.get(tenant.id)! };
    });
  }

  /** Computes and stores the day's snapshot of one tenant. */
  async recompute(tenant: TenantInfo, settings?: Resolved): Promise<ScoreSnapshot> {
    const snapshot = await this.compute(tenant, settings);
    await this.store.save(this.ctx.db.system(), snapshot);
    return snapshot;
  }

  /** Every active or suspended tenant, in batches: each batch's signals in bulk, its snapshots stored in one statement. */
  async recomputeAll(batchSize = SCORE_BATCH_SIZE): Promise<{ tenants: number }> {
    const tenants = await this.ctx.tenants.list({ status: ['active', 'suspended'] });
    const settings = await this.settings();
    for (let i = 0; i < tenants.length; i += batchSize) {
      const snapshots = await this.computeBatch(tenants.slice(i, i + batchSize), settings);
      await this.store.saveMany(this.ctx.db.system(), snapshots);
    }
    return { tenants: tenants.length };
  }
}
