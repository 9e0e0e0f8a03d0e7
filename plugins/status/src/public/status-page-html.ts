import type { DailyUptime } from '@platform/sdk/monitors';
import type { ComponentStatus, SystemStatus } from '../status-vocabulary.ts';
import type { PublicIncident, PublicMaintenance, StatusSnapshot } from './status-snapshot.ts';

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const SYSTEM_TEXT: Record<SystemStatus, string> = {
  operational: 'All systems operational',
  degraded: 'Degraded performance',
  partial_outage: 'Partial outage',
  major_outage: 'Major outage',
  maintenance: 'Maintenance in progress',
  unknown: 'Status unknown',
};

const COMPONENT_TEXT: Record<ComponentStatus, string> = {
  operational: 'Operational',
  degraded_performance: 'Degraded performance',
  partial_outage: 'Partial outage',
  major_outage: 'Major outage',
  under_maintenance: 'Under maintenance',
  unknown: 'Unknown',
};

const COLOR: Record<string, string> = {
  operational: '#2e7d32', healthy: '#2e7d32', degraded_performance: '#f9a825', degraded: '#f9a825', partial_outage: '#ef6c00',
  major_outage: '#c62828', unhealthy: '#c62828', under_maintenance: '#1565c0', maintenance: '#1565c0', unknown: '#9e9e9e',
};

const when = (isoText: string) => escapeHtml(new Date(isoText).toUTCString().replace(' GMT', ' UTC'));

function uptimeBar(days: readonly DailyUptime[]): string {
  const bars = days
    .map((d) => `<rect x="${days.indexOf(d) * 5}" y="0" width="4" height="28" rx="1" fill="${COLOR[d.worst]}"><title>${escapeHtml(d.day)}: ${d.uptimePct === null ? 'no data' : `${d.uptimePct}% uptime`}</title></rect>`)
    .join('');
  return `<svg class="bar" viewBox="0 0 ${days.length * 5} 28" preserveAspectRatio="none" role="img" aria-label="${days.length}-day uptime">${bars}</svg>`;
}

function overallUptime(days: readonly DailyUptime[]): string {
  const checked = days.filter((d) => d.uptimePct !== null);
  if (checked.length === 0) return 'no data';
  const total = checked.reduce((s, d) => s + d.checks, 0);
  const up = checked.reduce((s, d) => s + (d.uptimePct! / 100) * d.checks, 0);
  return `${(Math.round((up / total) * 100_000) / 1000).toFixed(3).replace(/\.?0+$/, '')}% uptime`;
}

function maintenanceBlock(title: string, windows: readonly PublicMaintenance[]): string {
  if (windows.length === 0) return '';
  const items = windows.map((w) => `<li><strong>${escapeHtml(w.title)}</strong> ${when(w.scheduledStart)} – ${when(w.scheduledEnd)}${w.description ? `<p>${escapeHtml(w.description)}</p>` : ''}</li>`).join('');
  return `<section><h2>${escapeHtml(title)}</h2><ul class="list">${items}</ul></section>`;
}

function incidentBlock(title: string, incidents: readonly PublicIncident[], empty: string): string {
  const items = incidents
    .map((i) => {
      const timeline = [...i.updates].reverse().map((u) => `<li><em>${escapeHtml(u.status)}</em> · ${when(u.at)}${u.message ? ` — ${escapeHtml(u.message)}` : ''}</li>`).join('');
      return `<li class="incident"><strong>${escapeHtml(i.title)}</strong> <span class="tag" style="background:${COLOR[i.componentStatus] ?? COLOR.unknown}">${escapeHtml(i.impact)}</span> <span class="muted">${escapeHtml(i.status)} · ${when(i.startedAt)}</span>${timeline ? `<ul class="timeline">${timeline}</ul>` : ''}</li>`;
    })
    .join('');
  return `<section><h2>${escapeHtml(title)}</h2>${items ? `<ul class="list">${items}</ul>` : `<p class="muted">${escapeHtml(empty)}</p>`}</section>`;
}

/** The public status page: a server-rendered HTML document, no scripts, no login. */
export function renderStatusPage(title: string, s: StatusSnapshot, uptime: ReadonlyMap<string, readonly DailyUptime[]>): string {
  const components = s.components
    .map((c) => {
      const days = uptime.get(c.id) ?? [];
      return `<li class="component"><div class="row"><span>${escapeHtml(c.name)}</span><span style="color:${COLOR[c.status]}">${COMPONENT_TEXT[c.status]}</span></div>${uptimeBar(days)}<div class="row muted small"><span>${days.length} days ago</span><span>${overallUptime(days)}</span><span>Today</span></div></li>`;
    })
    .join('');
  const past = s.recentIncidents.filter((i) => !s.knownIssues.some((k) => k.id === i.id));
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>
body{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:0;background:#f6f7f9;color:#1f2328}
main{max-width:820px;margin:0 auto;padding:24px}
.banner{padding:18px 20px;border-radius:8px;color:#fff;font-size:1.25rem;font-weight:600}
section{background:#fff;border-radius:8px;padding:16px 20px;margin-top:16px;box-shadow:0 1px 2px rgba(0,0,0,.06)}
h1{font-size:1.5rem}h2{font-size:1.05rem;margin:0 0 12px}
.list{list-style:none;margin:0;padding:0}.list>li{padding:10px 0;border-top:1px solid #eee}.list>li:first-child{border-top:0}
.row{display:flex;justify-content:space-between;gap:12px}.muted{color:#6b7280}.small{font-size:.78rem}
.bar{width:100%;height:28px;margin:8px 0 4px}.tag{color:#fff;border-radius:4px;padding:1px 6px;font-size:.75rem}
.timeline{margin:6px 0 0 0;padding-left:18px;font-size:.9rem}
</style></head>
<body><main>
<h1>${escapeHtml(title)}</h1>
<div class="banner" style="background:${COLOR[s.systemStatus]}">${SYSTEM_TEXT[s.systemStatus]}</div>
${s.platformMaintenance ? '<section class="platform-maintenance"><h2>The platform is in maintenance</h2><p>Changes are paused for a short while; reading still works. Please try again in a few minutes.</p></section>' : ''}
${s.currentMaintenance ? maintenanceBlock('Maintenance in progress', [s.currentMaintenance]) : ''}
${incidentBlock('Current incidents', s.knownIssues, 'No known issues.')}
<section><h2>Components</h2><ul class="list">${components || '<li class="muted">No components are monitored yet.</li>'}</ul></section>
${maintenanceBlock('Scheduled maintenance', s.upcomingMaintenance)}
${incidentBlock('Past incidents (90 days)', past, 'No incidents in the last 90 days.')}
<p class="muted small">Updated ${when(s.timestamp)} · version ${escapeHtml(s.version.app)}</p>
</main></body></html>`;
}
