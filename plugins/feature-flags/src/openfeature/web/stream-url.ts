import type { EvaluationContext } from '@openfeature/core';
import { flagContextFromOpenFeature } from '../flag-context.ts';

/**
 * The stream's address for an OpenFeature context: `tenantId`, `targetingKey` (the user), `sessionId`,
 * `environment` and `appName` go in the query (the server refuses a tenant or user other than the
 * caller's, except for keys allowed to act on behalf of others); other attributes are not sent.
 */
export function streamUrlOf(baseUrl: string, context: EvaluationContext | undefined, flags?: readonly string[]): string {
  const flagContext = flagContextFromOpenFeature(context);
  const query = new URLSearchParams();
  if (flags && flags.length > 0) query.set('flags', flags.join(','));
  for (const name of ['tenantId', 'userId', 'sessionId', 'environment', 'appName'] as const) {
    const value = flagContext[name];
    if (value) query.set(name, value);
  }
  const search = query.toString();
  return `${baseUrl.replace(/\/+$/, '')}/api/feature-flags/stream${search ? `?${search}` : ''}`;
}
