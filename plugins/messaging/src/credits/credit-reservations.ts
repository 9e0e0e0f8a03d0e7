import { ProblemError, type EntityManager } from '@platform/sdk';
import type { CreditLedger, NewMovement } from './credit-ledger.ts';
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
  /**
   * Optional, for sends that go together (the sender groups concurrent ones): {@link reserve} for several messages
   * of one tenant, in their order, taking the account lock once and writing in one statement. Returns the 402
   * `insufficient_credits` of each message refused (nothing written for it); the others are reserved.
   */
  reserveMany?(em: EntityManager, tenantId: string, requests: Array<{ amount: number; messageId: string }>): Promise<Map<string, ProblemError>>;
  /** Optional: {@link consume} for several messages of one tenant, taking the account lock once and writing in one statement. */
  consumeMany?(em: EntityManager, tenantId: string, settles: Array<{ messageId: string; amount?: number }>): Promise<void>;
}

function insufficientCredits(credits: number, balance: number): ProblemError {
  return new ProblemError(402, 'insufficient_credits', `This message needs ${credits} SMS credit${credits === 1 ? '' : 's'}; the balance is ${balance}.`, {
    extra: { balance, requested: credits },
  });
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
    if (account.balance < credits) throw insufficientCredits(credits, account.balance);
    await this.ledger.append(em, account, { kind: 'reservation', amount: -credits, messageId: id, idempotencyKey: `reserve:${id}`, actorLabel: SENDING_ACTOR });
  }

  async reserveMany(em: EntityManager, tenantId: string, requests: Array<{ amount: number; messageId: string }>): Promise<Map<string, ProblemError>> {
    const asked = requests.map((r) => ({ credits: wholeCredits(r.amount, 'amount', 1), id: messageIdOf(r.messageId) }));
    const refused = new Map<string, ProblemError>();
    if (!asked.length) return refused;
    const account = await this.ledger.lockAccount(em, tenantId);
    const done = await this.ledger.byKeys(em, tenantId, asked.map((a) => `reserve:${a.id}`));
    let balance = account.balance;
    const movements: NewMovement[] = [];
    for (const { credits, id } of asked) {
      if (done.has(`reserve:${id}`)) continue;
      if (balance < credits) {
        refused.set(id, insufficientCredits(credits, balance));
        continue;
      }
      balance -= credits;
      movements.push({ kind: 'reservation', amount: -credits, messageId: id, idempotencyKey: `reserve:${id}`, actorLabel: SENDING_ACTOR });
    }
    await this.ledger.appendMany(em, account, movements);
    return refused;
  }

  async consumeMany(em: EntityManager, tenantId: string, settles: Array<{ messageId: string; amount?: number }>): Promise<void> {
    const asked = settles.map((s) => ({ id: messageIdOf(s.messageId), amount: s.amount }));
    if (!asked.length) return;
    const account = await this.ledger.lockAccount(em, tenantId);
    const known = await this.ledger.byKeys(em, tenantId, asked.flatMap((a) => [`reserve:${a.id}`, `settle:${a.id}`]));
    let balance = account.balance;
    const movements: NewMovement[] = [];
    for (const { id, amount } of asked) {
      const reservation = known.get(`reserve:${id}`);
      if (!reservation) throw new ProblemError(409, 'not_reserved', `Message ${id} has no credit reservation to consume`, { field: 'messageId' });
      if (known.has(`settle:${id}`)) continue;
      const settled = this.settlement(id, -reservation.amount, amount, balance);
      balance += settled.reduce((sum, m) => sum + m.amount, 0);
      movements.push(...settled);
    }
    await this.ledger.appendMany(em, account, movements);
  }

  /** What ends a reservation of `reserved` credits when the provider counted `amount`: a consumption, and a refund of the rest. */
  private settlement(id: string, reserved: number, amount: number | undefined, balance: number): NewMovement[] {
    const final = amount === undefined ? reserved : wholeCredits(amount, 'amount', 0);
    // More segments than reserved: charge what the balance holds; the balance never goes below 0.
    const extra = Math.max(0, final - reserved);
    const charged = Math.min(extra, balance);
    const movements: NewMovement[] = [
      {
        kind: 'consumption', amount: -charged, messageId: id, idempotencyKey: `settle:${id}`, actorLabel: SENDING_ACTOR,
        details: { reserved, final, ...(extra > charged ? { uncovered: extra - charged } : {}) },
      },
    ];
    if (final < reserved) {
      movements.push({
        kind: 'refund', amount: reserved - final, messageId: id, idempotencyKey: `settle-rest:${id}`, actorLabel: SENDING_ACTOR,
        reason: `the provider counted ${final} of ${reserved} reserved credits`,
      });
    }
    return movements;
  }

  async consume(em: EntityManager, tenantId: string, messageId: string, amount?: number): Promise<void> {
    const id = messageIdOf(messageId);
    const account = await this.ledger.lockAccount(em, tenantId);
    const reservation = await this.ledger.byKey(em, tenantId, `reserve:${id}`);
    if (!reservation) throw new ProblemError(409, 'not_reserved', `Message ${id} has no credit reservation to consume`, { field: 'messageId' });
    if (await this.ledger.byKey(em, tenantId, `settle:${id}`)) return;
    for (const m of this.settlement(id, -reservation.amount, amount, account.balance)) await this.ledger.append(em, account, m);
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
