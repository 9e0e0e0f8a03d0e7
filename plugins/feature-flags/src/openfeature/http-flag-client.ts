import type { FlagClient, FlagContext, FlagEvaluation } from '@platform/sdk/feature-flags';
// The dependency-free module only: services outside the platform load this client without the SDK's runtime.
import { BoundedMap } from '@platform/sdk/bounded-map';
import { failedEvaluation } from './resolution-details.ts';

export interface HttpFlagClientOptions {
  /** Where the platform is served, e.g. `https://platform.example.com` (the client appends `/api/feature-flags/evaluate`). */
  baseUrl: string;
  /** An API key with `flags.evaluate` (sent as a bearer token). Tenant and user in a context are honoured only for keys allowed to act on behalf of others. */
  apiKey?: string;
  /** Extra request headers (a session cookie, `X-Tenant-Id` for a staff key). */
  headers?: Record<string, string>;
  /** Serve a cached answer this long without asking again; after that it is revalidated with `If-None-Match`. Default 0: always revalidate. */
  maxAgeMs?: number;
  /** Answers kept for revalidation (one per flag and context), least recently used dropped first. Default 1000. */
  maxEntries?: number;
  fetch?: typeof fetch;
}

/** The JSON body the evaluate endpoint accepts as `context` (the plan is the server's business). */
function requestContextOf(context: FlagContext | undefined): Record<string, unknown> | undefined {
  if (!context) return undefined;
  const out: Record<string, unknown> = {};
  if (context.tenantId) out.tenantId = context.tenantId;
  if (context.userId) out.userId = context.userId;
  for (const name of ['sessionId', 'remoteAddress', 'environment', 'appName'] as const) if (context[name]) out[name] = context[name];
  if (context.properties) {
    const properties = Object.fromEntries(Object.entries(context.properties).filter(([, value]) => value !== undefined));
    if (Object.keys(properties).length > 0) out.properties = properties;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

interface CachedAnswer {
  etag: string;
  answer: unknown;
  checkedAt: number;
}

/** Thrown inside the client for a non-2xx answer; turned into an ERROR evaluation. */
class EvaluateRefused extends Error {
  constructor(readonly errorCode: string, message: string) {
    super(message);
  }
}

/**
 * A {@link FlagClient} over the platform's HTTP evaluate endpoint, for services outside the platform
 * process. Answers are cached per flag and context with their ETag and revalidated with `If-None-Match`
 * (a 304 costs the server no serialization and the network no body); identical concurrent requests
 * share one round trip. Failures never throw: they come back as ERROR evaluations (the caller's
 * default is served), `INVALID_CONTEXT` when the server refused the context.
 */
export class HttpFlagClient implements FlagClient {
  private readonly url: string;
  private readonly cache: BoundedMap<string, CachedAnswer>;
  private readonly inFlight = new Map<string, Promise<unknown>>();
  private readonly fetch: typeof fetch;

  constructor(private readonly options: HttpFlagClientOptions) {
    this.cache = new BoundedMap(options.maxEntries ?? 1000);
    this.url = `${options.baseUrl.replace(/\/+$/, '')}/api/feature-flags/evaluate`;
    this.fetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  }

  async evaluate(key: string, context?: FlagContext): Promise<FlagEvaluation> {
    try {
      return (await this.post({ flag: key, context: requestContextOf(context) })) as FlagEvaluation;
    } catch (err) {
      return failureOf(key, err);
    }
  }

  async evaluateAll(context?: FlagContext, keys?: readonly string[]): Promise<Record<string, FlagEvaluation>> {
    try {
      return ((await this.post({ flags: keys, context: requestContextOf(context) })) as { flags: Record<string, FlagEvaluation> }).flags;
    } catch (err) {
      return Object.fromEntries((keys ?? []).map((key) => [key, failureOf(key, err)]));
    }
  }

  /** Forgets every cached answer. */
  clear(): void {
    this.cache.clear();
  }

  private post(body: Record<string, unknown>): Promise<unknown> {
    const text = JSON.stringify(body);
    const cached = this.cache.get(text);
    if (cached && Date.now() - cached.checkedAt < (this.options.maxAgeMs ?? 0)) return Promise.resolve(cached.answer);
    let pending = this.inFlight.get(text);
    if (!pending) {
      pending = this.request(text, cached).finally(() => this.inFlight.delete(text));
      this.inFlight.set(text, pending);
    }
    return pending;
  }

  private async request(text: string, cached: CachedAnswer | undefined): Promise<unknown> {
    const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json', ...this.options.headers };
    if (this.options.apiKey) headers.authorization = `Bearer ${this.options.apiKey}`;
    if (cached) headers['if-none-match'] = cached.etag;
    const res = await this.fetch(this.url, { method: 'POST', headers, body: text });
    if (res.status === 304 && cached) {
      this.remember(text, { ...cached, checkedAt: Date.now() });
      return cached.answer;
    }
    if (!res.ok) {
      const problem = (await res.json().catch(() => ({}))) as { code?: string; detail?: string; title?: string };
      const refusedContext = res.status === 400 || problem.code === 'context_not_yours';
      throw new EvaluateRefused(refusedContext ? 'INVALID_CONTEXT' : 'GENERAL', `HTTP ${res.status}${problem.code ? ` ${problem.code}` : ''}: ${problem.detail ?? problem.title ?? res.statusText}`);
    }
    const answer = await res.json();
    const etag = res.headers.get('etag');
    if (etag) this.remember(text, { etag, answer, checkedAt: Date.now() });
    return answer;
  }

  private remember(text: string, entry: CachedAnswer): void {
    this.cache.set(text, entry);
  }
}

function failureOf(key: string, err: unknown): FlagEvaluation {
  if (err instanceof EvaluateRefused) return failedEvaluation(key, err.errorCode, err.message);
  return failedEvaluation(key, 'GENERAL', `Flag evaluation request failed: ${(err as Error)?.message ?? String(err)}`);
}
