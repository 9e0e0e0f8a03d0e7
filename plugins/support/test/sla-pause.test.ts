import { describe, expect, it } from 'vitest';
import { slaPauseChanges, slaStateOf, type SlaFacts } from '../src/tickets/ticket-sla.ts';

const at = (hhmm: string) => new Date(`2026-03-02T${hhmm}:00.000Z`);
// Opened 09:00, urgent: first response due 09:30, resolution due 13:00.
const base: SlaFacts = { firstResponseDueAt: at('09:30'), resolutionDueAt: at('13:00'), firstResponseAt: null, resolvedAt: null, pausedAt: null, pausedSeconds: 0 };

describe('SLA timers pause while the ticket waits on the customer', () => {
  it('pauses on entering pending and changes nothing else', () => {
    expect(slaPauseChanges(base, 'open', 'pending', at('10:00'))).toEqual({ slaPausedAt: at('10:00') });
    expect(slaPauseChanges(base, 'open', 'on_hold', at('10:00'))).toEqual({});
    expect(slaPauseChanges(base, 'pending', 'pending', at('10:00'))).toEqual({});
  });

  it('on leaving pending moves the unmet due times on by the pause and adds it to the total', () => {
    const paused = { ...base, firstResponseAt: at('09:10'), pausedAt: at('10:00'), pausedSeconds: 600 };
    expect(slaPauseChanges(paused, 'pending', 'open', at('12:30'))).toEqual({
      slaPausedAt: null,
      slaPausedSeconds: 600 + 150 * 60,
      // The first response was met: its due time stays.
      resolutionDueAt: at('15:30'),
    });
    const neither = { ...base, pausedAt: at('09:20') };
    expect(slaPauseChanges(neither, 'pending', 'solved', at('09:50'))).toMatchObject({ firstResponseDueAt: at('10:00'), resolutionDueAt: at('13:30') });
  });

  it('freezes a paused timer: it neither counts down nor breaches while paused', () => {
    const paused = { ...base, firstResponseAt: at('09:10'), pausedAt: at('12:00') };
    const later = slaStateOf(paused, at('18:00'));
    expect(later.resolution).toMatchObject({ breached: false, paused: true, remainingMinutes: 60 });
    expect(later.firstResponse).toMatchObject({ breached: false, paused: false, remainingMinutes: null });
    expect(later.pausedSince).toBe(at('12:00').toISOString());
    expect(later.pausedMinutes).toBe(360);
    expect(slaStateOf({ ...paused, pausedAt: null }, at('18:00')).resolution).toMatchObject({ breached: true, paused: false });
  });

  it('keeps a breach that happened before the pause', () => {
    const late = { ...base, pausedAt: at('10:00') };
    expect(slaStateOf(late, at('11:00')).firstResponse).toMatchObject({ breached: true, paused: true, remainingMinutes: -30 });
  });
});
