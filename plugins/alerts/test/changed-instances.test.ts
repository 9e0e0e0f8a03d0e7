import { describe, expect, it } from 'vitest';
import { changedInstances } from '../src/evaluation/changed-instances.ts';
import type { AlertInstance } from '../src/instances/alert-instance.ts';

const instance = (over: Omit<Partial<AlertInstance>, 'memory'> & { memory?: Partial<AlertInstance['memory']> } = {}): AlertInstance => ({
  id: 'a1', ruleId: 'r1', fingerprint: 'f1', labels: {}, tenantId: null, notifiedAt: null, lastNotifiedAt: null, mutedReason: null, resolvedAt: null, resolvedBy: null, lastEvaluatedAt: 0,
  ...over,
  memory: { state: 'pending', stateSince: 0, pendingSince: 0, firingSince: null, lastBreachAt: 0, value: 5, error: null, ...over.memory },
});

describe('changedInstances', () => {
  it('passes over running figures: value, last evaluated, and the last breach of an alert that is not open', () => {
    const prev = instance();
    expect(changedInstances([instance({ lastEvaluatedAt: 60_000, memory: { value: 7, lastBreachAt: 60_000 } })], [prev])).toEqual([]);
  });

  it('keeps new alerts and changes of state, notification, mute, resolution, and the last breach of an open alert', () => {
    const firing = instance({ memory: { state: 'firing', firingSince: 0 } });
    const changed = [
      instance({ id: 'new' }),
      instance({ memory: { state: 'firing', stateSince: 60_000, firingSince: 60_000 } }),
      instance({ mutedReason: 'maintenance: upgrade' }),
      instance({ lastNotifiedAt: 60_000 }),
    ];
    for (const next of changed) expect(changedInstances([next], [instance()])).toEqual([next]);
    const breachedAgain = instance({ memory: { state: 'firing', firingSince: 0, lastBreachAt: 60_000 } });
    expect(changedInstances([breachedAgain], [firing])).toEqual([breachedAgain]);
  });
});
