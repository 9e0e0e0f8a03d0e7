import { describe, expect, it } from 'vitest';
import { errorAnomaly, nearLimits, unusedEntitlements, usageAnomalies } from '../src/recommendations/recommendation-heuristics.ts';

const meters = [
  { key: 'sms.monthly', label: 'SMS per month', unit: 'messages' },
  { key: 'email.monthly', label: 'Emails per month', unit: 'emails' },
  { key: 'seats', label: 'Seats' },
];

describe('recommendation heuristics (pure)', () => {
  it('flags included meters with no usage in the window, with the quota in the reason', () => {
    const recs = unusedEntitlements({ tenantId: 't', planName: 'Basic', quotas: { 'sms.monthly': 100, 'email.monthly': 500, seats: 0 }, usage: { 'sms.monthly': 3 }, days: 30, meters });
    expect(recs).toEqual([
      {
        tenantId: 't',
        kind: 'unused-entitlement',
        title: 'Help them start using Emails per month',
        reasons: ['The Basic plan includes 500 emails of Emails per month', 'No Emails per month usage was recorded in the last 30 days'],
        evidence: { quota: 500, used: 0 },
        severity: 'info',
      },
    ]);
  });

  it('suggests an upgrade at 80% of a quota or more, a warning once reached; unlimited meters never', () => {
    const args = { tenantId: 't', planName: 'Basic', quotas: { 'sms.monthly': 100, 'email.monthly': 500 }, days: 30, meters };
    expect(nearLimits({ ...args, usage: { 'sms.monthly': 79, seats: 1_000_000 } })).toEqual([]);
    const near = nearLimits({ ...args, usage: { 'sms.monthly': 80 } });
    expect(near).toHaveLength(1);
    expect(near[0]).toMatchObject({ kind: 'upgrade', severity: 'info', evidence: { used: 80, quota: 100, percent: 80 } });
    expect(near[0].reasons[0]).toBe('80 messages of SMS per month used in the last 30 days against a quota of 100 (80%)');
    const over = nearLimits({ ...args, usage: { 'sms.monthly': 130, 'email.monthly': 450 } });
    expect(over.map((r) => [r.evidence.percent, r.severity])).toEqual([[130, 'warning'], [90, 'info']]);
  });

  it('compares the last 7 days with the tenant\'s own weekly baseline, ignoring quiet meters', () => {
    const args = { tenantId: 't', meters };
    const drop = usageAnomalies({ ...args, recent7: { 'sms.monthly': 10 }, previous28: { 'sms.monthly': 400 } });
    expect(drop).toHaveLength(1);
    expect(drop[0]).toMatchObject({ kind: 'usage-drop', title: 'Check in: SMS per month usage fell by 90%', evidence: { recent7: 10, weeklyBaseline: 100, ratio: 0.1 } });
    const spike = usageAnomalies({ ...args, recent7: { 'sms.monthly': 300 }, previous28: { 'sms.monthly': 400 } });
    expect(spike[0]).toMatchObject({ kind: 'usage-spike', evidence: { ratio: 3 } });
    expect(usageAnomalies({ ...args, recent7: { 'sms.monthly': 60 }, previous28: { 'sms.monthly': 400 } })).toEqual([]);
    expect(usageAnomalies({ ...args, recent7: { 'sms.monthly': 0 }, previous28: { 'sms.monthly': 40 } })).toEqual([]);
  });

  it('flags an error rate at least double the tenant\'s own average and a point higher, given two months of history', () => {
    expect(errorAnomaly({ tenantId: 't', currentPct: 5, previousPct: [0.5, 0.7] })[0]).toMatchObject({ kind: 'error-spike', evidence: { currentPct: 5, baselinePct: 0.6, months: 2 } });
    expect(errorAnomaly({ tenantId: 't', currentPct: 5, previousPct: [0.5] })).toEqual([]);
    expect(errorAnomaly({ tenantId: 't', currentPct: 1.2, previousPct: [0.3, 0.3] })).toEqual([]);
    expect(errorAnomaly({ tenantId: 't', currentPct: 9, previousPct: [5, 5] })).toEqual([]);
    expect(errorAnomaly({ tenantId: 't', currentPct: null, previousPct: [1, 1] })).toEqual([]);
  });
});
