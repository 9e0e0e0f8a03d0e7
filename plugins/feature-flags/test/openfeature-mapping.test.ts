import { describe, expect, it } from 'vitest';
import type { FlagEvaluation } from '@platform/sdk/feature-flags';
import { failedEvaluation, resolutionOf } from '../src/openfeature/resolution-details.ts';
import { changedFlagKeys } from '../src/openfeature/web/changed-flag-keys.ts';
import { streamUrlOf } from '../src/openfeature/web/stream-url.ts';

const on = (key: string, value: FlagEvaluation['value'] = true, extra: Partial<FlagEvaluation> = {}): FlagEvaluation => ({ key, value, enabled: true, variant: null, reason: 'STATIC', rule: 'everyone', ...extra });

describe('OpenFeature mapping', () => {
  it('maps evaluations to resolution details: variant, rule, errors and type mismatches', () => {
    expect(resolutionOf(on('a', 'blue', { variant: 'blue', reason: 'SPLIT', rule: 'variant' }), 'red', 'string')).toEqual({ value: 'blue', variant: 'blue', reason: 'SPLIT', flagMetadata: { rule: 'variant' } });
    expect(resolutionOf(on('a', 3), false, 'boolean')).toMatchObject({ value: false, reason: 'ERROR', errorCode: 'TYPE_MISMATCH' });
    expect(resolutionOf(on('a', null), {}, 'object')).toMatchObject({ value: {}, errorCode: 'TYPE_MISMATCH' });
    expect(resolutionOf(failedEvaluation('a', 'INVALID_CONTEXT', 'no'), true, 'boolean')).toMatchObject({ value: true, reason: 'ERROR', errorCode: 'INVALID_CONTEXT', errorMessage: 'no' });
    expect(resolutionOf(failedEvaluation('a', 'SOMETHING_ELSE', 'x'), 1, 'number')).toMatchObject({ errorCode: 'GENERAL' });
  });

  it('lists changed, added and removed keys', () => {
    const before = { a: on('a'), b: on('b'), c: on('c', { x: 1 }) };
    expect(changedFlagKeys(before, { a: on('a'), b: on('b', false), c: on('c', { x: 1 }) })).toEqual(['b']);
    expect(changedFlagKeys(before, { a: on('a', true, { rule: 'rollout', reason: 'SPLIT' }), c: on('c', { x: 2 }), d: on('d') })).toEqual(['a', 'c', 'd', 'b']);
    expect(changedFlagKeys({}, {})).toEqual([]);
  });

  it('builds the stream address from the OpenFeature context, sending only what the stream accepts', () => {
    expect(streamUrlOf('', undefined)).toBe('/api/feature-flags/stream');
    expect(streamUrlOf('https://p.example/', { targetingKey: 'u 1', tenantId: 't', environment: 'prod', country: 'NO' }, ['a.b', 'c'])).toBe(
      'https://p.example/api/feature-flags/stream?flags=a.b%2Cc&tenantId=t&userId=u+1&environment=prod',
    );
  });
});
