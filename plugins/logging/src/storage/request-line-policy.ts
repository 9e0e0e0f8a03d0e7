import type { LogEntry } from '@platform/sdk';

/**
 * Which of Fastify's own request lines are kept (stored and tailed): `request completed` of API and docs
 * calls. `incoming request` repeats what `request completed` says (minus status and duration), and the
 * console's static assets would drown everything else. Lines that are not request lines always pass.
 */
export function isKeptRequestLine(e: LogEntry): boolean {
  if (e.action === 'http.request') return false;
  if (e.action !== 'http.response') return true;
  const url = (e.data.res as { url?: unknown } | undefined)?.url;
  return typeof url !== 'string' || url.startsWith('/api/') || url.startsWith('/docs');
}
