import { randomUUID } from 'node:crypto';
import { ProblemError, type PluginContext } from '@platform/sdk';
import {
  attemptProviderSend,
  ProviderError,
  type EmailAddress,
  type EmailMessage,
  type MessageReceipt,
  type MessageSender,
  type ProviderAttempt,
  type ProviderSendResult,
  type SendMessageRequest,
  type SmsMessage,
} from '@platform/sdk/messaging';
import type { CreditReservations } from '../credits/credit-reservations.ts';
import type { TemplateRenderer } from '../templates/template-renderer.ts';
import type { ProviderCatalog } from '../providers/provider-catalog.ts';
import type { StoredProviderConfig } from '../providers/provider-config-store.ts';
import type { SendingOrderCache } from '../providers/sending-order-cache.ts';
import type { MessageRecord, MessageStore, NewMessage } from '../messages/message-store.ts';
import { receiptStatusOf } from '../messages/delivery-status.ts';
import { callbackUrlOf } from '../callbacks/callback-url.ts';
import type { DeliveryUpdates } from '../callbacks/delivery-updates.ts';
import { checkEmailAddress, checkEmailRecipients, checkPhoneNumber } from './recipient-validation.ts';
import { resolveContent, type MessageContent } from './message-content.ts';
import { ChargedWrites } from './charged-writes.ts';

export interface MessageSenderDeps {
  ctx: PluginContext;
  catalog: ProviderCatalog;
  /** Provider orders (cached; changes through their routes drop them). */
  orders: Pick<SendingOrderCache, 'sendingOrder'>;
  messages: MessageStore;
  /** The SMS credit ledger; null: SMS is not charged (no ledger installed). */
  credits: CreditReservations | null;
  /** Templates; null: only direct content can be sent. */
  templates: TemplateRenderer | null;
  /** Callbacks that beat the provider's answer wait here until the send is recorded. */
  updates: DeliveryUpdates;
  clock: () => number;
  /** A message queued for longer than this is resumed by the sweep (default 5 minutes: far beyond one send with failover). */
  staleAfterMs?: number;
  /** How long a resume holds a message before another may take it (default 5 minutes). */
  resumeLeaseMs?: number;
}

const DEFAULT_STALE_AFTER_MS = 5 * 60_000;
const DEFAULT_RESUME_LEASE_MS = 5 * 60_000;

/** A send's outcome for the HTTP route: whether this call created the message or returned an earlier one (idempotency). */
export interface SendOutcome {
  receipt: MessageReceipt;
  created: boolean;
}

const MAX_KEY = 200;

/** A provider's reported cost as recorded: micros only when they are an integer (never a float in the ledger of costs). */
function recordedCost(cost: ProviderSendResult['cost']): { amountMinor: number; currency: string; amountMicros?: number } | null {
  if (!cost) return null;
  return { amountMinor: cost.amountMinor, currency: cost.currency, ...(Number.isSafeInteger(cost.amountMicros) ? { amountMicros: cost.amountMicros } : {}) };
}

export function receiptOf(m: MessageRecord): MessageReceipt {
  return { id: m.id, status: receiptStatusOf(m.status), channel: m.channel, providerConfigId: m.providerConfigId, providerMessageId: m.providerMessageId, error: m.error };
}

/**
 * The {@link MessageSender}: validates, resolves the content, records the message `queued` and reserves its
 * SMS credits in one transaction, then tries the tenant's provider configurations in priority order. Each
 * try is recorded on the message; `auth`, `unavailable` and `timeout` fail over to the next configuration,
 * `rejected` is final. Success consumes the credits; a final failure marks the message failed and refunds.
 */
export class PlatformMessageSender implements MessageSender {
  /** The writes of charged messages (message and credits together; grouped when the ledger allows). */
  private readonly charged: ChargedWrites | null;

  constructor(private readonly d: MessageSenderDeps) {
    this.charged = d.credits ? new ChargedWrites(d.ctx.db, d.messages, d.credits) : null;
  }

  async send(request: SendMessageRequest): Promise<MessageReceipt> {
    return (await this.sendWithOutcome(request)).receipt;
  }

