import type { EvaluationContext, JsonValue, Provider, ResolutionDetails } from '@openfeature/server-sdk';
import type { FlagClient } from '@platform/sdk/feature-flags';
import { flagContextFromOpenFeature } from './flag-context.ts';
import { resolutionOf, type FlagKind } from './resolution-details.ts';

/**
 * An OpenFeature server provider over any {@link FlagClient}: the platform's in-process evaluation
 * (`ctx.resolve<FlagClient>(FLAG_CLIENT)`, inside a plugin) or {@link HttpFlagClient} (another service,
 * through the evaluate endpoint; see `HttpFlagProvider`):
 *
 * ```ts
 * await OpenFeature.setProviderAndWait(new PlatformFlagProvider(ctx.resolve<FlagClient>(FLAG_CLIENT)));
 * const enabled = await OpenFeature.getClient().getBooleanValue('checkout.new_flow', false, { targetingKey: userId, tenantId });
 * ```
 */
export class PlatformFlagProvider implements Provider {
  readonly metadata: { readonly name: string } = { name: 'platform-feature-flags' };
  readonly runsOn = 'server' as const;

  constructor(protected readonly client: FlagClient) {}

  private async resolve<T>(flagKey: string, defaultValue: T, context: EvaluationContext, kind: FlagKind): Promise<ResolutionDetails<T>> {
    return resolutionOf(await this.client.evaluate(flagKey, flagContextFromOpenFeature(context)), defaultValue, kind);
  }

  resolveBooleanEvaluation(flagKey: string, defaultValue: boolean, context: EvaluationContext): Promise<ResolutionDetails<boolean>> {
    return this.resolve(flagKey, defaultValue, context, 'boolean');
  }

  resolveStringEvaluation(flagKey: string, defaultValue: string, context: EvaluationContext): Promise<ResolutionDetails<string>> {
    return this.resolve(flagKey, defaultValue, context, 'string');
  }

  resolveNumberEvaluation(flagKey: string, defaultValue: number, context: EvaluationContext): Promise<ResolutionDetails<number>> {
    return this.resolve(flagKey, defaultValue, context, 'number');
  }

  resolveObjectEvaluation<T extends JsonValue>(flagKey: string, defaultValue: T, context: EvaluationContext): Promise<ResolutionDetails<T>> {
    return this.resolve(flagKey, defaultValue, context, 'object');
  }
}
