import { ErrorCode, type EvaluationContext, type JsonValue, type Provider, type ResolutionDetails } from '@openfeature/server-sdk';
import type { FlagClient, FlagContext, FlagEvaluation } from '@platform/sdk';

/** OpenFeature's context → ours: `targetingKey` is the user, `tenantId` the tenant, other primitives become properties. */
export function flagContextFromOpenFeature(context: EvaluationContext | undefined): FlagContext {
  const out: FlagContext = {};
  if (!context) return out;
  const properties: NonNullable<FlagContext['properties']> = {};
  for (const [name, value] of Object.entries(context)) {
    if (name === 'targetingKey' || name === 'userId') {
      if (typeof value === 'string' && value) out.userId = value;
    } else if (name === 'tenantId') {
      if (typeof value === 'string' && value) out.tenantId = value;
    } else if (name === 'sessionId' || name === 'environment' || name === 'appName' || name === 'remoteAddress' || name === 'plan') {
      if (typeof value === 'string') out[name] = value;
    } else if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
      properties[name] = value;
    } else if (value instanceof Date) {
      properties[name] = value.toISOString();
    }
  }
  if (Object.keys(properties).length > 0) out.properties = properties;
  return out;
}

const ERROR_CODES: Record<string, ErrorCode> = {
  FLAG_NOT_FOUND: ErrorCode.FLAG_NOT_FOUND,
  TYPE_MISMATCH: ErrorCode.TYPE_MISMATCH,
  PARSE_ERROR: ErrorCode.PARSE_ERROR,
};

type Kind = 'boolean' | 'string' | 'number' | 'object';

function fitsKind(value: unknown, kind: Kind): boolean {
  if (kind === 'object') return value !== null && typeof value === 'object';
  return typeof value === kind;
}

function resolution<T>(evaluation: FlagEvaluation, defaultValue: T, kind: Kind): ResolutionDetails<T> {
  const flagMetadata = { rule: evaluation.rule };
  if (evaluation.reason === 'ERROR')
    return { value: defaultValue, reason: 'ERROR', errorCode: ERROR_CODES[evaluation.errorCode ?? ''] ?? ErrorCode.GENERAL, errorMessage: evaluation.errorMessage, flagMetadata };
  if (!fitsKind(evaluation.value, kind))
    return { value: defaultValue, reason: 'ERROR', errorCode: ErrorCode.TYPE_MISMATCH, errorMessage: `Flag "${evaluation.key}" is not a ${kind} flag`, flagMetadata };
  const details: ResolutionDetails<T> = { value: evaluation.value as T, reason: evaluation.reason, flagMetadata };
  if (evaluation.variant !== null) details.variant = evaluation.variant;
  return details;
}

/**
 * An OpenFeature server provider over the platform's in-process evaluation (the `flags` service):
 *
 * ```ts
 * await OpenFeature.setProviderAndWait(new PlatformFlagProvider(ctx.resolve<FlagClient>(FLAG_CLIENT)));
 * const enabled = await OpenFeature.getClient().getBooleanValue('checkout.new_flow', false, { targetingKey: userId, tenantId });
 * ```
 */
export class PlatformFlagProvider implements Provider {
  readonly metadata = { name: 'platform-feature-flags' } as const;
  readonly runsOn = 'server' as const;

  constructor(private readonly client: FlagClient) {}

  private async resolve<T>(flagKey: string, defaultValue: T, context: EvaluationContext, kind: Kind): Promise<ResolutionDetails<T>> {
    return resolution(await this.client.evaluate(flagKey, flagContextFromOpenFeature(context)), defaultValue, kind);
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
