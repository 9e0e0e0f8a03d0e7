import type { Database, TenantDirectory, TenantInfo } from '@platform/sdk';
import type { HealthOverview, ObservedStatus } from '@platform/sdk/monitors';
import type { HealthOptions } from '../health-options.ts';
import { loadStates, type MonitorStateRow } from '../store/monitor-state-store.ts';
import { countsSince, hourlyRollups, recentFailures } from '../store/history-store.ts';
import { overallStatus } from '../status/overall-status.ts';
import { UPTIME_WINDOWS, countsByDay, uptimePercent, utcDays, worstStatus, type StatusCounts, type UptimeWindow } from '../uptime/uptime-math.ts';
import type { TargetDirectory } from '../targets/target-directory.ts';
import type { MonitorEntry } from '../targets/monitor-entry.ts';
import { PLATFORM_TARGET, isScheduled, targetKeyOf, type MonitorTarget } from '../targets/monitor-target.ts';
import { schedulerLiveness, type SchedulerLiveness } from './scheduler-liveness.ts';
import type { StateSnapshot } from '../store/state-snapshot.ts';
import { schedulerAliveWindowMs, staleAfterMs } from '../status/staleness.ts';
import { targetView, type StatusTally, type TargetView } from './target-view.ts';

export interface MonitorSummary {
  id: string;
  name: string;
  description: string | null;
  tier: string;
  scope: 'platform' | 'tenant';
  enabled: boolean;
  intervalSeconds: number;
  timeoutMs: number;
  thresholds: { degradedMs: number; unhealthyMs: number };
  failureThreshold: number;
  recoveryThreshold: number;
}

export function monitorSummary(e: MonitorEntry): MonitorSummary {
  return {
    id: e.monitor.id,
    name: e.monitor.name,
    description: e.monitor.description ?? null,
    tier: e.monitor.tier,
    scope: e.monitor.scope,
    enabled: e.enabled,
    intervalSeconds: e.intervalMs / 1000,
    timeoutMs: e.timeoutMs,
    thresholds: { ...e.thresholds },
    failureThreshold: e.policy.failureThreshold,
    recoveryThreshold: e.policy.recoveryThreshold,
  };
}

export interface MatrixRow {
  id: string;
  tenant: { id: string; slug: string; name: string };
  status: ObservedStatus;
  cells: Record<string, TargetView | null>;
}

const worst = (statuses: ObservedStatus[]): ObservedStatus => {
  if (statuses.includes('unhealthy')) return 'unhealthy';
  if (statuses.includes('degraded')) return 'degraded';
  if (statuses.includes('unknown') || statuses.length === 0) return 'unknown';
  return 'healthy';
};

/** Per tenant monitor, the count of fresh results by status (fresh: newer than two intervals + timeout + grace). */
function freshCounts(entries: MonitorEntry[], rows: ReadonlyMap<string, MonitorStateRow>, now: number): Map<string, StatusTally> {
  const freshAfter = new Map(entries.map((e) => [e.monitor.id, now - staleAfterMs({ intervalMs: e.intervalMs, timeoutMs: e.timeoutMs })]));
  const counts = new Map<string, StatusTally>();
  for (const r of rows.values()) {
    const cutoff = freshAfter.get(r.monitor_id);
    if (cutoff === undefined || r.status === 'unknown' || !r.last_checked_at || r.last_checked_at.getTime() < cutoff) continue;
    let c = counts.get(r.monitor_id);
    if (!c) counts.set(r.monitor_id, (c = { healthy: 0, degraded: 0, unhealthy: 0, unknown: 0 }));
    c[r.status]++;
  }
  return counts;
}

/** Whether any target ever reported (a fresh install has state rows, none of them checked yet). */
function everChecked(rows: ReadonlyMap<string, MonitorStateRow>): boolean {
  for (const r of rows.values()) if (r.last_checked_at) return true;
  return false;
}

const STATUS_ORDER: Record<ObservedStatus, number> = { unhealthy: 0, degraded: 1, unknown: 2, healthy: 3 };

/** Read side of the health API, over the directory (what exists) and the state/history tables (what was seen). */
export class HealthViews {
  constructor(private readonly deps: { db: Database; directory: TargetDirectory; tenants: TenantDirectory; snapshot: StateSnapshot; options: HealthOptions }) {}

  private now(): number {
    return this.deps.options.clock();
  }

  async liveness(): Promise<SchedulerLiveness> {
    return schedulerLiveness(this.deps.db, this.now(), this.deps.options.loopMs);
  }

  private stateMap(rows: MonitorStateRow[]): Map<string, MonitorStateRow> {
    return new Map(rows.map((r) => [targetKeyOf(r.monitor_id, r.target_key), r]));
  }

