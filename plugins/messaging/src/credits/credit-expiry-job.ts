import type { Database, PluginContext } from '@platform/sdk';
import type { CreditLedger } from './credit-ledger.ts';
import { expiredCredits } from './credit-lots.ts';

/** What the expiry writes as the actor of its movements. */
const EXPIRY_ACTOR = 'messaging.credit-expiry';

/**
 * Tenants whose lots may hold expired credits: a lot expired since the last pass, or a refund since
 * then (it may have put credits back into a lot that had expired).
 */
async function tenantsToCheck(db: Database, now: Date): Promise<string[]> {
  const rows = await db.sql<{ tenant_id: string }>(
    `SELECT a.tenant_id FROM messaging_credit_accounts a
     WHERE EXISTS (SELECT 1 FROM messaging_credit_ledger l WHERE l.tenant_id = a.tenant_id AND l.expires_at <= $1
                   AND (l.expires_at > a.expiry_checked_at
                        OR EXISTS (SELECT 1 FROM messaging_credit_ledger r WHERE r.tenant_id = a.tenant_id AND r.kind = 'refund' AND r.at > a.expiry_checked_at)))`,
    [now.toISOString()],
  );
  return rows.map((r) => r.tenant_id);
}

/**
 * Appends an `expiry` for each lot (purchase, top-up or grant with an expiry date) past its date that
 * still holds credits, as the lot replay counts them (see `replayLots`: spending draws from the lots
 * expiring first). Per tenant, one transaction under the account lock. Returns the credits expired.
 */
export async function expireCredits(db: Database, ledger: CreditLedger, now: Date): Promise<number> {
  let expired = 0;
  for (const tenantId of await tenantsToCheck(db, now)) {
    expired += await db.forTenant(tenantId).transactional(async (em) => {
      const account = await ledger.lockAccount(em, tenantId);
      let n = 0;
      for (const lot of expiredCredits(await ledger.movements(em, tenantId), now.getTime())) {
        const take = Math.min(lot.amount, account.balance);
        if (take <= 0) continue;
        await ledger.append(em, account, {
          kind: 'expiry', amount: -take, lotId: lot.lotId, actorLabel: EXPIRY_ACTOR,
          reason: `credits expired on ${new Date(lot.expiresAt).toISOString()}`,
        });
        n += take;
      }
      await db.sql('UPDATE messaging_credit_accounts SET expiry_checked_at = $2 WHERE tenant_id = $1', [tenantId, now.toISOString()], em);
      return n;
    });
  }
  return expired;
}

/** Daily at 00:30 UTC: credits are spendable until the pass after their expiry date (at most a day late). */
export function defineCreditExpiryJob(ctx: PluginContext, ledger: CreditLedger, clock: () => number): void {
  ctx.jobs.define({
    name: 'expire-credits',
    cron: '30 0 * * *',
    async handler() {
      const n = await expireCredits(ctx.db, ledger, new Date(clock()));
      if (n) ctx.logger.info({ credits: n }, 'expired SMS credits');
    },
  });
}
