import { describe, expect, it } from 'vitest';
import { backupsToPrune, isoWeek, scheduleDue } from '../src/schedules/retention.ts';

const at = (id: string, createdAt: string) => ({ id, createdAt });

describe('retention', () => {
  it('keeps the newest backup of each of the N most recent days', () => {
    const backups = [at('a', '2026-12-07T02:00:00Z'), at('b', '2026-12-07T01:00:00Z'), at('c', '2026-12-06T02:00:00Z'), at('d', '2026-12-05T02:00:00Z')];
    expect(backupsToPrune(backups, 2, 0).sort()).toEqual(['b', 'd']);
  });

  it('keeps the newest of each of the M most recent ISO weeks too, one backup counting for both', () => {
    const backups = [
      at('mon', '2026-12-07T02:00:00Z'), // week 50
      at('sun', '2026-12-06T02:00:00Z'), // week 49
      at('sat', '2026-12-05T02:00:00Z'), // week 49
      at('prev', '2026-11-29T02:00:00Z'), // week 48
      at('old', '2026-11-20T02:00:00Z'), // week 47
    ];
    expect(backupsToPrune(backups, 1, 3).sort()).toEqual(['old', 'sat']);
    expect(backupsToPrune(backups, 0, 0).sort()).toEqual(['mon', 'old', 'prev', 'sat', 'sun']);
    expect(backupsToPrune([], 3, 3)).toEqual([]);
  });

  it('names ISO weeks across a year end', () => {
    expect(isoWeek(new Date('2026-12-31T00:00:00Z'))).toBe('2026-W53');
    expect(isoWeek(new Date('2027-01-01T00:00:00Z'))).toBe('2026-W53');
    expect(isoWeek(new Date('2027-01-04T00:00:00Z'))).toBe('2027-W01');
  });

  it('is due once a day after its hour', () => {
    const now = new Date('2026-12-07T03:30:00Z');
    expect(scheduleDue(3, null, now)).toBe(true);
    expect(scheduleDue(4, null, now)).toBe(false);
    expect(scheduleDue(3, '2026-12-07T03:01:00Z', now)).toBe(false);
    expect(scheduleDue(3, '2026-12-06T03:01:00Z', now)).toBe(true);
  });
});
