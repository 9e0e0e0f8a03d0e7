import { ProblemError, type EntityManager } from '@platform/sdk';
import type { CreditLedger } from './credit-ledger.ts';
import { MAX_CREDIT_AMOUNT } from './credit-input.ts';

/** DI key of the messaging plugin's {@link CreditReservations} (sending in this plugin, or a test fixture). */
export const CREDIT_RESERVATIONS_SERVICE = 'messaging.credit-reservations';

/**
 * What sending needs from the SMS credit ledger (`src/credits/`). Every call takes the sender's entity
 * manager and runs inside its transaction, so a message row and its ledger movements commit together.
 */
export interface CreditReservations {
  /**
   * Appends a `reservation` of `amount` credits for message `messageId`, or throws a 402
   * `insufficient_credits` ProblemError when the balance (derived from the ledger) is smaller. Atomic
   * against concurrent reservations of the same tenant: the balance never goes negative.
   */
  reserve(em: EntityManager, tenantId: string, amount: number, messageId: string): Promise<void>;
  /** Turns the message's reservation into a `consumption` (with the final amount when the provider counted differently). */
  consume(em: EntityManager, tenantId: string, messageId: string, amount?: number): Promise<void>;
  /** Gives the message's reservation back with a `refund` (a provider rejection, a failed send). Idempotent. */
  refund(em: EntityManager, tenantId: string, messageId: string, reason: string): Promise<void>;
}

/** What the ledger writes as the actor of the movements sending makes. */
const SENDING_ACTOR = 'messaging';

function refuse(field: string, detail: string): never {
  throw new ProblemError(400, 'validation_failed', detail, { field });
}

function messageIdOf(messageId: unknown): string {
  if (typeof messageId !== 'string' || messageId.length < 1 || messageId.length > 200) refuse('messageId', 'messageId must be 1 to 200 characters');
  return messageId;
}

function wholeCredits(value: unknown, field: string, min: number): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min || value > MAX_CREDIT_AMOUNT)
    refuse(field, `"${field}" must be a whole number of credits from ${min} to ${MAX_CREDIT_AMOUNT}`);
  return value;
}

/**
 * {@link CreditReservations} on the ledger. A message's movements carry idempotency keys: `reserve:<id>`
 * for its reservation and `settle:<id>` for what ends it, either a consumption or a refund, never both, so
 * a repeated reserve, consume or refund writes nothing. A refund after a consumption is a no-op: the
 * provider took the message, the credits are spent.
 */
export class LedgerCreditReservations implements CreditReservations {
  constructor(private readonly ledger: CreditLedger) {}

  async reserve(em: EntityManager, tenantId: string, amount: number, messageId: string): Promise<void> {
    const credits = wholeCredits(amount, 'amount', 1);
    const id = messageIdOf(messageId);
    const account = await this.ledger.lockAccount(em, tenantId);
    if (await this.ledger.byKey(em, tenantId, `reserve:${id}`)) return;
    if (account.balance < credits) {
      throw new ProblemError(402, 'insufficient_credits', `This message needs ${credits} SMS credit${credits === 1 ? '' : 's'}; the balance is ${account.balance}.`, {
        extra: { balance: account.balance, requested: credits },
      });
    }
    await this.ledger.append(em, account, { kind: 'reservation', amount: -credits, messageId: id, idempotencyKey: `reserve:${id}`, actorLabel: SENDING_ACTOR });
  }

  async consume(em: EntityManager, tenantId: string, messageId: string, amount?: number): Promise<void> {
    const id = messageIdOf(messageId);
    const account = await this.ledger.lockAccount(em, tenantId);
    const reservation = await this.ledger.byKey(em, tenantId, `reserve:${id}`);
    if (!reservation) throw new ProblemError(409, 'not_reserved', `Message ${id} has no credit reservation to consume`, { field: 'messageId' });
    if (await this.ledger.byKey(em, tenantId, `settle:${id}`)) return;
    const reserved = -reservation.amount;
    const final = amount === undefined ? reserved : wholeCredits(amount, 'amount', 0);
    // More segments than reserved: charge what the balance holds; the balance never goes below 0.
    const extra = Math.max(0, final - reserved);
    const charged = Math.min(extra, account.balance);
    await this.ledger.append(em, account, {
      kind: 'consumption', amount: -charged, messageId: id, idempotencyKey: `settle:${id}`, actorLabel: SENDING_ACTOR,
      details: { reserved, final, ...(extra > charged ? { uncovered: extra - charged } : {}) },
    });
    if (final < reserved) {
      await this.ledger.append(em, account, {
        kind: 'refund', amount: reserved - final, messageId: id, idempotencyKey: `settle-rest:${id}`, actorLabel: SENDING_ACTOR,
        reason: `the provider counted ${final} of ${reserved} reserved credits`,
      });
    }
  }

  async refund(em: EntityManager, tenantId: string, messageId: string, reason: string): Promise<void> {
    const id = messageIdOf(messageId);
    const account = await this.ledger.lockAccount(em, tenantId);
    const reservation = await this.ledger.byKey(em, tenantId, `reserve:${id}`);
    if (!reservation) return;
    await this.ledger.append(em, account, {
      kind: 'refund', amount: -reservation.amount, messageId: id, idempotencyKey: `settle:${id}`, actorLabel: SENDING_ACTOR, reason: String(reason).slice(0, 500),
    });
  }
}
