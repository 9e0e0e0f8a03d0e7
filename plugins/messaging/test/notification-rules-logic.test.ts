import { describe, expect, it } from 'vitest';
import { ProblemError } from '@platform/sdk';
import { eventPatternProblem, matchesEventPattern } from '../src/notifications/event-pattern.ts';
import { checkRuleInput, type NotificationRule, type NotificationRuleInput } from '../src/notifications/notification-rule.ts';
import { recipientsAtPath } from '../src/notifications/payload-path.ts';
import { isE164 } from '../src/notifications/recipient-address.ts';
import { notificationTargets } from '../src/notifications/notification-targets.ts';

const input = (over: Partial<NotificationRuleInput> = {}): NotificationRuleInput => ({
  name: 'Welcome',
  eventPattern: 'tenant.created',
  channel: 'sms',
  templateKey: 'welcome',
  recipients: ['+447911123456'],
  recipientPaths: [],
  enabled: true,
  ...over,
});

const fieldOf = (fn: () => unknown): string | undefined => {
  try {
    fn();
  } catch (err) {
    if (err instanceof ProblemError) return `${err.status} ${err.field}`;
    throw err;
  }
  return undefined;
};

const rule = (over: Partial<NotificationRule>): NotificationRule => ({
  id: '00000000-0000-4000-8000-000000000001',
  tenantId: 'tenant-a',
  name: 'r',
  eventPattern: 'order.*',
  channel: 'email',
  templateKey: 't',
  recipients: [],
  recipientPaths: [],
  enabled: true,
  createdAt: '',
  updatedAt: '',
  ...over,
});

describe('notification rule logic', () => {
  it('matches event names with the kernel meaning of * (one segment) and ** (any)', () => {
    expect(matchesEventPattern('tenant.created', 'tenant.created')).toBe(true);
    expect(matchesEventPattern('tenant.*', 'tenant.created')).toBe(true);
    expect(matchesEventPattern('tenant.*', 'tenant.a.b')).toBe(false);
    expect(matchesEventPattern('alert.**', 'alert.fired')).toBe(true);
    expect(matchesEventPattern('**', 'anything.at.all')).toBe(true);
    expect(matchesEventPattern('tenant.created', 'tenant.deleted')).toBe(false);
    expect(eventPatternProblem('tenant..created')).not.toBeNull();
    expect(eventPatternProblem('tenant.cre ated')).not.toBeNull();
    expect(eventPatternProblem('alerts.*')).toBeNull();
  });

  it('accepts E.164 numbers only (libphonenumber-js), not national forms or invalid numbers', () => {
    expect(isE164('+447911123456')).toBe(true);
    expect(isE164('+14155552671')).toBe(true);
    expect(isE164('07700900123')).toBe(false);
    expect(isE164('+44 7700 900123')).toBe(false);
    expect(isE164('+999123')).toBe(false);
  });

  it('refuses bad input with 400 naming the field', () => {
    expect(fieldOf(() => checkRuleInput(input({ recipients: ['+447911123456', '07700900123'] })))).toBe('400 recipients[1]');
    expect(fieldOf(() => checkRuleInput(input({ channel: 'email', recipients: ['ops@example.com', 'not-an-email'] })))).toBe('400 recipients[1]');
    expect(fieldOf(() => checkRuleInput(input({ recipients: [], recipientPaths: ['owner.email'] })))).toBe('400 recipientPaths[0]');
    expect(fieldOf(() => checkRuleInput(input({ recipients: [], recipientPaths: [] })))).toBe('400 recipients');
    expect(fieldOf(() => checkRuleInput(input({ eventPattern: 'a..b' })))).toBe('400 eventPattern');
    expect(fieldOf(() => checkRuleInput(input({ templateKey: 'Has Spaces' })))).toBe('400 templateKey');
    expect(checkRuleInput(input({ recipients: [' +447911123456', '+447911123456'] })).recipients).toEqual(['+447911123456']);
  });

  it('reads recipients from payload paths: a string or an array of strings, nothing else', () => {
    const payload = { email: 'a@example.com', owner: { phones: ['+447911123456', 3, ''] }, n: 5 };
    expect(recipientsAtPath(payload, 'payload.email')).toEqual(['a@example.com']);
    expect(recipientsAtPath(payload, 'payload.owner.phones')).toEqual(['+447911123456']);
    expect(recipientsAtPath(payload, 'payload.n')).toEqual([]);
    expect(recipientsAtPath(payload, 'payload.missing.deep')).toEqual([]);
    expect(recipientsAtPath(payload, 'payload.toString')).toEqual([]);
  });

  it('targets each (rule, recipient) once, only for the event tenant and platform rules, with a stable idempotency key', () => {
    const event = { id: '42', name: 'order.paid', payload: { tenantId: 'tenant-a', email: 'buyer@example.com' } };
    const own = rule({ id: 'r-own', recipients: ['ops@example.com'], recipientPaths: ['payload.email', 'payload.cc'] });
    const other = rule({ id: 'r-other', tenantId: 'tenant-b', recipients: ['b@example.com'] });
    const platform = rule({ id: 'r-platform', tenantId: null, eventPattern: 'order.**', recipients: ['noc@example.com', 'noc@example.com'] });
    const disabled = rule({ id: 'r-off', enabled: false, recipients: ['x@example.com'] });
    const unmatched = rule({ id: 'r-unmatched', eventPattern: 'order.refunded', recipients: ['y@example.com'] });
    const { targets, missing } = notificationTargets(event, [own, other, platform, disabled, unmatched]);
    expect(targets.map((t) => `${t.rule.id}:${t.recipient}`)).toEqual(['r-own:ops@example.com', 'r-own:buyer@example.com', 'r-platform:noc@example.com']);
    expect(targets[1]!.idempotencyKey).toBe('notif:42:r-own:buyer@example.com');
    expect(missing.map((m) => `${m.rule.id}:${m.path}`)).toEqual(['r-own:payload.cc']);
  });
});
