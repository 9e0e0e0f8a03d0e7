import type { EvaluationContext } from '@openfeature/core';
import type { FlagContext } from '@platform/sdk/feature-flags';

/** Context attributes with a field of their own in {@link FlagContext}; everything else becomes a property. */
const NAMED_ATTRIBUTES = ['sessionId', 'environment', 'appName', 'remoteAddress', 'plan'] as const;

/**
 * OpenFeature's context → ours: `targetingKey` (or `userId`) is the user, `tenantId` the tenant, the
 * named attributes keep their field, other primitives (and dates, as ISO strings) become properties.
 * Nested objects and arrays are dropped: constraints compare primitives.
 */
export function flagContextFromOpenFeature(context: EvaluationContext | undefined): FlagContext {
  const out: FlagContext = {};
  if (!context) return out;
  const properties: NonNullable<FlagContext['properties']> = {};
  for (const [name, value] of Object.entries(context)) {
    if (name === 'targetingKey' || name === 'userId') {
      if (typeof value === 'string' && value) out.userId = value;
    } else if (name === 'tenantId') {
      if (typeof value === 'string' && value) out.tenantId = value;
    } else if ((NAMED_ATTRIBUTES as readonly string[]).includes(name)) {
      if (typeof value === 'string') out[name as (typeof NAMED_ATTRIBUTES)[number]] = value;
    } else if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
      properties[name] = value;
    } else if (value instanceof Date) {
      properties[name] = value.toISOString();
    }
  }
  if (Object.keys(properties).length > 0) out.properties = properties;
  return out;
}
