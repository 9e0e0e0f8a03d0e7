import type { FlagClient, FlagContext, FlagEvaluation } from '@platform/sdk/feature-flags';
import type { FlagServices } from './flag-services.ts';

/** DI key of this plugin's per-kernel runtime (internal; other plugins use `FLAG_CLIENT`). */
export const FLAG_RUNTIME = 'feature-flags.runtime';

/**
 * The plugin's state in one kernel. The manifest is a module singleton that several kernels in one
 * process may load (tests, benchmarks), so state lives here, in each kernel's DI container, never in
 * module scope. `client` is provided in `register()` and answers once `boot()` has loaded the flags.
 */
export class FlagRuntime {
  private resolveReady!: (services: FlagServices) => void;
  private current: FlagServices | null = null;
  readonly ready: Promise<FlagServices> = new Promise((resolve) => {
    this.resolveReady = resolve;
  });

  get services(): FlagServices {
    if (!this.current) throw new Error('feature-flags is not booted yet');
    return this.current;
  }

  booted(services: FlagServices): void {
    this.current = services;
    this.resolveReady(services);
  }

  private async evaluation() {
    return (this.current ?? (await this.ready)).evaluation;
  }

  readonly client: FlagClient = {
    evaluate: async (key: string, context?: FlagContext): Promise<FlagEvaluation> => (await this.evaluation()).evaluate(key, context),
    evaluateAll: async (context?: FlagContext, keys?: readonly string[]) => (await this.evaluation()).evaluateAll(context, keys),
  };
}
