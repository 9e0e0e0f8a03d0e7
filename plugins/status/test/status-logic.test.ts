import { describe, expect, it } from 'vitest';
import { publicComponentStatus, publicHttpStatus, publicSystemStatus } from '../src/public/component-status.ts';
import { advanceMaintenance, canChangeMaintenance, manualMaintenanceTimes, splitMaintenance } from '../src/maintenance/maintenance-lifecycle.ts';
import { incidentTimelineOnSave } from '../src/incidents/incident-timeline.ts';
import { IpRateLimiter } from '../src/public/ip-rate-limiter.ts';
import { escapeHtml } from '../src/public/status-page-html.ts';

const at = (iso: string) => new Date(iso);

describe('public component and system status', () => {
  it('maps health to Statuspage words, made worse by incidents', () => {
    expect(publicComponentStatus('healthy', [], false)).toBe('operational');
    expect(publicComponentStatus('degraded', [], false)).toBe('degraded_performance');
    expect(publicComponentStatus('unhealthy', [], false)).toBe('major_outage');
    expect(publicComponentStatus('unknown', [], false)).toBe('unknown');
    expect(publicComponentStatus('healthy', ['partial_outage'], false)).toBe('partial_outage');
    expect(publicComponentStatus('unhealthy', ['degraded_performance'], false)).toBe('major_outage');
  });
  it('shows maintenance unless an incident declares worse', () => {
    expect(publicComponentStatus('unhealthy', [], true)).toBe('under_maintenance');
    expect(publicComponentStatus('healthy', ['major_outage'], true)).toBe('major_outage');
  });
  it('derives the system status from health, incident impact and maintenance', () => {
    expect(publicSystemStatus('operational', [], false)).toBe('operational');
    expect(publicSystemStatus('operational', ['minor'], false)).toBe('degraded');
    expect(publicSystemStatus('degraded', ['critical'], false)).toBe('major_outage');
    expect(publicSystemStatus('partial_outage', ['minor'], false)).toBe('partial_outage');
    expect(publicSystemStatus('operational', [], true)).toBe('maintenance');
    expect(publicSystemStatus('major_outage', [], true)).toBe('major_outage');
    expect(publicSystemStatus('unknown', [], false)).toBe('unknown');
  });
  it('answers 503 on outages only', () => {
    expect(publicHttpStatus('maintenance')).toBe(200);
    expect(publicHttpStatus('degraded')).toBe(200);
    expect(publicHttpStatus('partial_outage')).toBe(503);
    expect(publicHttpStatus('major_outage')).toBe(503);
  });
});

