import { join } from 'node:path';
import type { Page, Request, Response } from 'playwright-core';
import { SHOTS } from './browser.ts';

/** A failed API answer or a page that broke, seen while walking the menu. */
export interface WalkProblem {
  entry: string;
  problem: string;
}

/** Text of react-admin's error page and of the dashboard's widget boundary. */
const ERROR_BOUNDARY = /Something went wrong|This widget failed to render|Access denied|Authentication error/i;

/**
 * Every `/api` answer of 400 or more from now on, and every API request still in flight (event streams
 * excepted: they stay open by design).
 */
export function watchApi(page: Page) {
  const failures: { at: number; text: string }[] = [];
  const inFlight = new Set<Request>();
  const tracked = (req: Request) => req.url().includes('/api/') && req.resourceType() !== 'eventsource' && !/text\/event-stream/.test(req.headers()['accept'] ?? '');
  page.on('request', (req) => tracked(req) && inFlight.add(req));
  page.on('requestfinished', (req) => inFlight.delete(req));
  page.on('requestfailed', (req) => inFlight.delete(req));
  page.on('response', (res: Response) => {
    if (res.url().includes('/api/') && res.status() >= 400) failures.push({ at: Date.now(), text: `${res.status()} ${res.request().method()} ${new URL(res.url()).pathname}` });
  });
  return {
    failures,
    /** Resolves once no tracked API request has been in flight for `quietMs` (at most `maxMs`). */
    async settled(quietMs = 600, maxMs = 15_000) {
      const deadline = Date.now() + maxMs;
      let quietSince = Date.now();
      while (Date.now() < deadline) {
        if (inFlight.size > 0) quietSince = Date.now();
        else if (Date.now() - quietSince >= quietMs) return;
        await new Promise((r) => setTimeout(r, 100));
      }
    },
  };
}

/** Opens every folded menu section (one at a time: each click changes which ones are folded). */
export async function openAllSections(page: Page): Promise<void> {
  const folded = page.locator('[data-nav-section][aria-expanded="false"]');
  for (let guard = 0; guard < 50 && (await folded.count()) > 0; guard++) await folded.first().click();
}

/** The menu's entries (label and path), every section opened first. */
export async function menuEntries(page: Page): Promise<{ label: string; path: string }[]> {
  await page.locator('[data-nav-item]').first().waitFor();
  await openAllSections(page);
  const links = page.locator('a[data-nav-item]');
  const out: { label: string; path: string }[] = [];
  for (const link of await links.all()) out.push({ label: (await link.innerText()).trim(), path: new URL((await link.getAttribute('href'))!, 'http://x').pathname });
  return out;
}

/**
 * Opens each menu entry in turn by clicking it, waits for its requests to settle, takes a screenshot, and
 * notes every API answer >= 400 and any error boundary on the page. Returns what went wrong.
 */
export async function walkMenu(page: Page, name: string, api: ReturnType<typeof watchApi>): Promise<{ entries: { label: string; path: string }[]; problems: WalkProblem[] }> {
  const entries = await menuEntries(page);
  const problems: WalkProblem[] = [];
  let step = 0;
  for (const entry of entries) {
    step++;
    const before = api.failures.length;
    await openAllSections(page);
    await page.locator(`a[data-nav-item][href="${entry.path}"]`).first().click();
    await page.waitForURL((u) => u.pathname === entry.path || u.pathname.startsWith(`${entry.path}/`));
    await api.settled();
    await page.waitForTimeout(300);
    await page.screenshot({ path: join(SHOTS, `${name}-${String(step).padStart(2, '0')}-${entry.path.replace(/\W+/g, '-').replace(/^-|-$/g, '') || 'home'}.png`), fullPage: true });
    for (const f of api.failures.slice(before)) problems.push({ entry: entry.label, problem: f.text });
    const body = await page.locator('main, #main-content').first().innerText().catch(() => '');
    const broken = ERROR_BOUNDARY.exec(body);
    if (broken) problems.push({ entry: entry.label, problem: `error boundary: "${broken[0]}"` });
  }
  return { entries, problems };
}
