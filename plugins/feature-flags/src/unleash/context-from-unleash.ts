import type { ContextPropertyValue, EvaluationContext } from '../engine/context.ts';
import type { UnleashContext } from './unleash-types.ts';

const TOP_LEVEL_FIELDS = new Set(['userId', 'sessionId', 'remoteAddress', 'environment', 'appName', 'currentTime', 'properties']);

/**
 * Maps an Unleash context to ours: the standard fields keep their names, `properties` stay
 * properties, and any other top-level field becomes a property (Unleash resolves a context
 * name on the top level first, then in properties; so do we).
 */
export function contextFromUnleashContext(unleash: UnleashContext): EvaluationContext {
  const context: EvaluationContext = {};
  if (typeof unleash.userId === 'string') context.userId = unleash.userId;
  if (typeof unleash.sessionId === 'string') context.sessionId = unleash.sessionId;
  if (typeof unleash.remoteAddress === 'string') context.remoteAddress = unleash.remoteAddress;
  if (typeof unleash.environment === 'string') context.environment = unleash.environment;
  if (typeof unleash.appName === 'string') context.appName = unleash.appName;
  if (unleash.currentTime !== undefined && unleash.currentTime !== null) context.currentTime = unleash.currentTime;

  const properties: Record<string, ContextPropertyValue> = { ...unleash.properties };
  for (const [field, value] of Object.entries(unleash)) {
    if (TOP_LEVEL_FIELDS.has(field) || !isPropertyValue(value)) continue;
    properties[field] = value;
  }
  if (Object.keys(properties).length > 0) context.properties = properties;
  return context;
}

function isPropertyValue(value: unknown): value is ContextPropertyValue {
  return value === null || ['string', 'number', 'boolean', 'undefined'].includes(typeof value);
}
