import { describe, expect, it } from 'vitest';
import { LogBuffer, type LogLevel } from '@platform/sdk';

const line = (level: LogLevel, n: number) => ({ level, n });

describe('LogBuffer overflow policy', () => {
  it('returns lines in arrival order across levels', () => {
    const b = new LogBuffer<{ level: LogLevel; n: number }>(10);
    (['info', 'debug', 'error', 'warn', 'info'] as LogLevel[]).forEach((l, i) => b.push(line(l, i)));
    expect(b.take(3).map((x) => x.n)).toEqual([0, 1, 2]);
    expect(b.take(10).map((x) => x.n)).toEqual([3, 4]);
    expect(b.size).toBe(0);
  });

  it('never grows past capacity and drops DEBUG first (oldest first), counting drops per level', () => {
    const b = new LogBuffer<{ level: LogLevel; n: number }>(4);
    b.push(line('debug', 0));
    b.push(line('info', 1));
    b.push(line('debug', 2));
    b.push(line('warn', 3));
    expect(b.push(line('error', 4))).toBe(true); // evicts debug 0
    expect(b.push(line('info', 5))).toBe(true); // evicts debug 2
    expect(b.size).toBe(4);
    expect(b.dropped).toEqual({ debug: 2, info: 0, warn: 0, error: 0 });
    expect(b.take(10).map((x) => x.n)).toEqual([1, 3, 4, 5]);
  });

  it('a new DEBUG line is dropped itself when the buffer is full', () => {
    const b = new LogBuffer<{ level: LogLevel; n: number }>(2);
    b.push(line('info', 0));
    b.push(line('info', 1));
    expect(b.push(line('debug', 2))).toBe(false);
    expect(b.dropped.debug).toBe(1);
    expect(b.take(5).map((x) => x.n)).toEqual([0, 1]);
  });

  it('then INFO, then WARN; ERROR only when nothing but errors is left', () => {
    const b = new LogBuffer<{ level: LogLevel; n: number }>(3);
    b.push(line('info', 0));
    b.push(line('warn', 1));
    b.push(line('error', 2));
    b.push(line('error', 3)); // evicts info 0
    b.push(line('error', 4)); // evicts warn 1
    expect(b.push(line('warn', 5))).toBe(false); // nothing below warn left: the new warn goes
    expect(b.push(line('error', 6))).toBe(false); // all errors: the newest error goes
    expect(b.dropped).toEqual({ debug: 0, info: 1, warn: 2, error: 1 });
    expect(b.droppedTotal()).toBe(4);
    expect(b.take(5).map((x) => x.n)).toEqual([2, 3, 4]);
  });

  it('stays O(1) per push under a long run', () => {
    const b = new LogBuffer<{ level: LogLevel; n: number }>(1000);
    const started = performance.now();
    for (let i = 0; i < 200_000; i++) {
      b.push(line(i % 3 === 0 ? 'debug' : 'info', i));
      if (i % 500 === 0) b.take(400);
    }
    expect(b.size).toBeLessThanOrEqual(1000);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
