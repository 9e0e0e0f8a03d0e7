import type { Database, EntityManager } from '@platform/sdk';
import type { SmsCreditGrant, SmsCreditGrantResult, SmsCreditGrants } from '@platform/sdk/messaging';
import type { CreditLedger } from './credit-ledger.ts';

/**
 * The {@link SmsCreditGrants} other plugins deposit purchased credits through: a `purchase` movement under
 * the tenant's account lock, once per idempotency key, in the caller's transaction when given one.
 */
export class LedgerCreditGrants implements SmsCreditGrants {
  constructor(private readonly db: Database, private readonly ledger: CreditLedger) {}

  async grant(tenantId: string, grant: SmsCreditGrant, em?: EntityManager): Promise<SmsCreditGrantResult> {
    if (!Number.isSafeInteger(grant.amount) || grant.amount <= 0) throw new RangeError(`credits granted must be a whole number > 0, not ${grant.amount}`);
    if (!grant.idempotencyKey) throw new RangeError('a credit grant needs an idempotency key');
    const work = async (tx: EntityManager): Promise<SmsCreditGrantResult> => {
      const account = await this.ledger.lockAccount(tx, tenantId);
      const movement = await this.ledger.append(tx, account, {
        kind: 'purchase', amount: grant.amount, expiresAt: grant.expiresAt ?? null, reason: grant.reason, idempotencyKey: grant.idempotencyKey,
        actorLabel: grant.actorLabel, details: grant.details ?? null,
      });
      if (movement) return { created: true, movementId: movement.id, balance: account.balance };
      const first = await this.ledger.byKey(tx, tenantId, grant.idempotencyKey);
      return { created: false, movementId: first!.id, balance: account.balance };
    };
    return em ? work(em) : this.db.forTenant(tenantId).transactional(work);
  }
}
