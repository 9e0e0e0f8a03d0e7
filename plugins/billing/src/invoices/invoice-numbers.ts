import { ProblemError, type EntityManager } from '@platform/sdk';
import type { Database } from '@platform/sdk';

export const DEFAULT_ISSUER = 'platform';

/**
 * Gapless invoice numbers per issuer. `lock` takes the issuer's counter row FOR UPDATE in the caller's
 * transaction: every writer of that issuer's invoices waits for it, so numbers are handed out in commit order,
 * and a rolled-back transaction gives its numbers back (the counter's update rolls back with the invoices).
 */
export class InvoiceNumbers {
  constructor(private readonly db: () => Database) {}

  async lock(em: EntityManager, issuer = DEFAULT_ISSUER): Promise<{ prefix: string; last: number }> {
    const [row] = await this.db().sql<{ prefix: string; last_number: string }>('SELECT prefix, last_number::text FROM billing_invoice_counters WHERE issuer = $1 FOR UPDATE', [issuer], em);
    if (!row) throw new ProblemError(400, 'validation_failed', `Unknown invoice issuer ${issuer}`, { field: 'issuer' });
    return { prefix: row.prefix, last: Number(row.last_number) };
  }

  /** Records the last number used (inside the transaction that took the lock). */
  async advance(em: EntityManager, issuer: string, last: number): Promise<void> {
    await this.db().sql('UPDATE billing_invoice_counters SET last_number = $2, updated_at = now() WHERE issuer = $1', [issuer, last], em);
  }
}

export function invoiceNumberOf(prefix: string, sequence: number): string {
  return `${prefix}-${String(sequence).padStart(6, '0')}`;
}
