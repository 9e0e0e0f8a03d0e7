import type { Database, EntityManager } from '@platform/sdk';
import type { CreditLedger, CreditAccountView } from './credit-ledger.ts';
import type { CreditMovement } from './credit-movement.ts';
import { DEFAULT_LOW_BALANCE_THRESHOLD } from './low-balance.ts';

export interface DepositInput {
  kind: 'purchase' | 'top_up' | 'grant';
  amount: number;
  expiresAt?: Date | null;
  reason?: string | null;
  idempotencyKey?: string | null;
  actorId?: string | null;
  actorLabel: string;
  details?: Record<string, unknown> | null;
}

export interface DepositResult {
  /** False when the idempotency key was already in the ledger: `movement` is the first one, nothing was written. */
  created: boolean;
  movement: CreditMovement;
  balance: number;
}

/** Credits coming in (purchases, admin top-ups, plan grants), each in its own transaction on the tenant's rows. */
export class CreditDeposits {
  constructor(private readonly db: Database, private readonly ledger: CreditLedger) {}

  /**
   * Appends the deposit; `within` runs in the same transaction after it (e.g. the audit entry), so a
   * failure there leaves nothing written.
   */
  async deposit(tenantId: string, input: DepositInput, within?: (em: EntityManager, result: DepositResult) => Promise<void>): Promise<DepositResult> {
    return this.db.forTenant(tenantId).transactional(async (em) => {
      const account = await this.ledger.lockAccount(em, tenantId);
      const movement = await this.ledger.append(em, account, {
        kind: input.kind, amount: input.amount, expiresAt: input.expiresAt ?? null, reason: input.reason ?? null,
        idempotencyKey: input.idempotencyKey ?? null, actorId: input.actorId ?? null, actorLabel: input.actorLabel, details: input.details ?? null,
      });
      if (!movement) {
        const first = await this.ledger.byKey(em, tenantId, input.idempotencyKey!);
        return { created: false, movement: first!, balance: account.balance };
      }
      const result = { created: true, movement, balance: account.balance };
      if (within) await within(em, result);
      return result;
    });
  }

  /** Sets (or with null clears) the tenant's low-balance threshold; a crossing it causes is announced. */
  async setThreshold(tenantId: string, threshold: number | null, within?: (em: EntityManager, before: number | null) => Promise<void>): Promise<CreditAccountView> {
    return this.db.forTenant(tenantId).transactional(async (em) => {
      const account = await this.ledger.lockAccount(em, tenantId);
      const before = account.customThreshold;
      account.customThreshold = threshold;
      account.threshold = threshold ?? DEFAULT_LOW_BALANCE_THRESHOLD;
      await this.ledger.settleAccount(em, account, null);
      if (within) await within(em, before);
      return this.ledger.account(em, tenantId);
    });
  }
}