  async sendWithOutcome(request: SendMessageRequest): Promise<SendOutcome> {
    const { d } = this;
    if (request.channel !== 'sms' && request.channel !== 'email') throw new ProblemError(400, 'validation_failed', '"channel" must be sms or email', { field: 'channel' });
    const tenantId = request.tenantId ?? null;
    const key = request.idempotencyKey;
    if (key !== undefined && (typeof key !== 'string' || !key || key.length > MAX_KEY))
      throw new ProblemError(400, 'validation_failed', `"idempotencyKey" must be 1 to ${MAX_KEY} characters`, { field: 'idempotencyKey' });

    let prepared: { id: string; row: NewMessage; order: StoredProviderConfig[]; credits: number; message: SmsMessage | EmailMessage };
    try {
      prepared = await this.prepare(request, tenantId, key ?? null);
    } catch (err) {
      // A repeat of a key that was sent answers with the first message, even if the request would now be refused.
      const earlier = key && err instanceof ProblemError ? await d.messages.findByIdempotencyKey(tenantId, key) : null;
      if (earlier) return { receipt: receiptOf(earlier), created: false };
      throw err;
    }
    const { id, row, order, credits, message } = prepared;

    // One statement when nothing is charged; with credits, the message and its reservation commit together
    // (402 insufficient_credits rolls the message back: nothing recorded, nothing sent).
    const at = this.now();
    const inserted =
      credits > 0
        ? await this.charged!.queueAndReserve(row, at, tenantId!, credits)
        : await d.messages.insertQueued(undefined, row, at);
    if (!inserted) {
      // The same idempotency key, sent before or concurrently: the first one's message.
      const earlier = await d.messages.findByIdempotencyKey(tenantId, key!);
      return { receipt: receiptOf(earlier!), created: false };
    }

    if (request.wait === false) {
      void this.deliver(id, tenantId, order, message, credits).catch((err) => d.ctx.logger.error({ err, messageId: id }, 'messaging: sending a queued message failed'));
      return { receipt: receiptOf((await d.messages.find(id))!), created: true };
    }
    return { receipt: await this.deliver(id, tenantId, order, message, credits), created: true };
  }

  /**
   * Everything that can be refused, refused before anything is written or sent: the addressing, the content
   * (direct or rendered), and the provider order (409 no_provider).
   */
  private async prepare(request: SendMessageRequest, tenantId: string | null, key: string | null) {
    const { d } = this;
    const addressing = this.checkAddressing(request);
    const content = await resolveContent(request, d.templates);
    const order = await this.providerOrder(tenantId, request.channel);
    if (!order.length)
      throw new ProblemError(409, 'no_provider', `No enabled ${request.channel} provider is assigned to ${tenantId ? 'this tenant' : 'the platform'} (nor as the platform default)`, { field: 'channel' });
    const id = randomUUID();
    const credits = content.channel === 'sms' && tenantId && d.credits ? content.segments : 0;
    const row: NewMessage = {
      id,
      tenantId,
      channel: request.channel,
      to: addressing.to,
      recipients: addressing.recipients,
      from: addressing.from,
      replyTo: addressing.replyTo,
      subject: content.channel === 'email' ? content.subject : null,
      body: content.channel === 'sms' ? content.body : content.text,
      html: content.channel === 'email' ? content.html : null,
      templateKey: content.template?.key ?? null,
      templateVersionId: content.template?.versionId ?? null,
      language: content.template?.language ?? null,
      purpose: typeof request.purpose === 'string' ? request.purpose.slice(0, 100) : null,
      segments: content.channel === 'sms' ? content.segments : 0,
      creditsReserved: credits,
      idempotencyKey: key,
    };
    return { id, row, order, credits, message: this.providerMessage(id, tenantId, addressing, content) };
  }

  /** The tenant's enabled configurations in priority order (its own assignment, else the platform default). */
  private providerOrder(tenantId: string | null, channel: 'sms' | 'email'): Promise<StoredProviderConfig[]> {
    return this.d.orders.sendingOrder(tenantId, channel);
  }

