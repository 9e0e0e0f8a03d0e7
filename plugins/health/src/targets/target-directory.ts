import { MONITORS } from '@platform/sdk/monitors';
import {
  type Database,
  type ExtensionRegistry,
  type Logger,
  type TenantDirectory,
  type TenantInfo,
} from '@platform/sdk';
import type { HealthOptions } from '../health-options.ts';
import { loadMonitorOverrides } from '../store/monitor-overrides.ts';
import { ensureStateRows, loadClaims, loadStates } from '../store/monitor-state-store.ts';
import { isFailing } from '../status/failure-state.ts';
import { jitterOffsetMs, latestPlannedAt, nextPlannedAt } from '../schedule/cadence.ts';
import { buildMonitorEntries, type BuiltInMonitor, type MonitorEntry, type TargetSeed } from './monitor-entry.ts';
import { PLATFORM_TARGET, isScheduled, targetKeyOf, type MonitorTarget } from './monitor-target.ts';
import { ConfigResolutions } from './config-resolutions.ts';

export interface TargetDirectoryDeps {
  db: Database;
  extensions: ExtensionRegistry;
  tenants: TenantDirectory;
  logger: Logger;
  options: HealthOptions;
  builtIns: () => BuiltInMonitor[];
}

/**
 * The monitors and their targets on this instance: contributed monitors x (the platform | every active
 * tenant the monitor's plugin is enabled for), plus built-ins' own targets, each with its validated
 * configuration. Refreshed periodically (settings, tenants and overrides change at run time); targets
 * that survive a refresh keep their scheduling state.
 */
export class TargetDirectory {
  private monitors = new Map<string, MonitorEntry>();
  private targets = new Map<string, MonitorTarget>();
  private scheduledTargets: MonitorTarget[] = [];
  private readonly resolutions = new ConfigResolutions();
  private loadedAt = 0;
  private registrationCount = -1;
  private refreshing: Promise<void> | null = null;

  constructor(private readonly deps: TargetDirectoryDeps) {}

  entries(): MonitorEntry[] {
    return [...this.monitors.values()];
  }

  entry(monitorId: string): MonitorEntry | undefined {
    return this.monitors.get(monitorId);
  }

  all(): MonitorTarget[] {
    return [...this.targets.values()];
  }

  /** Enabled and configured targets (the list is replaced, never changed, by a refresh). */
  scheduled(): readonly MonitorTarget[] {
    return this.scheduledTargets;
  }

  target(monitorId: string, targetKey: string): MonitorTarget | undefined {
    return this.targets.get(targetKeyOf(monitorId, targetKey));
  }

  /** Whether the first discovery has completed. */
  get loaded(): boolean {
    return this.loadedAt !== 0 || this.targets.size > 0;
  }

  /** Whether a refresh is due: never loaded, too old, or monitors were contributed since. */
  isStale(now: number): boolean {
    return this.loadedAt === 0 || now - this.loadedAt >= this.deps.options.targetRefreshMs || this.deps.extensions.get(MONITORS).length !== this.registrationCount;
  }

  /** The next `ensureFresh()` (or scheduler pass) re-reads everything. */
  invalidate(): void {
    this.loadedAt = 0;
  }

  /**
   * Readers (the API) wait only for the very first discovery; after that a due refresh runs in the
   * background and they answer from what is loaded (discovering thousands of per-tenant targets can take
   * seconds, and no request should wait for it).
   */
  async ensureFresh(): Promise<void> {
    if (!this.loaded) return this.refresh();
    if (this.isStale(this.deps.options.clock())) void this.refresh().catch((err) => this.deps.logger.error({ err }, 'health target discovery failed'));
  }

  /** Resolves once no refresh is under way (shutdown waits for it before the database goes). */
  async idle(): Promise<void> {
    await this.refreshing?.catch(() => undefined);
  }

  /** Re-reads monitors, overrides, tenants and settings. Concurrent callers share one refresh. */
  refresh(): Promise<void> {
    this.refreshing ??= this.load().finally(() => {
      this.refreshing = null;
    });
    return this.refreshing;
  }

