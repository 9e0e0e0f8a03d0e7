import { AsyncLocalStorage } from 'node:async_hooks';
import type { EventSubscriber, TransactionEventArgs } from '@mikro-orm/core';
import { ProblemError } from '@platform/sdk';
import type { IdempotencyClaim, IdempotentAnswerStore } from './answer-store.ts';

/** One keyed mutation while its route runs. */
export interface IdempotentAttempt extends IdempotencyClaim {
  /** The transaction that holds this attempt's row, until it commits or rolls back. */
  markerTransaction: object | null;
  /** A transaction with the row was sent to commit (whether the commit arrived may be unknown). */
  markerAttempted: boolean;
  /** That transaction committed. */
  committed: boolean;
  /** Another attempt with the key committed first: this one's work was rolled back. */
  lostRace: boolean;
  /** The answer is on its way out; transactions from now on are not the route's. */
  finished: boolean;
}

/** The keyed mutation the running code serves (set around the route handler). */
export const currentAttempt = new AsyncLocalStorage<IdempotentAttempt>();

export function idempotencyInProgress(): ProblemError {
  return new ProblemError(409, 'idempotency_in_progress', 'A request with this Idempotency-Key is being processed; retry once it has answered', { field: 'Idempotency-Key' });
}

/**
 * Makes "this key's work is done" part of the work itself: the first transaction a keyed request commits
 * through the ORM also inserts the key's row. The row exists exactly when that write does, whatever happens
 * to the answer afterwards (a crash, a lost connection, the database stopping). A second attempt whose
 * transaction finds the row (or waits on it, when concurrent) is rolled back and answered 409.
 */
export class IdempotencyCommitMarker implements EventSubscriber {
  constructor(private readonly store: IdempotentAnswerStore) {}

  async beforeTransactionCommit({ transaction }: TransactionEventArgs): Promise<void> {
    const attempt = currentAttempt.getStore();
    if (!attempt || !transaction || attempt.finished || attempt.committed || attempt.markerTransaction) return;
    attempt.markerTransaction = transaction as object;
    attempt.markerAttempted = true;
    let claimed: boolean;
    try {
      claimed = await this.store.markCommitted(transaction, attempt);
    } catch (err) {
      attempt.markerTransaction = null;
      throw err;
    }
    if (!claimed) {
      attempt.markerTransaction = null;
      attempt.lostRace = true;
      throw idempotencyInProgress();
    }
  }

  afterTransactionCommit({ transaction }: TransactionEventArgs): void {
    const attempt = currentAttempt.getStore();
    if (!attempt || !transaction || attempt.markerTransaction !== transaction) return;
    attempt.markerTransaction = null;
    attempt.committed = true;
  }

  afterTransactionRollback({ transaction }: TransactionEventArgs): void {
    const attempt = currentAttempt.getStore();
    if (attempt && transaction && attempt.markerTransaction === transaction) attempt.markerTransaction = null;
  }
}
