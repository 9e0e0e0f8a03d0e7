import { describe, expect, it } from 'vitest';
import type { FlagClient, FlagEvaluation } from '@platform/sdk/feature-flags';
import { MaintenanceGate } from '../src/maintenance/maintenance-gate.ts';

const evaluation = (enabled: boolean): FlagEvaluation => ({ key: 'platform.maintenance_mode', value: enabled, enabled, variant: null, reason: 'STATIC', rule: 'default' });

describe('MaintenanceGate', () => {
  const logger = { warn: () => undefined };

  it('is off without the feature-flags plugin', async () => {
    const gate = new MaintenanceGate({ flags: () => null, retryAfterSeconds: 60, logger });
    expect(gate.active()).toBe(false);
    expect(await gate.state()).toEqual({ active: false, retryAfterSeconds: 60 });
  });

  it('answers from the cache after the first read', async () => {
    let reads = 0;
    const flags: FlagClient = { evaluate: async () => (reads++, evaluation(true)), evaluateAll: async () => ({}) };
    let now = 0;
    const gate = new MaintenanceGate({ flags: () => flags, retryAfterSeconds: 60, logger, ttlMs: 3000, refreshAfterMs: 1000, now: () => now });
    expect(await gate.active()).toBe(true);
    expect(gate.active()).toBe(true);
    expect(reads).toBe(1);
    now = 10_000;
    expect(await gate.active()).toBe(true);
    expect(reads).toBe(2);
  });

  it('never keeps a failed read: it counts as off once, and the next read asks again', async () => {
    let fail = true;
    let reads = 0;
    const warnings: unknown[] = [];
    const flags: FlagClient = {
      evaluate: async () => {
        reads++;
        if (fail) throw new Error('flags store down');
        return evaluation(true);
      },
      evaluateAll: async () => ({}),
    };
    const gate = new MaintenanceGate({ flags: () => flags, retryAfterSeconds: 60, logger: { warn: (o) => void warnings.push(o) } });
    expect(await gate.active()).toBe(false);
    expect(warnings).toHaveLength(1);
    fail = false;
    expect(await gate.active()).toBe(true);
    expect(reads).toBe(2);
  });
});
