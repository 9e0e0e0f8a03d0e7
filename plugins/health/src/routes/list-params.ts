import { problems } from '@platform/sdk';

/** react-admin's `range=[0,24]` and `filter={...}` query parameters. */
export function parseRange(raw: unknown, defaultLimit = 25, maxLimit = 200): { offset: number; limit: number } {
  if (raw === undefined || raw === '') return { offset: 0, limit: defaultLimit };
  let parsed: unknown;
  try {
    parsed = JSON.parse(String(raw));
  } catch {
    throw problems.validation('range', 'range must be a JSON array [start, end]');
  }
  if (!Array.isArray(parsed) || parsed.length !== 2 || !parsed.every((n) => Number.isInteger(n) && n >= 0) || parsed[1] < parsed[0])
    throw problems.validation('range', 'range must be [start, end] with 0 <= start <= end');
  return { offset: parsed[0], limit: Math.min(maxLimit, parsed[1] - parsed[0] + 1) };
}

export function parseFilter(raw: unknown): Record<string, unknown> {
  if (raw === undefined || raw === '') return {};
  try {
    const parsed = JSON.parse(String(raw));
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed;
  } catch {
    /* fall through */
  }
  throw problems.validation('filter', 'filter must be a JSON object');
}

export function contentRange(resource: string, offset: number, count: number, total: number): string {
  return count === 0 ? `${resource} */${total}` : `${resource} ${offset}-${offset + count - 1}/${total}`;
}
