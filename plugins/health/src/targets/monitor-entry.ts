import type { MonitorDefinition, MonitorRegistration, ResponseTimeThresholds } from '@platform/sdk/monitors';
import type { SettingsAccessor, TenantInfo } from '@platform/sdk';
import type { HealthOptions } from '../health-options.ts';
import type { MonitorOverride } from '../store/monitor-overrides.ts';
import { resolveThresholds } from '../status/response-time-thresholds.ts';
import type { FailurePolicy } from '../status/failure-state.ts';
import { checkTimeoutMs } from '../schedule/cadence.ts';

/** A target a built-in monitor lists itself (push monitors); contributed monitors get theirs from scope. */
export interface TargetSeed {
  targetKey: string;
  label: string;
  tenant: TenantInfo | null;
  config: Record<string, unknown> | null;
  problem: string | null;
  intervalMs?: number;
}

/** A monitor with everything the scheduler and the API need to know about it. */
export interface MonitorEntry {
  monitor: MonitorDefinition<any>;
  settings: SettingsAccessor | null;
  plugin: string | null;
  enabled: boolean;
  intervalMs: number;
  timeoutMs: number;
  thresholds: ResponseTimeThresholds;
  policy: FailurePolicy;
  override: MonitorOverride | null;
  /** Built-ins only. */
  listTargets?: () => Promise<TargetSeed[]>;
}

export interface BuiltInMonitor {
  monitor: MonitorDefinition<any>;
  listTargets: () => Promise<TargetSeed[]>;
  /** Default N/M for this monitor (operators can still override). */
  policy?: Partial<FailurePolicy>;
}

export function buildMonitorEntry(
  source: { monitor: MonitorDefinition<any>; settings?: SettingsAccessor | null; plugin?: string | null; listTargets?: () => Promise<TargetSeed[]>; policy?: Partial<FailurePolicy> },
  override: MonitorOverride | null,
  options: Pick<HealthOptions, 'tierIntervalSeconds' | 'defaultTimeoutMs' | 'failureThreshold' | 'recoveryThreshold'>,
): MonitorEntry {
  const m = source.monitor;
  const intervalSeconds = override?.intervalSeconds ?? m.intervalSeconds ?? options.tierIntervalSeconds[m.tier];
  const intervalMs = Math.max(1, intervalSeconds) * 1000;
  return {
    monitor: m,
    settings: source.settings ?? null,
    plugin: source.plugin ?? null,
    enabled: override?.enabled ?? true,
    intervalMs,
    timeoutMs: checkTimeoutMs(intervalMs, override?.timeoutMs ?? m.timeoutMs, options.defaultTimeoutMs),
    thresholds: resolveThresholds(m.defaultThresholds, {
      ...(override?.degradedMs != null ? { degradedMs: override.degradedMs } : {}),
      ...(override?.unhealthyMs != null ? { unhealthyMs: override.unhealthyMs } : {}),
    }),
    policy: {
      failureThreshold: override?.failureThreshold ?? source.policy?.failureThreshold ?? options.failureThreshold,
      recoveryThreshold: override?.recoveryThreshold ?? source.policy?.recoveryThreshold ?? options.recoveryThreshold,
    },
    override,
    listTargets: source.listTargets,
  };
}

/** Contributed monitors first (in plugin order), then built-ins; a duplicate id keeps the first. */
export function buildMonitorEntries(
  registrations: readonly MonitorRegistration[],
  builtIns: readonly BuiltInMonitor[],
  overrides: Map<string, MonitorOverride>,
  options: Pick<HealthOptions, 'tierIntervalSeconds' | 'defaultTimeoutMs' | 'failureThreshold' | 'recoveryThreshold'>,
  onDuplicate: (id: string) => void = () => undefined,
): Map<string, MonitorEntry> {
  const entries = new Map<string, MonitorEntry>();
  for (const source of [...registrations, ...builtIns]) {
    const id = source.monitor.id;
    if (entries.has(id)) {
      onDuplicate(id);
      continue;
    }
    entries.set(id, buildMonitorEntry(source, overrides.get(id) ?? null, options));
  }
  return entries;
}