  /** Tries the configurations in order and records the outcome; returns the message's receipt as recorded. */
  private async deliver(id: string, tenantId: string | null, order: StoredProviderConfig[], message: SmsMessage | EmailMessage, credits: number, firstSeq = 0): Promise<MessageReceipt> {
    const { d } = this;
    let last: ProviderError | null = null;
    for (const [index, config] of order.entries()) {
      const seq = firstSeq + index;
      const provider = d.catalog.find(config.channel, config.providerId);
      const outcome: ProviderAttempt = provider
        ? await attemptProviderSend(provider, d.ctx.secrets.open(provider.configSchema, config.config), message, { idempotencyKey: id, callbackUrl: callbackUrlOf(d.ctx.kernel.baseUrl, config.id) })
        : { ok: false, error: new ProviderError('unavailable', `The ${config.channel} provider "${config.providerId}" is not installed`) };
      const at = this.now();
      if (outcome.ok) {
        const { result } = outcome;
        const sms = 'segments' in message ? message : null;
        const accepted = { status: result.status, providerConfigId: config.id, providerId: config.providerId, providerMessageId: result.providerMessageId, segments: sms ? (result.segments ?? sms.segments) : 0, cost: recordedCost(result.cost) };
        const attempt = { id: randomUUID(), seq };
        // The acceptance and the consumption of the reserved credits commit together; without credits, one statement.
        if (credits > 0) await this.charged!.recordAndConsume({ id, attempt, s: accepted, at }, tenantId!, sms && result.segments ? result.segments : undefined);
        else await d.messages.recordSent(undefined, id, attempt, accepted, at);
        const earlyUpdates = await d.updates.settleEarly(config.id, result.providerMessageId);
        // A callback that beat the provider's answer may have moved the status on: then read what was recorded.
        if (earlyUpdates > 0) return receiptOf((await d.messages.find(id))!);
        return { id, status: receiptStatusOf(result.status), channel: config.channel, providerConfigId: config.id, providerMessageId: result.providerMessageId, error: null };
      }
      last = outcome.error;
      await d.messages.addAttempt(randomUUID(), id, { seq, providerConfigId: config.id, providerId: config.providerId, outcome: last.kind, detail: last.message, httpStatus: last.status ?? null }, at);
      if (!last.failover) break;
    }
    const reason = last ? `${last.kind}: ${last.message}` : 'no provider';
    await d.ctx.db.system().transactional(async (em) => {
      const at = this.now();
      await d.messages.markFailed(em, id, reason.slice(0, 1000), at);
      await d.messages.addEvent(em, id, { status: 'failed', source: 'send', reason: reason.slice(0, 1000), providerAt: null }, at);
      if (credits > 0) await d.credits!.refund(em, tenantId!, id, last?.kind === 'rejected' ? 'provider_rejected' : 'send_failed');
    });
    return receiptOf((await d.messages.find(id))!);
  }

  // --- resuming a message a dead send left queued (notification worker, stale-message sweep) ---
  /**
   * Sends a message that an earlier call recorded `queued` and never finished (its process died between
   * recording the message and recording the provider's answer), through the tenant's current provider order,
   * with the same provider idempotency key as before (the message id): a provider that honours idempotency keys
   * does not send it twice; one that does not may (see the README's double-send window). Only for callers
   * that know the earlier send is dead: the notification worker calls it on a redelivered event, i.e. after
   * the outbox lease of the instance that made the first call lapsed. It takes the message's resume lease first
   * (see {@link resumeStale}): while someone else holds it, 409 `send_in_progress` (the worker retries the event
   * later). A message that is no longer queued, or that a provider already took, is returned as it is.
   */
  async resumeQueued(messageId: string): Promise<MessageReceipt> {
    const { d } = this;
    const m = await d.messages.find(messageId);
    if (!m) throw new ProblemError(404, 'not_found', 'Message not found');
    if (m.status !== 'queued' || m.providerMessageId) return receiptOf(m);
    if (!(await d.messages.claimQueued(m.id, this.now(), this.leaseUntil()))) {
      const now = (await d.messages.find(messageId))!;
      if (now.status !== 'queued' || now.providerMessageId) return receiptOf(now);
      throw new ProblemError(409, 'send_in_progress', 'This message is being resumed by another process');
    }
    return this.deliverQueued(m);
  }

