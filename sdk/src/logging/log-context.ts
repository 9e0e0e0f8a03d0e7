import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * The request a log line belongs to. The kernel opens one per HTTP request (and fills in the tenant and
 * user once it has resolved them); every `PlatformLogger` call made while it is open carries its ids.
 */
export interface LogScope {
  requestId: string | null;
  tenantId: string | null;
  tenantSlug: string | null;
  userId: string | null;
}

// One store per process, even if two copies of the SDK module get loaded.
const KEY = Symbol.for('platform.sdk.logScope');
const holder = globalThis as unknown as Record<symbol, AsyncLocalStorage<LogScope> | undefined>;
const storage: AsyncLocalStorage<LogScope> = holder[KEY] ?? (holder[KEY] = new AsyncLocalStorage<LogScope>());

/** The scope open here, if any. */
export function currentLogScope(): LogScope | undefined {
  return storage.getStore();
}

/** Runs `fn` (and everything it starts) inside `scope`, e.g. a job working for one tenant. */
export function runInLogScope<T>(scope: LogScope, fn: () => T): T {
  return storage.run(scope, fn);
}
