import { afterEach, describe, expect, it } from 'vitest';
import { LogPipeline, PlatformLogger, type LogEntry, type LogSink } from '@platform/sdk';

const sinkOf = (over: Partial<LogSink> = {}): LogSink & { batches: LogEntry[][] } => {
  const batches: LogEntry[][] = [];
  return { name: 'mem', minLevel: 'debug', write: (e) => void batches.push(e), ...over, batches };
};
const pipelines: LogPipeline[] = [];
const pipeline = (opts: ConstructorParameters<typeof LogPipeline>[0]) => {
  const p = new LogPipeline(opts);
  pipelines.push(p);
  return p;
};
afterEach(async () => {
  for (const p of pipelines.splice(0)) await p.close();
});

describe('LogPipeline', () => {
  it('writes a full batch on the next tick, without waiting for the timer', async () => {
    const p = pipeline({ batchSize: 3, flushIntervalMs: 60_000 });
    const sink = sinkOf();
    p.addSink(sink);
    const log = new PlatformLogger(p);
    for (let i = 0; i < 7; i++) log.info(`line ${i}`);
    expect(sink.batches).toEqual([]); // never on the caller's path
    await new Promise((r) => setImmediate(r));
    await new Promise((r) => setTimeout(r, 5));
    expect(sink.batches.map((b) => b.length)).toEqual([3, 3]);
    await p.flush();
    expect(sink.batches.map((b) => b.length)).toEqual([3, 3, 1]);
  });

  it('writes a partial batch when the interval passes', async () => {
    const p = pipeline({ batchSize: 100, flushIntervalMs: 20 });
    const sink = sinkOf();
    p.addSink(sink);
    new PlatformLogger(p).warn('alone');
    await new Promise((r) => setTimeout(r, 60));
    expect(sink.batches.flat().map((e) => e.message)).toEqual(['alone']);
  });

  it('gives each sink the levels it admits, and builds no line nobody wants', () => {
    const p = pipeline({ flushIntervalMs: 60_000 });
    const warnOnly = sinkOf({ name: 'warn', minLevel: 'warn' });
    p.addSink(warnOnly);
    expect(p.wants('info', { tenantId: null, service: 'x' })).toBe(false);
    expect(p.wants('error', { tenantId: null, service: 'x' })).toBe(true);
    const debugForT1 = sinkOf({ name: 'debug', minLevel: 'debug', accepts: (level, s) => level !== 'debug' || s.tenantId === 't1' });
    p.addSink(debugForT1);
    expect(p.wants('debug', { tenantId: 't1', service: 'x' })).toBe(true);
    expect(p.wants('debug', { tenantId: 't2', service: 'x' })).toBe(false);
  });

  it('counts what a failing sink lost, keeps feeding the others, and reports off the pipeline', async () => {
    const reports: [string, number][] = [];
    const p = pipeline({ flushIntervalMs: 60_000, onSinkError: (sink, _err, lost) => reports.push([sink, lost]) });
    const good = sinkOf({ name: 'good' });
    p.addSink(good);
    p.addSink({ name: 'bad', minLevel: 'debug', write: () => Promise.reject(new Error('db down')) });
    const log = new PlatformLogger(p);
    log.info('a');
    log.error('b');
    await p.flush();
    expect(good.batches.flat()).toHaveLength(2);
    expect(p.stats().failed).toEqual({ good: 0, bad: 2 });
    expect(p.stats().written).toEqual({ good: 2, bad: 0 });
    expect(reports).toEqual([['bad', 2]]);
  });

  it('drops DEBUG first when sinks cannot keep up, and counts it; push never waits', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const p = pipeline({ capacity: 10, batchSize: 5, concurrency: 1, flushIntervalMs: 60_000 });
    const sink = sinkOf({ write: async (e) => void (await gate, sink.batches.push(e)) });
    p.addSink(sink);
    const log = new PlatformLogger(p);
    for (let i = 0; i < 5; i++) log.info(`first ${i}`);
    await new Promise((r) => setImmediate(r)); // the first batch is now in flight and blocked
    for (let i = 0; i < 10; i++) log.debug(`debug ${i}`);
    for (let i = 0; i < 5; i++) log.error(`error ${i}`);
    expect(p.stats().buffered).toBe(10);
    expect(p.stats().dropped).toEqual({ debug: 5, info: 0, warn: 0, error: 0 });
    release();
    await p.flush();
    const written = sink.batches.flat().map((e) => e.message);
    expect(written.filter((m) => m.startsWith('error'))).toHaveLength(5);
    expect(written.filter((m) => m.startsWith('debug'))).toEqual(['debug 5', 'debug 6', 'debug 7', 'debug 8', 'debug 9']);
  });

  it('close() flushes everything and closes the sinks', async () => {
    const p = pipeline({ batchSize: 1000, flushIntervalMs: 60_000 });
    let closed = false;
    const sink = sinkOf({ close: () => void (closed = true) });
    p.addSink(sink);
    const log = new PlatformLogger(p);
    for (let i = 0; i < 2500; i++) log.info(`x ${i}`);
    await p.close();
    expect(sink.batches.flat()).toHaveLength(2500);
    expect(closed).toBe(true);
  });

  it('tells listeners the lowest level the sinks keep', () => {
    const p = pipeline({ flushIntervalMs: 60_000 });
    const seen: (string | null)[] = [];
    p.onLevelsChange((l) => seen.push(l));
    const off = p.addSink(sinkOf({ minLevel: 'warn' }));
    p.addSink(sinkOf({ name: 'b', minLevel: 'info' }));
    off();
    expect(seen).toEqual(['warn', 'info', 'info']);
  });
});