  /**
   * The stale-message sweep: resumes up to `limit` messages left `queued` for longer than `staleAfterMs` (a send
   * that died, including `wait: false` sends of a process that stopped), each under a resume lease of
   * `resumeLeaseMs` taken in the claiming statement, so two instances (or a sweep and the notification worker)
   * never resume the same message at once. A resume that dies too lets its lease lapse; the next sweep takes the
   * message again. Same provider idempotency key every time (the message id). Returns how many it resumed.
   */
  async resumeStale(limit = 100): Promise<number> {
    const { d } = this;
    const staleBefore = new Date(d.clock() - (d.staleAfterMs ?? DEFAULT_STALE_AFTER_MS)).toISOString();
    const ids = await d.messages.claimStaleQueued(staleBefore, this.now(), this.leaseUntil(), limit);
    for (const id of ids) {
      const m = await d.messages.find(id);
      if (m && m.status === 'queued' && !m.providerMessageId) await this.deliverQueued(m);
    }
    return ids.length;
  }

  private leaseUntil(): string {
    return new Date(this.d.clock() + (this.d.resumeLeaseMs ?? DEFAULT_RESUME_LEASE_MS)).toISOString();
  }

  private async deliverQueued(m: MessageRecord): Promise<MessageReceipt> {
    const order = await this.providerOrder(m.tenantId, m.channel);
    const tried = await this.d.messages.attempts(m.id);
    const firstSeq = tried.reduce((max, a) => Math.max(max, a.seq + 1), 0);
    const message: SmsMessage | EmailMessage =
      m.channel === 'sms'
        ? { id: m.id, tenantId: m.tenantId, to: m.to, ...(typeof m.from === 'string' ? { from: m.from } : {}), body: m.body ?? '', segments: m.segments }
        : {
            id: m.id,
            tenantId: m.tenantId,
            to: m.recipients as EmailAddress[],
            ...(m.from ? { from: m.from as EmailAddress } : {}),
            ...(m.replyTo ? { replyTo: m.replyTo as EmailAddress } : {}),
            subject: m.subject ?? '',
            ...(m.html ? { html: m.html } : {}),
            text: m.body ?? '',
            tags: { message_id: m.id },
          };
    return this.deliver(m.id, m.tenantId, order, message, m.creditsReserved, firstSeq);
  }

  private checkAddressing(request: SendMessageRequest): { to: string; recipients: string[] | EmailAddress[]; from: unknown; replyTo: unknown } {
    if (request.channel === 'sms') {
      const to = checkPhoneNumber(request.to, 'to');
      if (request.from !== undefined && (typeof request.from !== 'string' || !/^(\+[1-9]\d{1,14}|[A-Za-z0-9 ]{1,11})$/.test(request.from)))
        throw new ProblemError(400, 'validation_failed', '"from" must be an E.164 number or an alphanumeric sender id of at most 11 characters', { field: 'from' });
      return { to, recipients: [to], from: request.from ?? null, replyTo: null };
    }
    const recipients = checkEmailRecipients(request.to, 'to');
    const from = request.from === undefined ? null : checkEmailAddress(request.from, 'from');
    const replyTo = request.replyTo === undefined ? null : checkEmailAddress(request.replyTo, 'replyTo');
    return { to: recipients[0].email, recipients, from, replyTo };
  }

  private providerMessage(id: string, tenantId: string | null, a: { recipients: string[] | EmailAddress[]; from: unknown; replyTo: unknown }, content: MessageContent): SmsMessage | EmailMessage {
    if (content.channel === 'sms') {
      return { id, tenantId, to: (a.recipients as string[])[0], ...(a.from ? { from: a.from as string } : {}), body: content.body, segments: content.segments };
    }
    return {
      id,
      tenantId,
      to: a.recipients as EmailAddress[],
      ...(a.from ? { from: a.from as EmailAddress } : {}),
      ...(a.replyTo ? { replyTo: a.replyTo as EmailAddress } : {}),
      subject: content.subject,
      ...(content.html ? { html: content.html } : {}),
      text: content.text,
      tags: { message_id: id },
    };
  }

  private now(): string {
    return new Date(this.d.clock()).toISOString();
  }
}
