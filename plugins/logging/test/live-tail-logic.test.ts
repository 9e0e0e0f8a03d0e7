import { describe, expect, it } from 'vitest';
import type { LogEntry } from '@platform/sdk';
import { interestOf, matchesTail, tailFilterOf, wantedBy } from '../src/tail/tail-filter.ts';
import { chunkLines, compactForTail } from '../src/tail/tail-line.ts';
import { DebugWindows } from '../src/debug/debug-windows.ts';
import { isKeptRequestLine } from '../src/storage/request-line-policy.ts';

const entry = (over: Partial<LogEntry> = {}): LogEntry => ({
  id: 'i', timestamp: '2025-03-31T12:00:00.000Z', level: 'info', tenantId: 'A', tenantSlug: 'a', userId: 'u', requestId: 'r', service: 'shop', action: 'order.placed', message: 'Payment TIMEOUT for order', data: {}, error: null, ...over,
});
const filter = (over: Partial<Parameters<typeof tailFilterOf>[0]> = {}) =>
  tailFilterOf({ tenantId: null, levels: null, service: null, action: null, userId: null, requestId: null, text: null, ...over });

describe('live tail filters', () => {
  it('applies tenant, level, fields and words', () => {
    expect(matchesTail(entry(), filter({ tenantId: 'A', levels: ['info'], service: 'shop', text: 'payment timeout' }))).toBe(true);
    expect(matchesTail(entry(), filter({ tenantId: 'B' }))).toBe(false);
    expect(matchesTail(entry({ tenantId: null }), filter({ tenantId: 'A' }))).toBe(false);
    expect(matchesTail(entry(), filter({ levels: ['error'] }))).toBe(false);
    expect(matchesTail(entry(), filter({ text: 'refund' }))).toBe(false);
    expect(matchesTail(entry(), filter({ requestId: 'other' }))).toBe(false);
  });

  it('matches words inside paths as the stored search does', () => {
    const line = entry({ message: 'GET /api/tenants/42?status=open 200 3 ms' });
    expect(matchesTail(line, filter({ text: 'tenants' }))).toBe(true);
    expect(matchesTail(line, filter({ text: '/api/tenants' }))).toBe(true);
    expect(matchesTail(line, filter({ text: 'api/invoices' }))).toBe(false);
  });

  it('announces the union of what subscribers want', () => {
    expect(interestOf([])).toBeNull();
    expect(interestOf([filter({ tenantId: 'A', levels: ['error'] }), filter({ tenantId: 'B', levels: ['warn', 'error'] })])).toEqual({ tenants: ['A', 'B'], minLevel: 'warn' });
    expect(interestOf([filter({ tenantId: 'A', levels: ['error'] }), filter()])).toEqual({ tenants: '*', minLevel: 'debug' });
    expect(wantedBy(entry({ tenantId: 'B', level: 'warn' }), [{ tenants: ['A', 'B'], minLevel: 'warn' }])).toBe(true);
    expect(wantedBy(entry({ tenantId: 'C', level: 'error' }), [{ tenants: ['A', 'B'], minLevel: 'warn' }])).toBe(false);
    expect(wantedBy(entry({ tenantId: 'B', level: 'info' }), [{ tenants: ['A', 'B'], minLevel: 'warn' }])).toBe(false);
  });

  it('shortens lines and chunks them under the NOTIFY limit', () => {
    const big = entry({ message: 'm'.repeat(5000), data: { blob: 'x'.repeat(5000) }, error: { type: 'E', message: 'e', stack: 's'.repeat(9000), code: null } });
    const c = compactForTail(big);
    expect(c.message.length).toBeLessThanOrEqual(1001);
    expect(JSON.stringify(c.data).length).toBeLessThan(200);
    expect(c.error!.stack!.length).toBeLessThanOrEqual(1501);
    const chunks = chunkLines(Array.from({ length: 40 }, () => compactForTail(big)));
    expect(chunks.flat()).toHaveLength(40);
    for (const chunk of chunks) expect(Buffer.byteLength(JSON.stringify(chunk))).toBeLessThan(7000);
  });
});

describe('DEBUG windows', () => {
  const until = (ms: number) => new Date(1_000_000 + ms);
  const w = (over: { tenantId?: string | null; service?: string | null; until: Date }) => ({ id: 'w', reason: null, createdBy: null, createdAt: new Date(0), tenantId: null, service: null, ...over });

  it('switch DEBUG on for a tenant, a service, or a service in a tenant, until they end', () => {
    const windows = new DebugWindows();
    windows.replace([w({ tenantId: 'A', until: until(1000) }), w({ service: 'billing', until: until(500) }), w({ tenantId: 'B', service: 'shop', until: until(1000) })]);
    const at = 1_000_100;
    expect(windows.isOn({ tenantId: 'A', service: 'anything' }, at)).toBe(true);
    expect(windows.isOn({ tenantId: null, service: 'billing' }, at)).toBe(true);
    expect(windows.isOn({ tenantId: 'B', service: 'shop' }, at)).toBe(true);
    expect(windows.isOn({ tenantId: 'B', service: 'billing' }, at)).toBe(true);
    expect(windows.isOn({ tenantId: 'B', service: 'search' }, at)).toBe(false);
    expect(windows.isOn({ tenantId: 'C', service: 'shop' }, at)).toBe(false);
    expect(windows.isOn({ tenantId: 'A', service: 'x' }, 1_001_001)).toBe(false);
    expect(windows.isOn({ tenantId: null, service: 'billing' }, 1_000_600)).toBe(false);
  });
});

describe("Fastify's request lines", () => {
  it('keeps request completed of API calls only', () => {
    expect(isKeptRequestLine(entry({ action: 'http.request' }))).toBe(false);
    expect(isKeptRequestLine(entry({ action: 'http.response', data: { res: { url: '/api/logging/logs', statusCode: 200 } } }))).toBe(true);
    expect(isKeptRequestLine(entry({ action: 'http.response', data: { res: { url: '/assets/index.js', statusCode: 304 } } }))).toBe(false);
    expect(isKeptRequestLine(entry({ action: 'order.placed' }))).toBe(true);
  });
});
