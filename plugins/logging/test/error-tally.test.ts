import { describe, expect, it } from 'vitest';
import type { LogEntry } from '@platform/sdk';
import { NO_TENANT, tallyErrors } from '../src/errors/error-aggregator.ts';
import { toStoredLine } from '../src/storage/log-rows.ts';
import { sparkline } from '../src/errors/sparkline.ts';
import { csvCell, csvLine } from '../src/query/log-export-format.ts';

const err = (over: Partial<LogEntry>): LogEntry => ({
  id: '00000000-0000-4000-8000-000000000001', timestamp: '2025-03-31T12:10:00.000Z', level: 'error', tenantId: '11111111-1111-4111-8111-111111111111', tenantSlug: 'a', userId: 'u1', requestId: 'r',
  service: 'shop', action: 'log', message: 'payment failed', data: {}, error: { type: 'PaymentError', message: 'card 4242 declined', stack: 'PaymentError\n    at pay (/app/src/pay.ts:1:1)', code: null }, ...over,
});

describe('error tallies', () => {
  it('folds lines into groups and per-tenant, per-user and per-hour counts', () => {
    const lines = [
      err({}),
      err({ timestamp: '2025-03-31T13:05:00.000Z', userId: 'u2', error: { type: 'PaymentError', message: 'card 1111 declined', stack: 'PaymentError\n    at pay (/app/src/pay.ts:9:9)', code: null } }),
      err({ tenantId: null, userId: null, timestamp: '2025-03-31T12:20:00.000Z' }),
      err({ level: 'warn' }),
    ].map(toStoredLine);
    const t = tallyErrors(lines);
    expect(t.groups.size).toBe(1);
    const [g] = t.groups.values();
    expect(g).toMatchObject({ count: 3, first: '2025-03-31T12:10:00.000Z', last: '2025-03-31T13:05:00.000Z', sampleMessage: 'card 1111 declined', errorType: 'PaymentError' });
    expect([...t.tenants.keys()].map((k) => k.split('\u0001')[1]).sort()).toEqual(['11111111-1111-4111-8111-111111111111', NO_TENANT].sort());
    expect(t.users.size).toBe(2);
    expect([...t.hours.keys()].map((k) => k.split('\u0001').slice(1).join(' ')).sort()).toEqual([
      `${NO_TENANT} 2025-03-31T12:00:00.000Z`,
      '11111111-1111-4111-8111-111111111111 2025-03-31T12:00:00.000Z',
      '11111111-1111-4111-8111-111111111111 2025-03-31T13:00:00.000Z',
    ]);
  });

  it('gives storage a uuid tenant id or none (the odd value kept in data)', () => {
    const l = toStoredLine(err({ tenantId: 'acme' }));
    expect(l.entry.tenantId).toBeNull();
    expect(l.entry.data.tenantRef).toBe('acme');
    expect(toStoredLine(err({ level: 'info' })).fingerprint).toBeNull();
  });
});

describe('sparkline and CSV', () => {
  it('buckets counts, oldest first', () => {
    const now = new Date('2025-03-31T12:30:00Z');
    expect(sparkline([{ at: '2025-03-31T12:05:00Z', count: 2 }, { at: '2025-03-31T10:59:00Z', count: 1 }, { at: '2025-03-30T00:00:00Z', count: 9 }], now, 3, 3600_000)).toEqual([1, 0, 2]);
  });

  it('quotes cells and defuses spreadsheet formulas', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell({ a: 1 })).toBe('"{""a"":1}"');
    expect(csvLine({ ...err({}), fingerprint: 'f' }).split(',')[0]).toBe('2025-03-31T12:10:00.000Z');
  });
});
