import { describe, expect, it } from 'vitest';
import {
  DEFAULT_RETENTION, createDayStatements, dayPartitionName, firstKeptDay, firstKeptIsoDays, isoDayOf, isWithinRetention, levelPartitionName, parsePartitionName, planPartitions,
} from '../src/storage/partition-plan.ts';

const d = (iso: string) => new Date(iso);
const leaves = (day: string) => ['debug', 'info', 'warn', 'error'].map((l) => `platform_logs_p${day}_${l}`);

describe('partition names', () => {
  it('names UTC days and level leaves, and reads them back', () => {
    expect(dayPartitionName(d('2025-01-31T23:59:59Z'))).toBe('platform_logs_p20250131');
    expect(levelPartitionName(d('2025-02-01T00:00:00Z'), 'error')).toBe('platform_logs_p20250201_error');
    expect(parsePartitionName('platform_logs_p20250131_warn')).toEqual({ name: 'platform_logs_p20250131_warn', day: d('2025-01-31T00:00:00Z'), level: 'warn' });
    expect(parsePartitionName('platform_logs_p20250131')).toMatchObject({ level: null });
    expect(parsePartitionName('platform_logs_p20250231')).toBeNull(); // no such day
    expect(parsePartitionName('platform_logs_p20250131_trace')).toBeNull();
    expect(parsePartitionName('other_table')).toBeNull();
  });

  it('creates a day partition with its four level leaves', () => {
    const sql = createDayStatements(d('2025-01-31T00:00:00Z'));
    expect(sql[0]).toContain("PARTITION OF platform_logs FOR VALUES FROM ('2025-01-31T00:00:00.000Z') TO ('2025-02-01T00:00:00.000Z') PARTITION BY LIST (level)");
    expect(sql.filter((s) => s.includes("FOR VALUES IN ('"))).toHaveLength(4);
  });
});

describe('retention planning', () => {
  const now = d('2025-03-31T10:00:00Z');

  it('keeps a level between its retention and one day more', () => {
    expect(firstKeptDay(now, 7)).toEqual(d('2025-03-24T00:00:00Z'));
    expect(isWithinRetention('info', d('2025-03-24T00:00:01Z'), now, DEFAULT_RETENTION)).toBe(true);
    expect(isWithinRetention('info', d('2025-03-23T23:59:59Z'), now, DEFAULT_RETENTION)).toBe(false);
    expect(isWithinRetention('error', d('2025-03-02T00:00:00Z'), now, DEFAULT_RETENTION)).toBe(true);
  });

  it('reads the day of a timestamp and the first kept day per level as ISO dates', () => {
    expect(isoDayOf('2025-03-24T23:59:59.999999Z')).toBe('2025-03-24');
    expect(isoDayOf('2025-03-24T23:30:00+02:00')).toBe('2025-03-24');
    expect(isoDayOf('2025-03-25T00:30:00+02:00')).toBe('2025-03-24');
    expect(firstKeptIsoDays(now, DEFAULT_RETENTION)).toEqual({ error: '2025-03-01', warn: '2025-03-17', info: '2025-03-24', debug: '2025-03-30' });
  });

  it('creates today and the days ahead that are missing', () => {
    const plan = planPartitions(['platform_logs_p20250331', ...leaves('20250331')], now, DEFAULT_RETENTION, 3);
    expect(plan.createDays.map((x) => x.toISOString().slice(0, 10))).toEqual(['2025-04-01', '2025-04-02', '2025-04-03']);
  });

  it('drops each level leaf past its own retention, and the day once it is empty', () => {
    const days = ['20250320', '20250316', '20250301', '20250228'];
    const existing = days.flatMap((day) => [`platform_logs_p${day}`, ...leaves(day)]);
    const plan = planPartitions(existing, now, DEFAULT_RETENTION, 0);
    // 03-20: 11 days old. debug (1) and info (7) go; warn (14) and error (30) stay.
    // 03-16: 15 days old. debug, info, warn go. 03-01: 30 days: only error stays. 02-28: everything goes.
    expect(plan.dropLeaves).toEqual(
      [
        'platform_logs_p20250228_debug', 'platform_logs_p20250228_error', 'platform_logs_p20250228_info', 'platform_logs_p20250228_warn',
        'platform_logs_p20250301_debug', 'platform_logs_p20250301_info', 'platform_logs_p20250301_warn',
        'platform_logs_p20250316_debug', 'platform_logs_p20250316_info', 'platform_logs_p20250316_warn',
        'platform_logs_p20250320_debug', 'platform_logs_p20250320_info',
      ].sort(),
    );
    expect(plan.dropDays).toEqual(['platform_logs_p20250228']);
  });

  it('follows configured retention', () => {
    const existing = ['platform_logs_p20250329', ...leaves('20250329')];
    expect(planPartitions(existing, now, { ...DEFAULT_RETENTION, info: 1 }, 0).dropLeaves).toEqual(['platform_logs_p20250329_debug', 'platform_logs_p20250329_info']);
    expect(planPartitions(existing, now, { error: 1, warn: 1, info: 1, debug: 1 }, 0).dropDays).toEqual(['platform_logs_p20250329']);
  });

  it('ignores tables that are not its partitions', () => {
    expect(planPartitions(['platform_logs_archive', 'x'], now, DEFAULT_RETENTION, 0)).toEqual({ createDays: [d('2025-03-31T00:00:00Z')], dropLeaves: [], dropDays: [] });
  });
});
