import type { Database, EntityManager, ProblemError } from '@platform/sdk';
import type { CreditReservations } from '../credits/credit-reservations.ts';
import type { MessageStore, NewMessage, SentRecord } from '../messages/message-store.ts';
import { GroupedStatement } from '../grouped-statement.ts';

interface QueuedCharge {
  row: NewMessage;
  at: string;
  tenantId: string;
  credits: number;
}

interface SentCharge {
  record: SentRecord;
  tenantId: string;
  /** What the provider counted, when it did. */
  segments?: number;
}

/** Tenants in a fixed order (their account rows are locked in it: two groups never wait for each other in a cycle). */
function byTenant<T extends { tenantId: string }>(items: T[]): Array<[string, T[]]> {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(item.tenantId, [...(groups.get(item.tenantId) ?? []), item]);
  return [...groups].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * The sender's two writes of a charged (SMS, tenant) message, each committing the message change and its credit
 * movement together: recording it `queued` with its reservation, and recording the provider's acceptance with the
 * consumption. With a ledger that takes several messages at once (`reserveMany`, `consumeMany`), concurrent sends
 * share one transaction per write (see GroupedStatement): a tenant's account row is locked once per group instead
 * of once per message, which is what bounds a busy tenant's sending rate. Otherwise, a transaction per message.
 */
export class ChargedWrites {
  private readonly queued: GroupedStatement<QueuedCharge, ProblemError | boolean>;
  private readonly sent: GroupedStatement<SentCharge, void>;

  constructor(
    private readonly db: Database,
    private readonly messages: MessageStore,
    private readonly credits: CreditReservations,
  ) {
    this.queued = new GroupedStatement((charges) => this.db.system().transactional((em) => this.queueAndReserveAll(em, charges)));
    this.sent = new GroupedStatement<SentCharge, void>(async (charges) => {
      await this.db.system().transactional((em) => this.recordAndConsumeAll(em, charges));
      return charges.map((): void => undefined);
    });
  }

  /** Records the message `queued` and reserves its credits; false when its idempotency key was taken; throws 402 when the balance is short. */
  async queueAndReserve(row: NewMessage, at: string, tenantId: string, credits: number): Promise<boolean> {
    if (!this.credits.reserveMany) {
      return this.db.system().transactional(async (em) => {
        if (!(await this.messages.insertQueued(em, row, at))) return false;
        await this.credits.reserve(em, tenantId, credits, row.id);
        return true;
      });
    }
    const outcome = await this.queued.run({ row, at, tenantId, credits });
    if (typeof outcome !== 'boolean') throw outcome;
    return outcome;
  }

  /** Records the provider's acceptance and consumes the reservation (with the provider's count when it gave one). */
  async recordAndConsume(record: SentRecord, tenantId: string, segments?: number): Promise<void> {
    if (!this.credits.consumeMany) {
      await this.db.system().transactional(async (em) => {
        await this.messages.recordSent(em, record.id, record.attempt, record.s, record.at);
        await this.credits.consume(em, tenantId, record.id, segments);
      });
      return;
    }
    await this.sent.run({ record, tenantId, segments });
  }

  private async queueAndReserveAll(em: EntityManager, charges: QueuedCharge[]): Promise<Array<ProblemError | boolean>> {
    const inserted = await this.messages.insertQueuedMany(charges.map((c) => ({ m: c.row, at: c.at, source: 'send' })), em);
    const refused = new Map<string, ProblemError>();
    for (const [tenantId, mine] of byTenant(charges.filter((c) => inserted.has(c.row.id)))) {
      for (const [id, problem] of await this.credits.reserveMany!(em, tenantId, mine.map((c) => ({ amount: c.credits, messageId: c.row.id })))) refused.set(id, problem);
    }
    // Refused: the message goes too, as if never recorded (nothing sent, nothing charged).
    await this.messages.deleteQueued(em, [...refused.keys()]);
    return charges.map((c) => refused.get(c.row.id) ?? inserted.has(c.row.id));
  }

  private async recordAndConsumeAll(em: EntityManager, charges: SentCharge[]): Promise<void> {
    await this.messages.recordSentMany(charges.map((c) => c.record), em);
    for (const [tenantId, mine] of byTenant(charges)) await this.credits.consumeMany!(em, tenantId, mine.map((c) => ({ messageId: c.record.id, amount: c.segments })));
  }
}
