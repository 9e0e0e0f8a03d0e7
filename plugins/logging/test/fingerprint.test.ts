import { describe, expect, it } from 'vitest';
import { fingerprintOf, fingerprintParts, normalizeMessage, topFrame } from '../src/errors/fingerprint.ts';

describe('normalizeMessage', () => {
  it('strips numbers, ids, uuids, emails, quoted values, times, IPs and hex', () => {
    expect(normalizeMessage('Order 12345 for user 9f1c0b7e-2d4a-4c3b-9a8e-1f2e3d4c5b6a failed')).toBe('Order <n> for user <uuid> failed');
    expect(normalizeMessage('No account for ann.lee+x@example.co.uk')).toBe('No account for <email>');
    expect(normalizeMessage(`Cannot read properties of undefined (reading 'sku')`)).toBe('Cannot read properties of undefined (reading <str>)');
    expect(normalizeMessage('duplicate key "orders_pkey" at 2025-01-31T12:00:00.123Z')).toBe('duplicate key <str> at <time>');
    expect(normalizeMessage('connect ECONNREFUSED 10.0.0.12:5432')).toBe('connect ECONNREFUSED <ip>');
    expect(normalizeMessage('object 0x7ffd1234 and digest a3f9c2b1d4e5f6a7 gone')).toBe('object <hex> and digest <hex> gone');
    expect(normalizeMessage('  timeout   after\n 30.5 s ')).toBe('timeout after <n> s');
  });

  it('maps messages that differ only in their variables to the same text', () => {
    const a = normalizeMessage(`User 17 ("bob@x.io") hit limit 500 on 'exports'`);
    const b = normalizeMessage(`User 99231 ("eve@y.org") hit limit 20 on 'imports'`);
    expect(a).toBe(b);
  });
});

describe('topFrame', () => {
  const stack = [
    'TypeError: x is undefined',
    '    at processTicksAndRejections (node:internal/process/task_queues:95:5)',
    '    at Object.handler (/srv/app/node_modules/fastify/lib/route.js:10:3)',
    '    at async placeOrder (file:///srv/app/plugins/shop/src/orders/place-order.ts:42:17)',
    '    at main (/srv/app/plugins/shop/src/index.ts:5:1)',
  ].join('\n');

  it('takes the first frame in application code, without line and column', () => {
    expect(topFrame(stack)).toBe('placeOrder (src/orders/place-order.ts)');
  });

  it('falls back to the first frame, and to null without frames', () => {
    expect(topFrame('Error: x\n    at node:internal/timers:1:1')).toBe('<anonymous> (node:internal/timers)');
    expect(topFrame('Error: no frames')).toBeNull();
    expect(topFrame(null)).toBeNull();
  });
});

describe('fingerprintOf', () => {
  const fp = (message: string, type = 'TypeError', stack = 'E\n    at f (/a/b/c.ts:1:1)') => fingerprintOf(fingerprintParts({ message: 'ctx', errorMessage: message, errorType: type, stack }));

  it('is the same for the same error with different variables, and after a redeploy moves lines', () => {
    expect(fp('order 1 missing')).toBe(fp('order 2 missing'));
    expect(fp('order 1 missing', 'TypeError', 'E\n    at f (/a/b/c.ts:10:1)')).toBe(fp('order 1 missing', 'TypeError', 'E\n    at f (/a/b/c.ts:99:7)'));
    expect(fp('x')).toMatch(/^[0-9a-f]{32}$/);
  });

  it('differs by normalized message, by error type and by top frame', () => {
    expect(fp('order 1 missing')).not.toBe(fp('order 1 late'));
    expect(fp('order 1 missing', 'TypeError')).not.toBe(fp('order 1 missing', 'RangeError'));
    expect(fp('order 1 missing', 'TypeError', 'E\n    at f (/a/b/c.ts:1:1)')).not.toBe(fp('order 1 missing', 'TypeError', 'E\n    at g (/a/b/d.ts:1:1)'));
  });

  it('uses the log message when the line carries no error', () => {
    expect(fingerprintParts({ message: 'job 7 failed' })).toEqual({ normalizedMessage: 'job <n> failed', errorType: 'Error', frame: null });
  });
});
