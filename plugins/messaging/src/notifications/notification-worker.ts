import type { Logger, TenantDirectory, TenantInfo } from '@platform/sdk';
import type { MessageReceipt, MessageSender, SendMessageRequest } from '@platform/sdk/messaging';
import type { NotificationDeliveryStore, DeliveryOutcome } from './notification-delivery-store.ts';
import type { NotificationRule } from './notification-rule.ts';
import { eventTenantId, notificationTargets, type NotificationEvent, type NotificationTarget } from './notification-targets.ts';

/** Durable subscriber id of the worker (stable: the outbox keys deliveries by it). */
export const NOTIFICATION_SUBSCRIBER = 'messaging.notifications';

/**
 * The worker subscribes to every durable event (`**`): the kernel writes a subscriber's delivery rows when an
 * event is emitted, for the patterns known then, so subscribing to the rules' patterns would miss events of a
 * rule added at runtime (or on another instance). With `**`, a rule applies from the next event on, everywhere;
 * the price is a look-up of the enabled rules per durable event (cached per tenant, dropped on every rule change).
 */
export const NOTIFICATION_PATTERN = '**';

/** Answers that will be the same however often the send is retried: final for that recipient. */
const FINAL_STATUSES = new Set([400, 402, 404, 413, 422]);

interface ProblemLike {
  status: number;
  code: string;
  message: string;
  field?: string;
}

function isProblem(err: unknown): err is ProblemLike {
  return !!err && typeof err === 'object' && typeof (err as ProblemLike).status === 'number' && typeof (err as ProblemLike).code === 'string';
}

/** The sender's way to finish a message a dead send left `queued` (see PlatformMessageSender.resumeQueued). */
export interface QueuedMessageResumer {
  resumeQueued(messageId: string): Promise<MessageReceipt>;
}

export interface NotificationWorkerDeps {
  /** The enabled rules that may apply to an event of a tenant (cached: see EnabledRuleCache). */
  rules: { enabledFor(tenantId: string | null): Promise<NotificationRule[]> };
  deliveries: NotificationDeliveryStore;
  tenants: TenantDirectory;
  /** Resolved when the first notification is sent (the sender is provided by the same plugin). */
  sender: () => MessageSender;
  /** Finishes a message an earlier, dead send left queued (same provider idempotency key). */
  resumer: QueuedMessageResumer;
  logger: Pick<Logger, 'warn' | 'info'>;
  /** Recipients of one event sent at the same time (default 8). */
  concurrency?: number;
}

function templateData(event: NotificationEvent, tenant: TenantInfo | null): Record<string, unknown> {
  return {
    event: { id: event.id, name: event.name },
    payload: event.payload ?? null,
    tenant: tenant ? { id: tenant.id, slug: tenant.slug, name: tenant.name, locale: tenant.locale, primaryDomain: tenant.primaryDomain } : null,
  };
}

function sendRequest(target: NotificationTarget, data: Record<string, unknown>): SendMessageRequest {
  const common = { tenantId: target.rule.tenantId, template: target.rule.templateKey, data, idempotencyKey: target.idempotencyKey, purpose: 'notification', wait: true };
  return target.rule.channel === 'sms' ? { channel: 'sms', to: target.recipient, ...common } : { channel: 'email', to: target.recipient, ...common };
}

/**
 * Handles one durable event: for each enabled rule that matches it (the event tenant's rules and the
 * platform's) and each of its recipients, records a delivery row and sends with the idempotency key
 * `notif:<event>:<rule>:<recipient>`. A row already `sent` or `failed` is skipped, so a redelivered event
 * (retry, another instance after a crash) sends only what is still pending, and the key makes the sender
 * return the first message for a send that happened but was not recorded. A refusal that would repeat
 * (400 bad recipient or template data, 402 insufficient_credits, 404 unknown template) is final for that
 * recipient. Any other failure leaves its row pending and throws at the end, so the kernel retries the
 * event with backoff and dead-letters it after its last attempt.
 */
