import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runMonitorCheck } from '@platform/sdk/monitors';
import { startMonitorHarness, type MonitorHarness } from '@platform/plugin-health/testing';
import dnsPlugin, { dnsMonitor } from '../src/index.ts';
import { answersInclude } from '../src/dns-answers.ts';
import { startFakeDnsServer } from './support/fake-dns-server.ts';
import { expectDegradedBySpeed, SLOW_CASE_DELAY_MS } from '@platform/plugin-health/testing/http-failure-modes';

describe('DNS monitor', () => {
  let dns: Awaited<ReturnType<typeof startFakeDnsServer>>;
  let h: MonitorHarness;
  beforeAll(async () => {
    dns = await startFakeDnsServer(
      { 'api.example.test': { A: ['203.0.113.10', '203.0.113.11'], TXT: ['v=spf1 -all'] }, 'lagging.example.test': { A: ['203.0.113.20'] } },
      ['slow.example.test'],
      { 'lagging.example.test': SLOW_CASE_DELAY_MS },
    );
    h = await startMonitorHarness(dnsPlugin);
  });
  afterAll(async () => {
    await h?.close();
    await dns?.close();
  });

  it('resolves through the configured resolver and checks the expected answer', async () => {
    await h.configure({ hostname: 'api.example.test', recordType: 'A', expected: '203.0.113.11', server: dns.address });
    const view = await h.check('dns');
    expect(view).toMatchObject({ status: 'healthy', message: 'A api.example.test: 203.0.113.10, 203.0.113.11', details: { answers: ['203.0.113.10', '203.0.113.11'] } });
    expect(dns.queries).toContain('A api.example.test');
  });

  it('is unhealthy when the expected answer is missing', async () => {
    const r = await runMonitorCheck(dnsMonitor, { hostname: 'api.example.test', recordType: 'TXT', expected: 'v=spf1 include:mail -all', server: dns.address }, { timeoutMs: 2000 });
    expect(r).toMatchObject({ status: 'unhealthy', message: 'TXT api.example.test does not include v=spf1 include:mail -all' });
  });

  it('is unhealthy for a name that does not exist', async () => {
    const r = await runMonitorCheck(dnsMonitor, { hostname: 'gone.example.test', recordType: 'A', server: dns.address }, { timeoutMs: 2000 });
    expect(r).toMatchObject({ status: 'unhealthy', message: 'A gone.example.test: no such record' });
  });

  it('is degraded by the response-time thresholds when the resolver answers slowly', async () => {
    const r = await runMonitorCheck(dnsMonitor, { hostname: 'lagging.example.test', recordType: 'A', expected: '203.0.113.20', server: dns.address }, { timeoutMs: 2000 });
    expectDegradedBySpeed(dnsMonitor, r);
  });

  it('times out a resolver that does not answer', async () => {
    const r = await runMonitorCheck(dnsMonitor, { hostname: 'slow.example.test', recordType: 'A', server: dns.address }, { timeoutMs: 200 });
    expect(r.status).toBe('unhealthy');
    expect(r.message).toMatch(/timed out after 200 ms|ETIMEOUT|ECANCELLED/);
  });

  it('compares answers leniently (case, trailing dot, MX priority)', () => {
    expect(answersInclude(['Mail.Example.com.'], 'mail.example.com')).toBe(true);
    expect(answersInclude(['10 mx1.example.com'], 'mx1.example.com')).toBe(true);
    expect(answersInclude(['10 mx1.example.com'], 'mx2.example.com')).toBe(false);
  });
});
