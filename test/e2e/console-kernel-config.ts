import { DEFAULT_LOAD_SHEDDING, type KernelConfig } from '@platform/core';

/**
 * Kernel config for a browser test against an in-process kernel: quiet, and without the event-loop-turn load
 * shedding. The sign-in's password hash makes one long turn; on a shared 2-core test machine the console's next
 * requests were then refused with 503 `overloaded` (and a refused `/api/nav` signs the console out). Load
 * shedding has tests of its own (test/chaos/overload.test.ts).
 */
export function consoleKernelConfig(): Partial<KernelConfig> {
  return { logLevel: process.env.TEST_LOG_LEVEL ?? 'silent', loadShedding: { ...DEFAULT_LOAD_SHEDDING, maxEventLoopDelayMs: 0, maxTurnMs: 0 } };
}
