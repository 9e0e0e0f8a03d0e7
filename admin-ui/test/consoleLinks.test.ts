import { describe, expect, it } from 'vitest';
import { serviceLinkTargets } from '../../plugins/health/admin/service-link-targets.ts';
import { durationText } from '../../plugins/alerts/admin/duration-text.ts';

describe('service links of the health detail page', () => {
  it('opens the log viewer searching for the service and the incidents that list it as affected', () => {
    const to = serviceLinkTargets('postgres');
    expect(to.logs).toBe('/logging/logs?q=postgres');
    const incidents = new URL(to.incidents, 'http://console');
    expect(incidents.pathname).toBe('/incidents/incidents');
    expect(JSON.parse(incidents.searchParams.get('filter')!)).toEqual({ affectedSystem: 'postgres' });
  });

  it('escapes service ids', () => {
    expect(new URL(serviceLinkTargets('a&b c').logs, 'http://console').searchParams.get('q')).toBe('a&b c');
  });
});

describe('time to acknowledge', () => {
  it('reads as a short duration', () => {
    expect([null, undefined, Number.NaN, -1].map(durationText)).toEqual(['—', '—', '—', '—']);
    expect([0, 45, 59.4, 60, 125, 3599, 3600, 3900, 86_399, 90_000, 200_000].map(durationText)).toEqual(['0s', '45s', '59s', '1m', '2m', '1h 00m', '1h 00m', '1h 05m', '1d 0h', '1d 1h', '2d 7h']);
  });
});
