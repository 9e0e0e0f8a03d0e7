import { afterAll, describe, expect, it } from 'vitest';
import { OpenFeature } from '@openfeature/server-sdk';
import type { FlagClient, FlagContext, FlagEvaluation } from '@platform/sdk/feature-flags';
import { PlatformFlagProvider, flagContextFromOpenFeature } from '../src/openfeature/index.ts';

/** A FlagClient answering from a table, recording the contexts it was asked with. */
function tableClient(table: Record<string, Omit<FlagEvaluation, 'key'>>, seen: FlagContext[]): FlagClient {
  return {
    async evaluate(key, context) {
      seen.push(context ?? {});
      const hit = table[key];
      return hit ? { key, ...hit } : { key, value: null, enabled: false, variant: null, reason: 'ERROR', rule: 'error', errorCode: 'FLAG_NOT_FOUND', errorMessage: `No flag "${key}"` };
    },
    async evaluateAll() {
      return {};
    },
  };
}

describe('OpenFeature server provider', () => {
  afterAll(async () => OpenFeature.close());

  it('resolves through the FlagClient with reasons, variants and OpenFeature error codes', async () => {
    const seen: FlagContext[] = [];
    await OpenFeature.setProviderAndWait(
      new PlatformFlagProvider(
        tableClient(
          {
            'checkout.new_flow': { value: true, enabled: true, variant: null, reason: 'SPLIT', rule: 'rollout' },
            'checkout.theme': { value: 'blue', enabled: true, variant: 'blue', reason: 'SPLIT', rule: 'variant' },
            'checkout.limits': { value: { max: 3 }, enabled: true, variant: null, reason: 'STATIC', rule: 'everyone' },
          },
          seen,
        ),
      ),
    );
    const client = OpenFeature.getClient();
    const details = await client.getBooleanDetails('checkout.new_flow', false, { targetingKey: 'user-1', tenantId: 'tenant-1', country: 'NO' });
    expect(details).toMatchObject({ value: true, reason: 'SPLIT', flagMetadata: { rule: 'rollout' } });
    expect(seen[0]).toEqual({ userId: 'user-1', tenantId: 'tenant-1', properties: { country: 'NO' } });
    expect(await client.getStringDetails('checkout.theme', 'red')).toMatchObject({ value: 'blue', variant: 'blue' });
    expect(await client.getObjectValue('checkout.limits', {})).toEqual({ max: 3 });
    expect(await client.getBooleanDetails('missing.flag', true)).toMatchObject({ value: true, reason: 'ERROR', errorCode: 'FLAG_NOT_FOUND' });
    expect(await client.getNumberDetails('checkout.theme', 7)).toMatchObject({ value: 7, errorCode: 'TYPE_MISMATCH' });
  });

  it('maps OpenFeature contexts', () => {
    expect(flagContextFromOpenFeature({ targetingKey: 'u', environment: 'prod', at: new Date(0), nested: { x: 1 } })).toEqual({
      userId: 'u',
      environment: 'prod',
      properties: { at: '1970-01-01T00:00:00.000Z' },
    });
  });
});
