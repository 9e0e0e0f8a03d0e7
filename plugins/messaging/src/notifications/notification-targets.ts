import { matchesEventPattern } from './event-pattern.ts';
import type { NotificationRule } from './notification-rule.ts';
import { recipientsAtPath } from './payload-path.ts';

/** A durable event as the worker receives it: the outbox id (stable across redeliveries), its name and payload. */
export interface NotificationEvent {
  id: string;
  name: string;
  payload: unknown;
}

/** One message to send: a rule and one of its recipients, with the key that makes it send once, ever. */
export interface NotificationTarget {
  rule: NotificationRule;
  recipient: string;
  idempotencyKey: string;
}

/** The tenant an event belongs to: its payload's `tenantId`, when it is a string. */
export function eventTenantId(payload: unknown): string | null {
  if (!payload || typeof payload !== 'object') return null;
  const id = (payload as Record<string, unknown>).tenantId;
  return typeof id === 'string' && id !== '' ? id : null;
}

/** `notif:<event id>:<rule id>:<recipient>`: the same on every redelivery of the event, on any instance. */
export function notificationIdempotencyKey(eventId: string, ruleId: string, recipient: string): string {
  return `notif:${eventId}:${ruleId}:${recipient}`;
}

/** Whether `rule` applies to `event`: enabled, its pattern matches, and it is the platform's or the event tenant's. */
export function ruleApplies(rule: NotificationRule, event: NotificationEvent): boolean {
  if (!rule.enabled || !matchesEventPattern(rule.eventPattern, event.name)) return false;
  return rule.tenantId === null || rule.tenantId === eventTenantId(event.payload);
}

/**
 * Every (rule, recipient) an event gives: the rule's explicit recipients, then those its payload paths name,
 * each once per rule. `missing` lists the payload paths that named nobody in this event.
 */
export function notificationTargets(event: NotificationEvent, rules: readonly NotificationRule[]): { targets: NotificationTarget[]; missing: Array<{ rule: NotificationRule; path: string }> } {
  const targets: NotificationTarget[] = [];
  const missing: Array<{ rule: NotificationRule; path: string }> = [];
  for (const rule of rules) {
    if (!ruleApplies(rule, event)) continue;
    const recipients = new Set(rule.recipients);
    for (const path of rule.recipientPaths) {
      const found = recipientsAtPath(event.payload, path);
      if (!found.length) missing.push({ rule, path });
      for (const r of found) recipients.add(r);
    }
    for (const recipient of recipients) targets.push({ rule, recipient, idempotencyKey: notificationIdempotencyKey(event.id, rule.id, recipient) });
  }
  return { targets, missing };
}