export function createNotificationWorker(deps: NotificationWorkerDeps) {
  return async (payload: unknown, meta: { name: string; id?: string }): Promise<void> => {
    if (!meta.id) return; // only durable deliveries carry an outbox id; the worker never runs for in-process emits
    const event: NotificationEvent = { id: meta.id, name: meta.name, payload };
    const tenantId = eventTenantId(payload);
    const rules = await deps.rules.enabledFor(tenantId);
    const { targets, missing } = notificationTargets(event, rules);
    if (!targets.length && !missing.length) return;

    const tenant = tenantId ? await deps.tenants.get(tenantId) : null;
    const data = templateData(event, tenant);
    let retryable: unknown = null;
    let retryableCount = 0;

    // One statement starts every delivery of the event (a row already final is left alone: not sent again) ...
    const startedKeys = await deps.deliveries.beginMany(event.id, event.name, [
      ...missing.map(({ rule, path }) => ({ ruleId: rule.id, recipient: path, tenantId: rule.tenantId, channel: rule.channel, idempotencyKey: `notif:${event.id}:${rule.id}:${path}` })),
      ...targets.map((t) => ({ ruleId: t.rule.id, recipient: t.recipient, tenantId: t.rule.tenantId, channel: t.rule.channel, idempotencyKey: t.idempotencyKey })),
    ]);
    const started = (ruleId: string, recipient: string) => startedKeys.has(`${ruleId} ${recipient}`);
    // ... and one records their outcomes at the end. A crash in between leaves them pending: the redelivery
    // sends each again with its idempotency key, which returns the message already recorded.
    const outcomes: Array<{ ruleId: string; recipient: string; outcome: DeliveryOutcome }> = missing
      .filter(({ rule, path }) => started(rule.id, path))
      .map(({ rule, path }) => ({ ruleId: rule.id, recipient: path, outcome: { status: 'failed', errorCode: 'recipient_missing', error: `${path} names no recipient in this event` } }));
    const toSend = targets.filter((t) => started(t.rule.id, t.recipient));

    const sendOne = async (target: NotificationTarget): Promise<void> => {
      let outcome: DeliveryOutcome;
      try {
        let receipt = await deps.sender().send(sendRequest(target, data));
        // Queued with no provider id after a synchronous send: the key returned the message of an earlier call
        // that died before recording the provider's answer (this is a redelivery). Finish that message.
        if (receipt.status === 'queued' && !receipt.providerMessageId) receipt = await deps.resumer.resumeQueued(receipt.id);
        outcome =
          receipt.status === 'failed'
            ? { status: 'failed', messageId: receipt.id, messageStatus: receipt.status, errorCode: 'send_failed', error: receipt.error }
            : { status: 'sent', messageId: receipt.id, messageStatus: receipt.status };
      } catch (err) {
        if (isProblem(err) && FINAL_STATUSES.has(err.status)) {
          outcome = { status: 'failed', errorCode: err.code, error: err.field ? `${err.field}: ${err.message}` : err.message };
        } else {
          retryable ??= err;
          retryableCount += 1;
          outcome = { status: 'pending', errorCode: isProblem(err) ? err.code : 'send_error', error: err instanceof Error ? err.message : String(err) };
        }
      }
      outcomes.push({ ruleId: target.rule.id, recipient: target.recipient, outcome });
    };
    // The recipients of one event are independent: up to `concurrency` are sent at a time.
    let next = 0;
    const lane = async () => {
      while (next < toSend.length) await sendOne(toSend[next++]!);
    };
    // Every lane ends before the handler does (a retry must not overlap sends still running).
    const lanes = await Promise.allSettled(Array.from({ length: Math.min(deps.concurrency ?? 8, toSend.length) }, lane));
    await deps.deliveries.finishMany(event.id, outcomes);
    const broken = lanes.find((l): l is PromiseRejectedResult => l.status === 'rejected');
    if (broken) throw broken.reason;

    if (retryable) {
      const reason = retryable instanceof Error ? retryable.message : String(retryable);
      deps.logger.warn({ eventId: event.id, event: event.name, pending: retryableCount }, 'notifications left pending; the event will be retried');
      throw new Error(`${retryableCount} notification(s) of event ${event.id} could not be sent: ${reason}`);
    }
  };
}
