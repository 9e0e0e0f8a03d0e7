import { describe, expect, it } from 'vitest';
import { overallStatus } from '../src/status/overall-status.ts';

describe('overallStatus (the seed\'s aggregation rules)', () => {
  it('is operational when every component is healthy', () => {
    expect(overallStatus(['healthy', 'healthy', 'healthy'])).toBe('operational');
  });
  it('is degraded when one or more components are degraded', () => {
    expect(overallStatus(['healthy', 'degraded'])).toBe('degraded');
    expect(overallStatus(['degraded', 'degraded', 'healthy'])).toBe('degraded');
  });
  it('is a partial outage with exactly one unhealthy component, whatever else is degraded', () => {
    expect(overallStatus(['healthy', 'unhealthy', 'healthy'])).toBe('partial_outage');
    expect(overallStatus(['degraded', 'unhealthy'])).toBe('partial_outage');
  });
  it('is a major outage with two or more unhealthy components', () => {
    expect(overallStatus(['unhealthy', 'unhealthy'])).toBe('major_outage');
    expect(overallStatus(['unhealthy', 'healthy', 'unhealthy', 'unhealthy'])).toBe('major_outage');
  });
  it('never looks operational without fresh data', () => {
    expect(overallStatus([])).toBe('unknown');
    expect(overallStatus(['unknown', 'unknown'])).toBe('unknown');
    expect(overallStatus(['healthy', 'unknown'])).toBe('degraded');
    expect(overallStatus(['unknown', 'unhealthy'])).toBe('partial_outage');
  });
});
