// Console load (issue #14 items 8 and 9). Prints, with no asserts:
//   - from the build: the login page's files (brotli, as served) against the 120 KB target, the console fetched
//     after sign-in, and each plugin chunk's br size (bench/console/measure.ts);
//   - in Debian's Chromium, against a platform started as `pnpm start` does (every plugin of platform.config.json):
//     a signed-out deep link (/incidents/42/show) in a fresh browser context, RUNS times: the bytes over the wire
//     until the login form is interactive (the `platform:login-interactive` mark the form sets once it is on
//     screen with its handlers; for an older build, the Email field being there), by type, and the time to that mark; unthrottled, then on a throttled link
//     (THROTTLE_MBPS, default 10 Mbit/s, THROTTLE_RTT_MS, default 40 ms) where the bytes show.
//
//   pnpm --filter @platform/admin-ui build && node --import tsx bench/console/run.ts
import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../../test/e2e/browser.ts';
import { ROOT, startPlatform } from '../../test/e2e/platform-process.ts';
import { kb, measure, printMeasurement, PRE_LOGIN_TARGET_KB } from './measure.ts';

const RUNS = Number(process.env.RUNS ?? 5);
const DEEP_LINK = process.env.DEEP_LINK ?? '/incidents/42/show';
const THROTTLE_MBPS = Number(process.env.THROTTLE_MBPS ?? 10);
const THROTTLE_RTT_MS = Number(process.env.THROTTLE_RTT_MS ?? 40);
const MARK = 'platform:login-interactive';
const TARGET_MS = 1000;

interface Visit {
  interactiveMs: number;
  /** Bytes received (headers and bodies, Resource Timing `transferSize`) for everything that ended before the mark. */
  wireBytes: number;
  byType: Record<string, { count: number; wireBytes: number }>;
  /** Content-Encoding of each response before the mark, by path, and when it ended (ms after navigation start). */
  encodings: Record<string, string>;
  endMs: Record<string, number>;
}

async function visit(browser: Browser, url: string, throttle: boolean): Promise<Visit> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  if (throttle) {
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: THROTTLE_RTT_MS,
      downloadThroughput: (THROTTLE_MBPS * 1e6) / 8,
      uploadThroughput: (THROTTLE_MBPS * 1e6) / 8,
    });
  }
  const encodingOf = new Map<string, string>();
  page.on('response', (r) => encodingOf.set(new URL(r.url()).pathname, r.headers()['content-encoding'] ?? 'identity'));
  await page.goto(url, { waitUntil: 'commit' });
  // The form's own mark; for a build without it, the moment the Email field is there and enabled.
  const at = (await (
    await page.waitForFunction(
      (mark) => {
        const m = performance.getEntriesByName(mark)[0];
        if (m) return m.startTime;
        const email = document.querySelector<HTMLInputElement>('input[name="email"]');
        return email && !email.disabled && email.offsetParent !== null ? performance.now() : false;
      },
      MARK,
      { timeout: 30_000, polling: 10 },
    )
  ).jsonValue()) as number;
  const seen = await page.evaluate((at) => {
    const entries = [...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')] as PerformanceResourceTiming[];
    return {
      at,
      before: entries
        .filter((e) => e.responseEnd <= at)
        .map((e) => ({ path: new URL(e.name).pathname, type: e.initiatorType, transferSize: e.transferSize, endMs: e.responseEnd })),
    };
  }, at);
  await context.close();
  const byType: Visit['byType'] = {};
  const encodings: Visit['encodings'] = {};
  const endMs: Visit['endMs'] = {};
  let wireBytes = 0;
  for (const r of seen.before) {
    byType[r.type] ??= { count: 0, wireBytes: 0 };
    byType[r.type].count++;
    byType[r.type].wireBytes += r.transferSize;
    wireBytes += r.transferSize;
    encodings[r.path] = encodingOf.get(r.path) ?? '?';
    endMs[r.path] = r.endMs;
  }
  return { interactiveMs: seen.at, wireBytes, byType, encodings, endMs };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

printMeasurement(measure());
console.log('');

const plugins = (JSON.parse(readFileSync(join(ROOT, 'platform.config.json'), 'utf8')) as { plugins: string[] }).plugins;
const platform = await startPlatform(plugins);
const browser = await launchChromium();
// Times depend on what else the machine runs: say so next to them.
console.log(`Machine: ${cpus().length} CPU(s), load average ${loadavg().map((l) => l.toFixed(1)).join(' / ')} (1/5/15 min)\n`);
try {
  for (const throttle of [false, true]) {
    const visits: Visit[] = [];
    for (let i = 0; i < RUNS; i++) visits.push(await visit(browser, platform.url + DEEP_LINK, throttle));
    const label = throttle ? `throttled (${THROTTLE_MBPS} Mbit/s, ${THROTTLE_RTT_MS} ms RTT)` : 'unthrottled (loopback)';
    const wire = median(visits.map((v) => v.wireBytes));
    const ms = median(visits.map((v) => v.interactiveMs));
    console.log(`Chromium, signed-out deep link ${DEEP_LINK}, fresh context, ${label}, median of ${RUNS}:`);
    console.log(`  bytes over the wire before the login form is interactive: ${kb(wire)} (target < ${PRE_LOGIN_TARGET_KB} KB)`);
    const last = visits[visits.length - 1];
    for (const [type, t] of Object.entries(last.byType)) console.log(`    ${type.padEnd(12)} ${String(t.count).padStart(3)} response(s) ${kb(t.wireBytes).padStart(10)}`);
    for (const [path, encoding] of Object.entries(last.encodings)) console.log(`      ${path} (${encoding}, received by ${last.endMs[path].toFixed(0)} ms)`);
    console.log(`  time to an interactive login page: ${ms.toFixed(0)} ms (target < ${TARGET_MS} ms; runs ${visits.map((v) => v.interactiveMs.toFixed(0)).join(', ')} ms)`);
    console.log('');
  }
} finally {
  await browser.close();
  await platform.stop();
}
