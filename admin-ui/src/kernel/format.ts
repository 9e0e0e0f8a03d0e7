/** Small, pure display helpers shared by the kernel pages. */

export function formatDuration(ms: number | null | undefined): string {
  if (ms == null || !Number.isFinite(ms)) return '—';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const s = ms / 1000;
  if (s < 60) return `${s.toFixed(s < 10 ? 1 : 0)} s`;
  const m = Math.floor(s / 60);
  const rest = Math.round(s % 60);
  return rest ? `${m} min ${rest} s` : `${m} min`;
}

export function formatEvery(seconds: number | null | undefined, cron?: string | null): string {
  if (cron) return `cron ${cron}`;
  if (!seconds || seconds <= 0) return '—';
  if (seconds % 86400 === 0) return seconds === 86400 ? 'every day' : `every ${seconds / 86400} days`;
  if (seconds % 3600 === 0) return seconds === 3600 ? 'every hour' : `every ${seconds / 3600} h`;
  if (seconds % 60 === 0) return seconds === 60 ? 'every minute' : `every ${seconds / 60} min`;
  return `every ${seconds} s`;
}

export function relativeTime(value: string | number | Date | null | undefined, now: number = Date.now()): string {
  if (value == null || value === '') return 'never';
  const t = new Date(value).getTime();
  if (!Number.isFinite(t)) return '—';
  const diff = Math.round((t - now) / 1000);
  const abs = Math.abs(diff);
  const rtf = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });
  if (abs < 45) return rtf.format(diff, 'second');
  if (abs < 45 * 60) return rtf.format(Math.round(diff / 60), 'minute');
  if (abs < 22 * 3600) return rtf.format(Math.round(diff / 3600), 'hour');
  if (abs < 26 * 86400) return rtf.format(Math.round(diff / 86400), 'day');
  if (abs < 320 * 86400) return rtf.format(Math.round(diff / (30 * 86400)), 'month');
  return rtf.format(Math.round(diff / (365 * 86400)), 'year');
}

/** "Acme Corp!" → "acme-corp" (the kernel's slug rule: lowercase letters, digits, inner dashes, ≤ 63). */
export function slugify(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 63)
    .replace(/-+$/g, '');
}

export const SLUG_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/** Groups permission entries by plugin, kernel first, then by name; keys sorted inside a group. */
export function groupPermissions<T extends { key: string; plugin: string }>(entries: T[]): { plugin: string; items: T[] }[] {
  const map = new Map<string, T[]>();
  for (const e of entries) {
    const list = map.get(e.plugin) ?? [];
    list.push(e);
    map.set(e.plugin, list);
  }
  return [...map.entries()]
    .sort(([a], [b]) => (a === 'kernel' ? -1 : b === 'kernel' ? 1 : a.localeCompare(b)))
    .map(([plugin, items]) => ({ plugin, items: items.sort((x, y) => x.key.localeCompare(y.key)) }));
}