describe('maintenance lifecycle', () => {
  const w = { status: 'scheduled' as const, scheduledStart: at('2025-10-25T02:00:00Z'), scheduledEnd: at('2025-10-25T04:00:00Z'), actualStart: null, actualEnd: null };
  it('starts at the scheduled start and completes at the scheduled end', () => {
    expect(advanceMaintenance(w, at('2025-10-25T01:59:59Z'))).toBeNull();
    expect(advanceMaintenance(w, at('2025-10-25T02:00:10Z'))).toEqual({ status: 'in_progress', actualStart: at('2025-10-25T02:00:10Z'), actualEnd: null });
    const running = { ...w, status: 'in_progress' as const, actualStart: at('2025-10-25T02:00:10Z') };
    expect(advanceMaintenance(running, at('2025-10-25T03:00:00Z'))).toBeNull();
    expect(advanceMaintenance(running, at('2025-10-25T04:00:05Z'))).toEqual({ status: 'completed', actualStart: at('2025-10-25T02:00:10Z'), actualEnd: at('2025-10-25T04:00:05Z') });
  });
  it('completes a window whose whole span was missed', () => {
    expect(advanceMaintenance(w, at('2025-10-26T00:00:00Z'))?.status).toBe('completed');
  });
  it('never moves a cancelled or completed window', () => {
    expect(advanceMaintenance({ ...w, status: 'cancelled' }, at('2025-10-25T03:00:00Z'))).toBeNull();
    expect(canChangeMaintenance('completed', 'in_progress')).toBe(false);
    expect(canChangeMaintenance('cancelled', 'scheduled')).toBe(false);
    expect(canChangeMaintenance('scheduled', 'cancelled')).toBe(true);
    expect(canChangeMaintenance('in_progress', 'completed')).toBe(true);
    expect(canChangeMaintenance('scheduled', 'completed')).toBe(false);
  });
  it('records actual times on manual changes', () => {
    const now = at('2025-10-25T03:00:00Z');
    expect(manualMaintenanceTimes('scheduled', 'in_progress', { actualStart: null, actualEnd: null }, now)).toEqual({ actualStart: now });
    expect(manualMaintenanceTimes('in_progress', 'completed', { actualStart: at('2025-10-25T02:00:00Z'), actualEnd: null }, now)).toEqual({ actualStart: at('2025-10-25T02:00:00Z'), actualEnd: now });
    expect(manualMaintenanceTimes('scheduled', 'cancelled', { actualStart: null, actualEnd: null }, now)).toEqual({});
  });
  it('splits current and upcoming (7 days) windows', () => {
    const now = at('2025-10-22T12:00:00Z');
    const soon = { ...w, id: 'soon' };
    const later = { ...w, id: 'later', scheduledStart: at('2025-11-05T00:00:00Z'), scheduledEnd: at('2025-11-05T01:00:00Z') };
    const running = { ...w, id: 'running', status: 'in_progress' as const };
    const { current, upcoming } = splitMaintenance([later, soon, running], now, 7 * 86_400_000);
    expect(current.map((x) => x.id)).toEqual(['running']);
    expect(upcoming.map((x) => x.id)).toEqual(['soon']);
  });
});

describe('incident timeline', () => {
  const now = at('2025-10-22T12:00:00Z');
  it('starts the timeline on create', () => {
    expect(incidentTimelineOnSave({ status: 'investigating', message: 'Slow API responses' }, null, now)).toEqual({ updates: [{ at: now.toISOString(), status: 'investigating', message: 'Slow API responses' }] });
  });
  it('appends on a status or message change and sets resolvedAt', () => {
    const existing = { status: 'investigating' as const, message: 'Slow', updates: [{ at: 'x', status: 'investigating' as const, message: 'Slow' }], resolvedAt: null };
    const r = incidentTimelineOnSave({ status: 'resolved', message: 'Fixed' }, existing, now);
    expect(r.updates).toHaveLength(2);
    expect(r.resolvedAt).toEqual(now);
    expect(incidentTimelineOnSave({ status: 'investigating' }, existing, now)).toEqual({});
    expect(incidentTimelineOnSave({ status: 'monitoring' }, { ...existing, status: 'resolved', resolvedAt: now }, now).resolvedAt).toBeNull();
  });
});

describe('per-IP rate limit', () => {
  it('allows 60 a minute per address, then refuses until the window resets', () => {
    let now = 0;
    const limiter = new IpRateLimiter(60, 60_000, () => now);
    for (let i = 0; i < 60; i++) expect(limiter.take('1.2.3.4').allowed).toBe(true);
    const refused = limiter.take('1.2.3.4');
    expect(refused).toMatchObject({ allowed: false, remaining: 0, resetSeconds: 60 });
    expect(limiter.take('5.6.7.8').allowed).toBe(true);
    now = 60_000;
    expect(limiter.take('1.2.3.4')).toMatchObject({ allowed: true, remaining: 59 });
  });
  it('stays bounded under a flood of addresses', () => {
    const limiter = new IpRateLimiter(60, 60_000, () => 0, 100);
    for (let i = 0; i < 1000; i++) limiter.take(`10.0.${i >> 8}.${i & 255}`);
    expect((limiter as any).windows.size).toBeLessThanOrEqual(100);
  });
});

it('escapes HTML', () => {
  expect(escapeHtml(`<script>alert("x")</script> & 'y'`)).toBe('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;');
});
