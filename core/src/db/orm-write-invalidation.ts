import type { EventSubscriber, FlushEventArgs, TransactionEventArgs } from '@mikro-orm/core';

/**
 * Tells the read cache which tables an ORM flush wrote, as soon as the write is committed on this
 * instance: at once after a flush that committed on its own, or when the surrounding transaction
 * commits. The tables' triggers tell every instance too, but a moment later (NOTIFY); this closes that
 * moment for writes made through the ORM on the writing instance.
 */
export class OrmWriteInvalidation implements EventSubscriber {
  private readonly pending = new WeakMap<object, Set<string>>();

  constructor(private readonly onCommitted: (tables: Iterable<string>) => void) {}

  afterFlush({ em, uow }: FlushEventArgs): void {
    const tables = new Set<string>();
    for (const cs of uow.getChangeSets()) if (cs.meta.tableName) tables.add(cs.meta.tableName);
    if (!tables.size) return;
    const trx = em.isInTransaction() ? (em.getTransactionContext() as object | undefined) : undefined;
    if (!trx) return this.onCommitted(tables);
    let waiting = this.pending.get(trx);
    if (!waiting) this.pending.set(trx, (waiting = new Set()));
    for (const t of tables) waiting.add(t);
  }

  afterTransactionCommit({ transaction }: TransactionEventArgs): void {
    const waiting = transaction ? this.pending.get(transaction as object) : undefined;
    if (!waiting) return;
    this.pending.delete(transaction as object);
    this.onCommitted(waiting);
  }

  afterTransactionRollback({ transaction }: TransactionEventArgs): void {
    if (transaction) this.pending.delete(transaction as object);
  }
}