  /** Master status: platform monitors by the seed's rules, plus a tally per tenant monitor. From the in-memory snapshot. */
  async overview(): Promise<HealthOverview & { waitingForFirstChecks: boolean; services: TargetView[]; tenantMonitors: { id: string; name: string; tally: StatusTally; configured: number }[] }> {
    const { directory, options } = this.deps;
    await directory.ensureFresh();
    const now = this.now();
    const platformTargets = directory.all().filter((t) => t.entry.monitor.scope === 'platform' && !t.entry.listTargets);
    const tenantEntries = directory.entries().filter((e) => e.monitor.scope === 'tenant' || e.listTargets);
    const { rows, lastBeatAt } = await this.deps.snapshot.read();
    const alive = lastBeatAt !== null && now - lastBeatAt <= schedulerAliveWindowMs(options.loopMs);
    const services = platformTargets.map((t) => targetView(t, rows.get(t.key), now, alive));
    const checked = services.filter((s) => s.checked);
    return {
      status: alive ? overallStatus(checked.map((s) => s.status)) : 'unknown',
      waitingForFirstChecks: directory.scheduled().length > 0 && !everChecked(rows),
      components: checked.map((s) => ({
        id: s.monitorId,
        name: s.monitorName,
        tier: directory.entry(s.monitorId)!.monitor.tier,
        status: s.status,
        responseTimeMs: s.responseTimeMs,
        lastCheckedAt: s.lastCheckedAt,
        since: s.since,
      })),
      services,
      tenantMonitors: this.tallies(tenantEntries, freshCounts(tenantEntries, rows, now), alive),
      scheduler: { alive, lastBeatAt: lastBeatAt === null ? null : new Date(lastBeatAt).toISOString() },
      timestamp: new Date(now).toISOString(),
    };
  }

  /**
   * Fresh results count by status; every other checked target (stale, never checked) is unknown. Rows of
   * tenants no longer checked go stale and so drop out.
   */
  private tallies(entries: MonitorEntry[], counts: Map<string, StatusTally>, alive: boolean) {
    const scheduledCount = new Map<string, number>();
    for (const t of this.deps.directory.scheduled()) scheduledCount.set(t.monitorId, (scheduledCount.get(t.monitorId) ?? 0) + 1);
    return entries.map((e) => {
      const c = counts.get(e.monitor.id);
      const t: StatusTally = alive && c ? { ...c } : { healthy: 0, degraded: 0, unhealthy: 0, unknown: 0 };
      const fresh = t.healthy + t.degraded + t.unhealthy;
      const configured = scheduledCount.get(e.monitor.id) ?? 0;
      t.unknown = Math.max(0, configured - fresh);
      return { id: e.monitor.id, name: e.monitor.name, tally: t, configured };
    });
  }

  /** Tenants x tenant monitors, one page. */
  async matrix(opts: { offset: number; limit: number; q?: string; status?: ObservedStatus; tenantIds?: string[] }): Promise<{ monitors: { id: string; name: string }[]; rows: MatrixRow[]; total: number }> {
    const { directory, db, tenants } = this.deps;
    await directory.ensureFresh();
    const now = this.now();
    const live = await this.liveness();
    const entries = directory.entries().filter((e) => e.monitor.scope === 'tenant' && !e.listTargets);
    let list: TenantInfo[] = await tenants.list({ status: ['active'] });
    if (opts.tenantIds) list = list.filter((t) => opts.tenantIds!.includes(t.id));
    if (opts.q) {
      const q = opts.q.toLowerCase();
      list = list.filter((t) => t.name.toLowerCase().includes(q) || t.slug.includes(q));
    }
    const byTenant = (rows: MonitorStateRow[]) => this.stateMap(rows);
    const build = (tenant: TenantInfo, states: Map<string, MonitorStateRow>): MatrixRow => {
      const cells: Record<string, TargetView | null> = {};
      for (const e of entries) {
        const target = directory.target(e.monitor.id, tenant.id);
        cells[e.monitor.id] = target ? targetView(target, states.get(target.key), now, live.alive) : null;
      }
      const checked = Object.values(cells).filter((c): c is TargetView => !!c && c.checked);
      return { id: tenant.id, tenant: { id: tenant.id, slug: tenant.slug, name: tenant.name }, status: worst(checked.map((c) => c.status)), cells };
    };
    let rows: MatrixRow[];
    let total: number;
    if (opts.status) {
      // Filtering by status needs every tenant's cells; states of all tenant monitors are one indexed read.
      const states = byTenant(await loadStates(db, { monitorIds: entries.map((e) => e.monitor.id) }));
      const all = list.map((t) => build(t, states)).filter((r) => r.status === opts.status);
      all.sort((a, b) => STATUS_ORDER[a.status] - STATUS_ORDER[b.status] || a.tenant.name.localeCompare(b.tenant.name));
      total = all.length;
      rows = all.slice(opts.offset, opts.offset + opts.limit);
    } else {
      total = list.length;
      const page = list.slice(opts.offset, opts.offset + opts.limit);
      const states = page.length && entries.length ? byTenant(await loadStates(db, { monitorIds: entries.map((e) => e.monitor.id), targetKeys: page.map((t) => t.id) })) : new Map();
      rows = page.map((t) => build(t, states));
    }
    return { monitors: entries.map((e) => ({ id: e.monitor.id, name: e.monitor.name })), rows, total };
  }