  private async load(): Promise<void> {
    const { db, extensions, options, logger } = this.deps;
    const registrations = extensions.get(MONITORS);
    const entries = buildMonitorEntries(registrations, this.deps.builtIns(), await loadMonitorOverrides(db), options, (id) =>
      logger.error({ monitor: id }, 'two monitors share this id; the second is ignored'),
    );
    const needsTenants = [...entries.values()].some((e) => e.monitor.scope === 'tenant' && !e.listTargets);
    const tenants = needsTenants ? await this.deps.tenants.list({ status: ['active'] }) : [];
    const seeds: { entry: MonitorEntry; seed: TargetSeed }[] = [];
    for (const entry of entries.values()) {
      for (const seed of await this.seedsOf(entry, tenants)) seeds.push({ entry, seed });
      await yieldToLoop(); // a refresh runs beside the checks: never hold the event loop for long
    }
    this.resolutions.forget(new Set(seeds.map((x) => targetKeyOf(x.entry.monitor.id, x.seed.targetKey))));
    const now = options.clock();
    const states = new Map((await loadStates(db)).map((s) => [targetKeyOf(s.monitor_id, s.target_key), s]));
    const claims = await loadClaims(db);
    const next = new Map<string, MonitorTarget>();
    for (const { entry, seed } of seeds) {
      const key = targetKeyOf(entry.monitor.id, seed.targetKey);
      const intervalMs = seed.intervalMs ?? entry.intervalMs;
      const offsetMs = jitterOffsetMs(key, intervalMs, options.jitterRatio);
      const previous = this.targets.get(key);
      const target: MonitorTarget = {
        key,
        monitorId: entry.monitor.id,
        targetKey: seed.targetKey,
        tenant: seed.tenant,
        label: seed.label,
        entry,
        config: seed.config,
        problem: seed.problem,
        intervalMs,
        offsetMs,
        nextPlannedAt: 0,
        catchUp: false,
        failing: false,
        // Cached values (OAuth tokens...) were derived from the old settings: drop them when those change.
        memo: previous && previous.config === seed.config ? previous.memo : new Map(),
      };
      if (previous && previous.intervalMs === intervalMs && previous.offsetMs === offsetMs && isScheduled(previous)) {
        target.nextPlannedAt = previous.nextPlannedAt;
        target.catchUp = previous.catchUp;
        target.failing = previous.failing;
      } else {
        const state = states.get(key);
        const lastPlanned = claims.get(key) ?? null;
        const latest = latestPlannedAt(now, intervalMs, offsetMs);
        // Never checked on this grid point yet: run the latest planned time now, else wait for the next.
        target.catchUp = lastPlanned === null || lastPlanned < latest;
        target.nextPlannedAt = target.catchUp ? latest : nextPlannedAt(now, intervalMs, offsetMs);
        target.failing = state ? isFailing({ status: state.status, consecutiveFailures: state.consecutive_failures, consecutiveSuccesses: state.consecutive_successes }) : false;
      }
      next.set(key, target);
    }
    const fresh = [...next.values()].filter((t) => isScheduled(t) && !states.has(t.key));
    await ensureStateRows(db, fresh.map((t) => ({ monitorId: t.monitorId, targetKey: t.targetKey, tenantId: t.tenant?.id ?? null })));
    this.monitors = entries;
    this.targets = next;
    this.scheduledTargets = [...next.values()].filter(isScheduled);
    this.loadedAt = options.clock();
    this.registrationCount = registrations.length;
  }

  private async seedsOf(entry: MonitorEntry, tenants: TenantInfo[]): Promise<TargetSeed[]> {
    const m = entry.monitor;
    try {
      if (entry.listTargets) return await entry.listTargets();
      if (m.scope === 'platform') {
        const values = await this.readSettings(entry, () => entry.settings!.get<Record<string, unknown>>(null));
        return [this.seedFor(entry, null, values)];
      }
      const enabledIds = entry.plugin ? await this.deps.tenants.enabledTenants(entry.plugin, tenants.map((t) => t.id)) : null;
      const enabled = enabledIds ? tenants.filter((t) => enabledIds.has(t.id)) : tenants;
      const values = await this.readSettings(entry, () => entry.settings!.getForTenants<Record<string, unknown>>(enabled.map((t) => t.id)));
      return enabled.map((t) => this.seedFor(entry, t, values instanceof Map ? values.get(t.id) ?? {} : values));
    } catch (err) {
      this.deps.logger.error({ err, monitor: m.id }, 'could not list the targets of a monitor');
      return [];
    }
  }

  /** The monitor's settings, or an Error saying why they could not be read (each target then shows it). */
  private async readSettings<T>(entry: MonitorEntry, read: () => Promise<T>): Promise<T | Record<string, unknown> | Error> {
    if (!entry.settings) return {};
    try {
      return await read();
    } catch (err) {
      return err as Error;
    }
  }

  private seedFor(entry: MonitorEntry, tenant: TenantInfo | null, values: Record<string, unknown> | Error): TargetSeed {
    const targetKey = tenant?.id ?? PLATFORM_TARGET;
    const label = tenant?.name ?? 'Platform';
    if (values instanceof Error) return { targetKey, label, tenant, config: null, problem: `settings could not be read: ${values.message}` };
    const resolved = this.resolutions.resolve(targetKeyOf(entry.monitor.id, targetKey), entry.monitor.configSchema, values);
    return resolved.ok
      ? { targetKey, label, tenant, config: resolved.config as Record<string, unknown>, problem: null }
      : { targetKey, label, tenant, config: null, problem: `not configured: ${resolved.problem}` };
  }
}

const yieldToLoop = () => new Promise<void>((resolve) => setImmediate(resolve));
