import { describe, expect, it } from 'vitest';
import { exampleAlertNotification } from '@platform/sdk/alert-channels';
import { countSmsSegments } from '@platform/sdk/messaging';
import { smsAlertText } from '../src/sms-alert-text.ts';

describe('SMS alert text', () => {
  it('is the one-line description and the console link', () => {
    const n = exampleAlertNotification();
    const text = smsAlertText(n, 2);
    expect(text).toBe(`[FIRING] High API error rate: error_rate(api_requests_total) 7.20 > 5 (route=/api/build)\n${n.links.alert}`);
    expect(countSmsSegments(text)).toMatchObject({ encoding: 'GSM-7', segments: 2 }); // 168 septets: the link takes most of it
  });

  it('says who acknowledged, and resolved in words', () => {
    const ack = smsAlertText(exampleAlertNotification({ kind: 'acknowledged', acknowledgement: { by: 'ops@example.com', comment: 'on it', expiresAt: '2026-01-08T16:00:00.000Z' } }), 2);
    expect(ack).toMatch(/^\[ACKNOWLEDGED\] High API error rate: .* by ops@example\.com\n/);
    expect(smsAlertText(exampleAlertNotification({ kind: 'resolved', value: 1.2 }), 2)).toMatch(/^\[RESOLVED\] High API error rate: error_rate\(api_requests_total\) back to 1\.20/);
  });

  it('shortens the description, not the link, to fit the segment budget, staying GSM-7', () => {
    const base = exampleAlertNotification();
    const n = exampleAlertNotification({ rule: { ...base.rule, name: 'Checkout latency '.repeat(30).trim() } });
    for (const max of [1, 2, 3]) {
      const text = smsAlertText(n, max);
      expect(countSmsSegments(text)).toMatchObject({ encoding: 'GSM-7', segments: max });
      expect(text.endsWith(`...\n${n.links.alert}`)).toBe(true);
    }
  });

  it('counts a UCS-2 description (an emoji in the rule name) as the providers do', () => {
    const base = exampleAlertNotification();
    const n = exampleAlertNotification({ rule: { ...base.rule, name: '🔥 Payments down '.repeat(10) } });
    const text = smsAlertText(n, 2);
    expect(countSmsSegments(text)).toMatchObject({ encoding: 'UCS-2', segments: 2 });
    expect(text).toContain(n.links.alert);
  });
});
