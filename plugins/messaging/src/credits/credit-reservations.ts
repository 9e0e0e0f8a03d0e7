import type { EntityManager } from '@platform/sdk';

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
