import type { Database } from '@platform/sdk';
import type { FlagClient } from '@platform/sdk/feature-flags';
import type { PlatformMaintenanceMode } from '@platform/sdk/maintenance';
import type { HealthReader, HealthOverview } from '@platform/sdk/monitors';
import { isOpenIncident, type ComponentStatus, type IncidentImpact, type IncidentStatus, type MaintenanceStatus, type SystemStatus } from '../status-vocabulary.ts';
import type { IncidentUpdate } from '../entities/incident.ts';
import type { StatusSettingsValues } from '../status-settings.ts';
import { splitMaintenance } from '../maintenance/maintenance-lifecycle.ts';
import { publicComponentStatus, publicSystemStatus } from './component-status.ts';
import { fullyRolledOutFlags } from './feature-flag-snapshot.ts';

export interface PublicMaintenance {
  id: string;
  title: string;
  description: string;
  scheduledStart: string;
  scheduledEnd: string;
  status: MaintenanceStatus;
  affectsPortal: boolean;
  affectsCRM: boolean;
  components: string[];
}

export interface PublicIncident {
  id: string;
  title: string;
  status: IncidentStatus;
  impact: IncidentImpact;
  componentStatus: ComponentStatus;
  components: string[];
  message: string;
  startedAt: string;
  resolvedAt: string | null;
  updatedAt: string;
  updates: IncidentUpdate[];
}

export interface PublicComponent {
  id: string;
  name: string;
  status: ComponentStatus;
  health: 'healthy' | 'degraded' | 'unhealthy' | 'unknown';
  responseTime: number | null;
  lastChecked: string | null;
}

export interface VersionInfo {
  app: string;
  api: string;
  build: string | null;
  deployedAt: string | null;
}

/** Everything the public routes and the page show. Only public fields: no check messages, no config. */
export interface StatusSnapshot {
  systemStatus: SystemStatus;
  healthStatus: HealthOverview['status'];
  maintenanceMode: boolean;
  /** Platform maintenance mode is on (the flag `platform.maintenance_mode`): changes are paused. */
  platformMaintenance: boolean;
  currentMaintenance: PublicMaintenance | null;
  upcomingMaintenance: PublicMaintenance[];
  knownIssues: PublicIncident[];
  recentIncidents: PublicIncident[];
  components: PublicComponent[];
  featureFlags: Record<string, boolean>;
  version: VersionInfo;
  timestamp: string;
}

export interface SnapshotSources {
  db: Database;
  health(): HealthReader | null;
  flags(): FlagClient | null;
  /** The kernel's maintenance mode (always there in a kernel; null in unit tests). */
  platformMaintenance?(): PlatformMaintenanceMode | null;
  settings(): Promise<StatusSettingsValues>;
  version: VersionInfo;
  clock(): number;
  upcomingHorizonMs: number;
}

interface WindowRow {
  id: string;
  title: string;
  description: string;
  scheduled_start: Date;
  scheduled_end: Date;
  actual_start: Date | null;
  actual_end: Date | null;
  status: MaintenanceStatus;
  affects_portal: boolean;
  affects_crm: boolean;
  components: string[];
}

interface IncidentRow {
  id: string;
  title: string;
  status: IncidentStatus;
  impact: IncidentImpact;
  component_status: ComponentStatus;
  components: string[];
  message: string;
  started_at: Date;
  resolved_at: Date | null;
  updated_at: Date;
  updates: IncidentUpdate[];
}

const iso = (d: Date | string | null) => (d ? new Date(d).toISOString() : null);

const toMaintenance = (w: WindowRow): PublicMaintenance => ({
  id: w.id,
  title: w.title,
  description: w.description,
  scheduledStart: iso(w.scheduled_start)!,
  scheduledEnd: iso(w.scheduled_end)!,
  status: w.status,
  affectsPortal: w.affects_portal,
  affectsCRM: w.affects_crm,
  components: w.components ?? [],
});

const toIncident = (r: IncidentRow): PublicIncident => ({
  id: r.id,
  title: r.title,
  status: r.status,
  impact: r.impact,
  componentStatus: r.component_status,
  components: r.components ?? [],
  message: r.message,
  startedAt: iso(r.started_at)!,
  resolvedAt: iso(r.resolved_at),
  updatedAt: iso(r.updated_at)!,
  updates: r.updates ?? [],
});

const UNKNOWN_OVERVIEW: HealthOverview = { status: 'unknown', components: [], scheduler: { alive: false, lastBeatAt: null }, timestamp: new Date(0).toISOString() };

export async function buildStatusSnapshot(src: SnapshotSources): Promise<StatusSnapshot> {
  const now = new Date(src.clock());
  const settings = await src.settings();
  const reader = src.health();
  const [overview, windowRows, incidentRows, featureFlags] = await Promise.all([
    reader ? reader.overview().catch(() => UNKNOWN_OVERVIEW) : Promise.resolve(UNKNOWN_OVERVIEW),
    src.db.sql<WindowRow>(`SELECT * FROM status_maintenance_windows WHERE status IN ('scheduled', 'in_progress') ORDER BY scheduled_start LIMIT 200`),
    src.db.sql<IncidentRow>(
      `SELECT * FROM status_incidents WHERE status NOT IN ('resolved', 'postmortem') OR started_at >= $1::timestamptz - interval '90 days' ORDER BY started_at DESC LIMIT 200`,
      [now],
    ),
    fullyRolledOutFlags(src.flags()),
  ]);
  const platformMode = src.platformMaintenance?.() ?? null;
  const platformMaintenance = platformMode ? (await platformMode.state().catch(() => ({ active: false }))).active : false;
  const windows = windowRows.map((w) => ({ ...w, scheduledStart: new Date(w.scheduled_start), scheduledEnd: new Date(w.scheduled_end), actualStart: null, actualEnd: null }));
  const { current, upcoming } = splitMaintenance(windows, now, src.upcomingHorizonMs);
  const incidents = incidentRows.map(toIncident);
  const open = incidents.filter((i) => isOpenIncident(i.status));
  const inMaintenance = (id: string) => current.some((w) => (w.components ?? []).length === 0 || w.components.includes(id));
  const hidden = new Set(settings.hiddenComponents);
  const components: PublicComponent[] = overview.components
    .filter((c) => !hidden.has(c.id))
    .map((c) => ({
      id: c.id,
      name: settings.componentNames[c.id] ?? c.name,
      status: publicComponentStatus(c.status, open.filter((i) => i.components.includes(c.id)).map((i) => i.componentStatus), inMaintenance(c.id)),
      health: c.status,
      responseTime: c.responseTimeMs,
      lastChecked: c.lastCheckedAt,
    }));
  const maintenanceMode = platformMaintenance || current.some((w) => w.affects_portal);
  return {
    systemStatus: publicSystemStatus(overview.status, open.map((i) => i.impact), current.length > 0 || platformMaintenance),
    healthStatus: overview.status,
    maintenanceMode,
    platformMaintenance,
    currentMaintenance: current[0] ? toMaintenance(current[0]) : null,
    upcomingMaintenance: upcoming.map(toMaintenance),
    knownIssues: open,
    recentIncidents: incidents,
    components,
    featureFlags,
    version: src.version,
    timestamp: now.toISOString(),
  };
}
