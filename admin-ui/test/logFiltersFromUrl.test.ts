import { describe, expect, it } from 'vitest';
import { EMPTY_FILTERS, filterParams, filtersFromUrl } from '../../plugins/logging/admin/log-filters.ts';

describe('log viewer filters from a link', () => {
  it('opens with the filters a link names (the health page links ?q=<service>)', () => {
    expect(filtersFromUrl('?q=postgres')).toEqual({ ...EMPTY_FILTERS, q: 'postgres' });
    expect(filtersFromUrl('?service=monitor-stripe&levels=error,warn&range=1h')).toMatchObject({ service: 'monitor-stripe', levels: ['error', 'warn'], range: '1h' });
  });

  it('ignores what it does not know', () => {
    expect(filtersFromUrl('?range=1y&levels=loud,error&other=1')).toEqual({ ...EMPTY_FILTERS, levels: ['error'] });
    expect(filtersFromUrl('')).toEqual(EMPTY_FILTERS);
  });

  it('sends the same filters to the API', () => {
    const p = filterParams(filtersFromUrl('?q=postgres&levels=error'), Date.parse('2026-01-01T00:00:00Z'));
    expect(p.get('q')).toBe('postgres');
    expect(p.get('level')).toBe('error');
  });
});
