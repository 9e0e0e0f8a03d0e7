import { describe, expect, it } from 'vitest';
import { durationMinutes, postmortemComplete, statusChangeProblem } from '../src/model/incident-lifecycle.ts';
import { mttrReport, weekStart } from '../src/model/mttr.ts';
import { severityForAlert, severityLevel, statusPageImpact } from '../src/model/severity-levels.ts';
import { alertIncidentKey } from '../src/model/incident-key.ts';

describe('incident lifecycle', () => {
  const pm = { whatHappened: 'DB failover', rootCause: 'disk full' };
  it('blocks resolving SEV1-2 without a postmortem that says what happened and why', () => {
    expect(statusChangeProblem('monitoring', 'resolved', 2, null)).toMatchObject({ code: 'postmortem_required', status: 409 });
    expect(statusChangeProblem('monitoring', 'resolved', 1, { whatHappened: 'x', rootCause: ' ' })).toMatchObject({ code: 'postmortem_required' });
    expect(statusChangeProblem('monitoring', 'resolved', 2, pm)).toBeNull();
    expect(statusChangeProblem('investigating', 'resolved', 3, null)).toBeNull();
  });
  it('allows any move between open statuses, and only reopening from resolved', () => {
    expect(statusChangeProblem('investigating', 'monitoring', 3, null)).toBeNull();
    expect(statusChangeProblem('monitoring', 'identified', 3, null)).toBeNull();
    expect(statusChangeProblem('identified', 'identified', 3, null)).toMatchObject({ code: 'status_unchanged' });
    expect(statusChangeProblem('resolved', 'monitoring', 3, null)).toMatchObject({ code: 'incident_resolved' });
    expect(statusChangeProblem('resolved', 'investigating', 3, null)).toBeNull();
  });
  it('knows a complete postmortem and a duration', () => {
    expect(postmortemComplete(pm)).toBe(true);
    expect(postmortemComplete({ whatHappened: 'x', rootCause: null })).toBe(false);
    expect(durationMinutes(0, 90 * 60_000, 0)).toBe(90);
    expect(durationMinutes(0, null, 30 * 60_000)).toBe(30);
  });
});

describe('severities', () => {
  it('defines SEV1-4 and maps them', () => {
    expect(severityLevel(1)).toMatchObject({ label: 'SEV1', criteria: 'Full outage, all users affected', postmortemRequired: true });
    expect(severityLevel(3).postmortemRequired).toBe(false);
    expect([1, 2, 3, 4].map((s) => statusPageImpact(s as 1))).toEqual(['critical', 'major', 'minor', 'none']);
    expect(['critical', 'warning', 'info'].map(severityForAlert)).toEqual([2, 3, 4]);
    expect(alertIncidentKey({ fingerprint: 'abc', firingSince: '2026-01-08T14:32:00.000Z' })).toBe('alert:abc:2026-01-08T14:32:00.000Z');
  });
});

describe('mttrReport', () => {
  it('computes MTTR by severity and per week', () => {
    const now = Date.UTC(2026, 0, 15, 12); // Thursday
    const monday = weekStart(now);
    expect(new Date(monday).toISOString()).toBe('2026-01-12T00:00:00.000Z');
    const h = 3_600_000;
    const resolved = [
      { severity: 2 as const, startedAt: monday + h, resolvedAt: monday + 3 * h },
      { severity: 2 as const, startedAt: monday + h, resolvedAt: monday + 5 * h },
      { severity: 4 as const, startedAt: monday - 7 * 24 * h, resolvedAt: monday - 7 * 24 * h + 30 * 60_000 },
    ];
    const report = mttrReport(resolved, resolved, now, 2);
    expect(report.bySeverity).toEqual([
      { severity: 1, resolved: 0, mttrMinutes: null },
      { severity: 2, resolved: 2, mttrMinutes: 180 },
      { severity: 3, resolved: 0, mttrMinutes: null },
      { severity: 4, resolved: 1, mttrMinutes: 30 },
    ]);
    expect(report.weeks.map((w) => [w.weekStart, w.resolved, w.mttrMinutes])).toEqual([['2026-01-05', 1, 30], ['2026-01-12', 2, 180]]);
    expect(report.weeks[1].bySeverity).toMatchObject({ sev2: 180, sev4: null });
  });
});
