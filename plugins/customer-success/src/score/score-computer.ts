import type { PluginContext, TenantInfo } from '@platform/sdk';
import { HEALTH_FACTS, HEALTH_SIGNALS, effectiveHealthSignals, type HealthTenant } from '@platform/sdk/customer-health';
import { resolvedSettings, type CustomerSuccessSettings } from '../customer-success-settings.ts';
import { bucketOf, dayOf, signalLine, totalOf, type SignalOutcome } from './health-scoring.ts';
import type { ScoreSnapshot, ScoreStore } from './score-store.ts';

const messageOf = (err: unknown) => (err instanceof Error ? err.message : String(err)).slice(0, 300);

/** Computes and stores health scores from the contributed signals. */
export class ScoreComputer {
  constructor(private readonly ctx: PluginContext, private readonly store: ScoreStore, readonly clock: () => Date) {}

  /** The score of one tenant now (not stored). A signal that throws is reported in its line and the others still count. */
  async compute(tenant: TenantInfo, given?: CustomerSuccessSettings): Promise<ScoreSnapshot> {
    const now = this.clock();
    const settings = given ?? (await this.settings());
    const window = { from: new Date(now.getTime() - settings.windowDays * 86_400_000), to: now, days: settings.windowDays };
    const subject: HealthTenant = { id: tenant.id, slug: tenant.slug, name: tenant.name, status: tenant.status, createdAt: tenant.createdAt ?? null };
    const call = { now };
    const signals = effectiveHealthSignals(this.ctx.extensions.get(HEALTH_SIGNALS));
    const outcomes = await Promise.all(
      signals.map(async (s): Promise<SignalOutcome> => {
        const head = { id: s.id, label: s.label, weight: settings.weights[s.id] ?? s.weight, bonus: s.bonus === true };
        try {
          return { ...head, result: await s.compute(call, subject, window) };
        } catch (err) {
          this.ctx.logger.warn({ action: 'customer_success.signal_failed', signal: s.id, tenantId: tenant.id, err }, 'health signal failed');
          return { ...head, error: messageOf(err) };
        }
      }),
    );
    const facts: Record<string, string> = {};
    for (const source of effectiveHealthSignals(this.ctx.extensions.get(HEALTH_FACTS))) {
      try {
        for (const [k, v] of Object.entries(await source.collect(call, subject))) if (typeof v === 'string') facts[k] = v;
      } catch (err) {
        this.ctx.logger.warn({ action: 'customer_success.facts_failed', source: source.id, tenantId: tenant.id, err }, 'health facts failed');
      }
    }
    const breakdown = outcomes.map(signalLine);
    const total = totalOf(breakdown);
    return { tenantId: tenant.id, day: dayOf(now), computedAt: now.toISOString(), total, bucket: bucketOf(total, tenant.createdAt, now, settings.onboardingDays), breakdown, facts };
  }

  /** The weights and windows in force (read once per run by `recomputeAll`). */
  async settings(): Promise<CustomerSuccessSettings> {
    return resolvedSettings(await this.ctx.settings.get<Partial<CustomerSuccessSettings>>());
  }

  /** Computes and stores the day's snapshot of one tenant. */
  async recompute(tenant: TenantInfo, settings?: CustomerSuccessSettings): Promise<ScoreSnapshot> {
    const snapshot = await this.compute(tenant, settings);
    await this.store.save(this.ctx.db.system(), snapshot);
    return snapshot;
  }

  /** Every active or suspended tenant, a few at a time. */
  async recomputeAll(concurrency = 4): Promise<{ tenants: number }> {
    const tenants = await this.ctx.tenants.list({ status: ['active', 'suspended'] });
    const settings = await this.settings();
    let next = 0;
    const worker = async () => {
      while (next < tenants.length) await this.recompute(tenants[next++], settings);
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, tenants.length) }, worker));
    return { tenants: tenants.length };
  }
}
