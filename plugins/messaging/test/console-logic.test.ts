import { describe, expect, it } from 'vitest';
import { dropped, moved } from '../admin/failover-order.ts';
import { draftOf, variableOf } from '../admin/template-variable-draft.ts';

describe('console: failover order', () => {
  const ids = ['a', 'b', 'c'];
  it('moves one place with the arrows, and not past either end', () => {
    expect(moved(ids, 1, -1)).toEqual(['b', 'a', 'c']);
    expect(moved(ids, 1, 1)).toEqual(['a', 'c', 'b']);
    expect(moved(ids, 0, -1)).toEqual(ids);
    expect(moved(ids, 2, 1)).toEqual(ids);
  });
  it('drops a dragged item at the target place', () => {
    expect(dropped(ids, 2, 0)).toEqual(['c', 'a', 'b']);
    expect(dropped(ids, 0, 2)).toEqual(['b', 'c', 'a']);
    expect(dropped(ids, 1, 1)).toEqual(ids);
    expect(dropped(ids, 5, 0)).toEqual(ids);
  });
});

describe('console: template variable drafts', () => {
  it('reads the typed sample by the declared type, leaving out one that does not parse', () => {
    expect(variableOf({ name: ' total ', type: 'number', required: true, sample: '12.5' })).toEqual({ name: 'total', type: 'number', required: true, sample: 12.5 });
    expect(variableOf({ name: 'n', type: 'number', required: true, sample: 'twelve' })).toEqual({ name: 'n', type: 'number', required: true });
    expect(variableOf({ name: 'ok', type: 'boolean', required: false, sample: 'true' }).sample).toBe(true);
    expect(variableOf({ name: 'items', type: 'list', required: true, sample: '[1,2]' }).sample).toEqual([1, 2]);
    expect(variableOf({ name: 'items', type: 'list', required: true, sample: '[1,' })).not.toHaveProperty('sample');
    expect(variableOf({ name: 's', type: 'string', required: true, sample: '' })).not.toHaveProperty('sample');
  });
  it('round-trips a stored variable through the editor', () => {
    const stored = { name: 'lines', type: 'list', required: false, sample: [{ sku: 'A' }] };
    expect(variableOf(draftOf(stored))).toEqual(stored);
    expect(draftOf({ name: 'x', type: 'weird' })).toEqual({ name: 'x', type: 'string', required: true, sample: '' });
  });
});
