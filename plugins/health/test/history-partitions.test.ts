import { describe, expect, it } from 'vitest';
import { partitionDay, partitionName, planHistoryPartitions } from '../src/store/history-partitions.ts';

describe('history partitions (one UTC day each)', () => {
  const now = Date.parse('2025-10-22T10:00:00Z');
  const day = (iso: string) => partitionName(Date.parse(`${iso}T00:00:00Z`));

  it('names partitions by UTC day and reads them back', () => {
    expect(day('2025-10-22')).toBe('health_check_history_p20251022');
    expect(partitionDay('health_check_history_p20251022')).toBe(Date.parse('2025-10-22T00:00:00Z'));
    expect(partitionDay('health_check_history_default')).toBeNull();
  });

  it('creates today and the days ahead that are missing', () => {
    const plan = planHistoryPartitions([day('2025-10-22'), day('2025-10-23')], now, 30, 3);
    expect(plan.create.map(partitionName)).toEqual([day('2025-10-24'), day('2025-10-25')]);
  });

  it('drops whole days past the retention and trims the one straddling the cutoff', () => {
    const existing = [day('2025-09-20'), day('2025-09-21'), day('2025-09-22'), day('2025-09-23'), 'health_check_history_default'];
    const plan = planHistoryPartitions(existing, now, 30, 0);
    // cutoff 2025-09-22T10:00Z: the 20th and 21st are wholly older, the 22nd straddles it.
    expect(plan.drop).toEqual([day('2025-09-20'), day('2025-09-21')]);
    expect(plan.trim).toBe(day('2025-09-22'));
    expect(new Date(plan.cutoff).toISOString()).toBe('2025-09-22T10:00:00.000Z');
  });
});
