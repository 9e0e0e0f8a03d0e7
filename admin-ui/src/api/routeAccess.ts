/**
 * What the signed-in actor may call, as the kernel answers it (`GET /api/auth/routes`): every API route's
 * method and URL pattern, and whether this actor may call it. The console asks before showing a button, a
 * page or a menu entry, so that nothing is offered that the API would refuse with 403.
 */
export interface RouteAccessEntry {
  method: string;
  url: string;
  allowed: boolean;
}

/** `allowed`, `refused`, or `unknown` when no route of the kernel matches (the console cannot judge it). */
export type RouteVerdict = 'allowed' | 'refused' | 'unknown';

export class RouteAccess {
  private readonly byMethod = new Map<string, { pattern: string[]; allowed: boolean }[]>();

  constructor(routes: readonly RouteAccessEntry[]) {
    for (const r of routes) {
      const method = r.method.toUpperCase();
      const list = this.byMethod.get(method) ?? [];
      list.push({ pattern: segments(r.url), allowed: r.allowed !== false });
      this.byMethod.set(method, list);
    }
  }

  /**
   * The verdict for `method path`. `path` is under `/api` (with or without that prefix) and may hold real
   * values or `:placeholders`; a route's `:param` matches any one segment, `*` the rest. When several routes
   * match (`/plans/current` and `/plans/:id`), the most literal one decides, as in the router.
   */
  verdict(method: string, path: string): RouteVerdict {
    const wanted = segments(withApiPrefix(path));
    let best: { score: number; allowed: boolean } | null = null;
    for (const route of this.byMethod.get(method.toUpperCase()) ?? []) {
      const score = matchScore(route.pattern, wanted);
      if (score !== null && (!best || score > best.score)) best = { score, allowed: route.allowed };
    }
    return best === null ? 'unknown' : best.allowed ? 'allowed' : 'refused';
  }

  /** Whether the kernel says this caller may call `method path` (false for a route it does not know). */
  allows(method: string, path: string): boolean {
    return this.verdict(method, path) === 'allowed';
  }
}

function withApiPrefix(path: string): string {
  const p = (path.split('?')[0] ?? '').replace(/\/+$/, '');
  const rooted = p.startsWith('/') ? p : `/${p}`;
  return rooted === '/api' || rooted.startsWith('/api/') ? rooted : `/api${rooted}`;
}

function segments(path: string): string[] {
  return path.split('/').filter(Boolean);
}

function decoded(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** Null when the pattern does not match; else how many segments matched literally (more is more specific). */
function matchScore(pattern: string[], path: string[]): number | null {
  let literal = 0;
  for (let i = 0; i < pattern.length; i++) {
    const p = pattern[i]!;
    if (p === '*') return literal;
    const s = path[i];
    if (s === undefined) return null;
    if (p.startsWith(':')) continue;
    if (p !== s && decoded(s) !== p) return null;
    literal++;
  }
  return pattern.length === path.length ? literal : null;
}

/** react-admin's actions on a resource, as the API calls each one leads to. */
export function callsOfAction(action: string, apiPath: string): { method: string; path: string }[] {
  const base = `/${apiPath.replace(/^\/+|\/+$/g, '')}`;
  const explicit = /^(GET|POST|PUT|PATCH|DELETE)\s+(\S+)$/i.exec(action.trim());
  if (explicit) return [{ method: explicit[1]!.toUpperCase(), path: explicit[2]! }];
  switch (action) {
    case 'list':
    case 'export':
      return [{ method: 'GET', path: base }];
    case 'show':
      return [{ method: 'GET', path: `${base}/:id` }];
    case 'create':
    case 'clone':
      return [{ method: 'POST', path: base }];
    case 'edit':
      return [
        { method: 'PATCH', path: `${base}/:id` },
        { method: 'PUT', path: `${base}/:id` },
      ];
    case 'delete':
      return [{ method: 'DELETE', path: `${base}/:id` }];
    default:
      return [];
  }
}

/**
 * Whether an action on a resource (at `apiPath` under /api) may be offered: allowed when one of its calls is
 * allowed, refused when the kernel refuses them all; an action or a path the kernel does not know is left to
 * the page (the API still decides).
 */
export function canDo(access: RouteAccess, action: string, apiPath: string): boolean {
  const verdicts = callsOfAction(action, apiPath).map((c) => access.verdict(c.method, c.path));
  if (verdicts.includes('allowed')) return true;
  return !verdicts.includes('refused');
}
