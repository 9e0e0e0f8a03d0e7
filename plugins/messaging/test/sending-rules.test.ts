import { describe, expect, it } from 'vitest';
import { checkEmailAddress, checkEmailRecipients, checkPhoneNumber, isEmailAddress } from '../src/sending/recipient-validation.ts';
import { resolveContent, textFromHtml } from '../src/sending/message-content.ts';
import { isStatusAdvance, receiptStatusOf } from '../src/messages/delivery-status.ts';
import { callbackUrlOf } from '../src/callbacks/callback-url.ts';
import type { TemplateRenderer } from '../src/templates/template-renderer.ts';
import { ProblemError } from '@platform/sdk';

const fieldOf = (fn: () => unknown): string | undefined => {
  try {
    fn();
  } catch (err) {
    return (err as ProblemError).field;
  }
  return undefined;
};

describe('recipients', () => {
  it('takes E.164 numbers that are valid for their country, and nothing else', () => {
    expect(checkPhoneNumber('+14155550100')).toBe('+14155550100');
    expect(checkPhoneNumber('+2348031234567')).toBe('+2348031234567');
    for (const bad of ['+44 7700 900123', '0044 7700900123', '+1415555010', '+999123456789', '+0123456789', 'tel:+14155550100', 14155550100]) expect(fieldOf(() => checkPhoneNumber(bad)), String(bad)).toBe('to');
  });

  it('checks email addresses the way senders need', () => {
    for (const ok of ['a@example.com', 'first.last+tag@sub.example.co.uk', "o'brien@example.ie", 'x@xn--bcher-kva.example']) expect(isEmailAddress(ok), ok).toBe(true);
    for (const bad of ['a@example', '.a@example.com', 'a.@example.com', 'a..b@example.com', 'a@example..com', 'a@-x.com', 'a b@example.com', `${'a'.repeat(65)}@example.com`, 'a@example.123']) expect(isEmailAddress(bad), bad).toBe(false);
    expect(checkEmailAddress({ email: ' a@example.com ', name: 'A' }, 'from')).toEqual({ email: 'a@example.com', name: 'A' });
    expect(fieldOf(() => checkEmailRecipients(['a@example.com', { email: 'b@example.com', name: 'x\ny' }]))).toBe('to.1.name');
    expect(fieldOf(() => checkEmailRecipients(Array.from({ length: 51 }, (_, i) => `u${i}@example.com`)))).toBe('to');
  });
});

describe('content', () => {
  it('turns HTML into a text part', () => {
    expect(textFromHtml('<html><head><style>p{color:red}</style></head><body><h1>Hi&nbsp;there</h1><p>A &amp; B<br>C</p><script>x()</script></body></html>')).toBe('Hi there\nA & B\nC');
  });

  it('counts SMS segments and refuses more than ten', async () => {
    expect(await resolveContent({ channel: 'sms', tenantId: null, to: '+14155550100', body: 'é'.repeat(161) }, null)).toMatchObject({ segments: 2 });
    expect(await resolveContent({ channel: 'sms', tenantId: null, to: '+14155550100', body: '😀'.repeat(70) }, null)).toMatchObject({ segments: 3 });
    await expect(resolveContent({ channel: 'sms', tenantId: null, to: '+14155550100', body: '😀'.repeat(400) }, null)).rejects.toMatchObject({ field: 'body' });
  });

  it('renders templates through the renderer and lets its 400s through', async () => {
    const renderer: TemplateRenderer = {
      async render(tenantId, key, channel, data) {
        if (!('name' in data)) throw new ProblemError(400, 'validation_failed', 'missing variable name', { field: 'data.name' });
        return { channel: 'sms', templateVersionId: 'v1', language: 'en', body: `Hi ${String(data.name)} (${tenantId}, ${key}, ${channel})`, segments: 1 };
      },
    };
    const ok = await resolveContent({ channel: 'sms', tenantId: 't1', to: '+14155550100', template: 'welcome', data: { name: 'Ada' } }, renderer);
    expect(ok).toEqual({ channel: 'sms', body: 'Hi Ada (t1, welcome, sms)', segments: 1, template: { key: 'welcome', versionId: 'v1', language: 'en' } });
    await expect(resolveContent({ channel: 'sms', tenantId: 't1', to: '+14155550100', template: 'welcome', data: {} }, renderer)).rejects.toMatchObject({ status: 400, field: 'data.name' });
    await expect(resolveContent({ channel: 'email', tenantId: 't1', to: 'a@example.com', template: 'welcome', data: { name: 'A' } }, renderer)).rejects.toMatchObject({ field: 'template' });
  });

  it('refuses template sends with 409 templates_unavailable when no renderer is wired', async () => {
    await expect(resolveContent({ channel: 'sms', tenantId: 't1', to: '+14155550100', template: 'welcome' }, null)).rejects.toMatchObject({ status: 409, code: 'templates_unavailable', field: 'template' });
  });
});

describe('delivery status', () => {
  it('moves forward only', () => {
    expect(isStatusAdvance('queued', 'sent')).toBe(true);
    expect(isStatusAdvance('delivered', 'sent')).toBe(false);
    expect(isStatusAdvance('delivered', 'opened')).toBe(true);
    expect(isStatusAdvance('bounced', 'delivered')).toBe(false);
    expect(receiptStatusOf('bounced')).toBe('failed');
    expect(receiptStatusOf('opened')).toBe('delivered');
  });

  it('builds the callback URL from the public base URL', () => {
    expect(callbackUrlOf('https://p.example/', 'abc')).toBe('https://p.example/api/messaging/callbacks/abc');
  });
});
