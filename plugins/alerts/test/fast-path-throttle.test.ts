import { describe, expect, it } from 'vitest';
import { FastPathThrottle } from '../src/evaluation/fast-path-throttle.ts';

/** The fast path's minimum interval per metric, as pure logic on a hand-moved clock. */
describe('fast-path minimum interval per metric', () => {
  const make = (minIntervalMs = 1_000) => {
    const clock = { now: 10_000 };
    return { clock, throttle: new FastPathThrottle(minIntervalMs, () => clock.now) };
  };

  it('lets a metric never evaluated through at once', () => {
    const { throttle } = make();
    expect(throttle.admit(['api_requests_total', 'queue_depth'])).toEqual(['api_requests_total', 'queue_depth']);
    expect(throttle.nextReleaseAt()).toBeNull();
  });

  it('holds a metric written again within the interval, and releases it once when the interval has passed', () => {
    const { clock, throttle } = make();
    throttle.admit(['api_requests_total']);
    throttle.started(['api_requests_total']);
    clock.now += 200;
    expect(throttle.admit(['api_requests_total'])).toEqual([]);
    clock.now += 300;
    expect(throttle.admit(['api_requests_total'])).toEqual([]); // joins the hold: still one pending evaluation
    expect(throttle.holding).toBe(1);
    expect(throttle.nextReleaseAt()).toBe(11_000);
    clock.now = 10_999;
    expect(throttle.release()).toEqual([]);
    clock.now = 11_000;
    expect(throttle.release()).toEqual(['api_requests_total']);
    expect(throttle.release()).toEqual([]);
    expect(throttle.nextReleaseAt()).toBeNull();
    // Released, it is due again (its last start is a full interval ago).
    expect(throttle.admit(['api_requests_total'])).toEqual(['api_requests_total']);
  });

  it('counts the interval from the start of the last evaluation, per metric', () => {
    const { clock, throttle } = make();
    throttle.started(['busy']);
    clock.now += 400;
    throttle.started(['other']);
    clock.now += 100;
    // busy started 500 ms ago, other 100 ms ago; a fresh metric is not held by either.
    expect(throttle.admit(['busy', 'other', 'fresh'])).toEqual(['fresh']);
    expect(throttle.nextReleaseAt()).toBe(11_000);
    clock.now = 11_000;
    expect(throttle.release()).toEqual(['busy']);
    expect(throttle.nextReleaseAt()).toBe(11_400);
    clock.now = 11_400;
    expect(throttle.release()).toEqual(['other']);
  });

  it('a metric written on every flush is evaluated at most once per interval', () => {
    const { clock, throttle } = make(1_000);
    const starts: number[] = [];
    // A flush every 250 ms for 10 s; each flush writes the metric; evaluations start when admitted or released.
    for (let t = 0; t < 10_000; t += 50) {
      clock.now = 10_000 + t;
      const run = [...(t % 250 === 0 ? throttle.admit(['api_requests_total']) : []), ...throttle.release()];
      if (run.length) {
        throttle.started(run);
        starts.push(clock.now);
      }
    }
    expect(starts.length).toBe(10);
    for (let i = 1; i < starts.length; i++) expect(starts[i]! - starts[i - 1]!).toBeGreaterThanOrEqual(1_000);
  });

  it('with a zero interval holds nothing', () => {
    const { throttle } = make(0);
    throttle.started(['m']);
    expect(throttle.admit(['m'])).toEqual(['m']);
  });

  it('forgets what it holds on clear (shutdown)', () => {
    const { throttle } = make();
    throttle.started(['m']);
    throttle.admit(['m']);
    throttle.clear();
    expect(throttle.holding).toBe(0);
    expect(throttle.nextReleaseAt()).toBeNull();
  });
});