  /** One tenant's monitors. */
  async tenant(tenant: TenantInfo): Promise<{ tenant: { id: string; slug: string; name: string }; status: ObservedStatus; monitors: TargetView[] }> {
    const page = await this.matrix({ offset: 0, limit: 1, tenantIds: [tenant.id] });
    const row = page.rows[0];
    const monitors = row ? Object.values(row.cells).filter((c): c is TargetView => c !== null) : [];
    return { tenant: { id: tenant.id, slug: tenant.slug, name: tenant.name }, status: row?.status ?? 'unknown', monitors };
  }

  /** One service: its configuration, state (or per-tenant tally), uptime, 24 h sparkline and recent failures. */
  async service(monitorId: string, targetKey = PLATFORM_TARGET) {
    const { directory, db } = this.deps;
    await directory.ensureFresh();
    const entry = directory.entry(monitorId);
    if (!entry) return null;
    const now = this.now();
    const live = await this.liveness();
    const target = directory.target(monitorId, targetKey);
    const state = target ? (await loadStates(db, { monitorIds: [monitorId], targetKeys: [targetKey] }))[0] : undefined;
    const isTenantScoped = entry.monitor.scope === 'tenant' || !!entry.listTargets;
    const tallyOf = isTenantScoped ? this.tallies([entry], freshCounts([entry], (await this.deps.snapshot.read()).rows, now), live.alive)[0] : null;
    const uptime = target ? (await this.uptime([monitorId], [targetKey]))[0]?.windows ?? null : null;
    const sparkline = target ? await hourlyRollups(db, monitorId, targetKey, new Date(now - 24 * 3600_000), new Date(now + 1)) : [];
    return {
      ...monitorSummary(entry),
      target: target ? targetView(target, state, now, live.alive) : null,
      tally: tallyOf?.tally ?? null,
      uptime,
      sparkline: sparkline.map((p) => ({ hour: p.hour, avgMs: p.avgMs, p95Ms: p.p95Ms, checks: p.checks, unhealthy: p.unhealthy })),
      recentFailures: target ? await recentFailures(db, monitorId, targetKey, 20) : [],
      scheduler: live,
    };
  }

  /** Uptime % per (monitor, target) over 24 h, 7 d, 30 d and 90 d, from the hourly rollups. */
  async uptime(monitorIds: string[], targetKeys: string[] | null): Promise<{ monitorId: string; targetKey: string; windows: Record<UptimeWindow, { uptimePct: number | null; checks: number }> }[]> {
    const now = this.now();
    const since = Object.fromEntries(Object.entries(UPTIME_WINDOWS).map(([k, ms]) => [k, new Date(now - ms)]));
    const counts = await countsSince(this.deps.db, monitorIds, targetKeys, since);
    const keys = targetKeys ? monitorIds.flatMap((m) => targetKeys.map((t) => `${m}/${t}`)) : [...counts.keys()];
    return keys.map((key) => {
      const [monitorId, targetKey] = [key.slice(0, key.indexOf('/')), key.slice(key.indexOf('/') + 1)];
      const w = counts.get(key);
      const windows = Object.fromEntries(
        (Object.keys(UPTIME_WINDOWS) as UptimeWindow[]).map((k) => {
          const c: StatusCounts = w?.[k] ?? { checks: 0, healthy: 0, degraded: 0, unhealthy: 0 };
          return [k, { uptimePct: uptimePercent(c), checks: c.checks }];
        }),
      ) as Record<UptimeWindow, { uptimePct: number | null; checks: number }>;
      return { monitorId, targetKey, windows };
    });
  }

  /** Per UTC day for the status page's uptime bars, oldest first. */
  async dailyUptime(monitorId: string, days: number, targetKey = PLATFORM_TARGET) {
    const now = this.now();
    const dayList = utcDays(now, days);
    const rows = await hourlyRollups(this.deps.db, monitorId, targetKey, new Date(`${dayList[0]}T00:00:00Z`), new Date(now + 1));
    const byDay = countsByDay(rows.map((r) => ({ hour: r.hour, checks: r.checks, healthy: r.healthy, degraded: r.degraded, unhealthy: r.unhealthy })));
    return dayList.map((day) => {
      const c = byDay.get(day) ?? { checks: 0, healthy: 0, degraded: 0, unhealthy: 0 };
      return { day, uptimePct: uptimePercent(c), checks: c.checks, worst: worstStatus(c) };
    });
  }

  scheduledTargets(): MonitorTarget[] {
    return this.deps.directory.all().filter(isScheduled);
  }
}

