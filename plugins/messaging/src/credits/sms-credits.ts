import type { PluginContext } from '@platform/sdk';
import { SMS_CREDIT_GRANTS } from '@platform/sdk/messaging';
import { LedgerCreditGrants } from './credit-grants-service.ts';
import { CreditDeposits } from './credit-deposits.ts';
import { defineCreditExpiryJob } from './credit-expiry-job.ts';
import { CreditLedger } from './credit-ledger.ts';
import { LedgerCreditReservations, CREDIT_RESERVATIONS_SERVICE, type CreditReservations } from './credit-reservations.ts';
import { addCreditRoutes, addTenantCreditRoutes } from './credit-routes.ts';
import { definePlanCreditGrants } from './plan-credit-grants.ts';
import './credit-events.ts';

export { creditPermissions } from './credit-permissions.ts';

/**
 * The SMS credit ledger, booted: routes (staff and the tenant's own), the daily expiry and plan-grant
 * jobs, and the {@link CreditReservations} sending uses, also provided as `CREDIT_RESERVATIONS_SERVICE`.
 *
 * The model (migration 0002_credits.sql):
 * - `messaging_credit_ledger` is append-only (triggers refuse UPDATE, DELETE and TRUNCATE; only the kernel's
 *   purge of a deleted tenant may delete). Each movement's sign follows its kind: purchase, top_up, grant and
 *   refund > 0; reservation and expiry < 0; consumption <= 0 (what the provider counted beyond the reservation).
 * - `messaging_credit_accounts` holds one row per tenant: the lock every movement takes (FOR UPDATE) and the
 *   balance, moved in the same transaction; it always equals the ledger's sum (CHECK balance >= 0).
 * - A message is reserved once (`reserve:<id>`) and settled once (`settle:<id>`): consumed, or refunded.
 * - Dated credits (purchases and top-ups with `expiresAt`, plan grants until their period's end) are lots;
 *   spending draws from the lot expiring first; the daily expiry job appends `expiry` for what is left of
 *   lots past their date (see `credit-lots.ts`).
 * - Plan grants: the `sms.monthly` quota read through the entitlements contract, once per usage period
 *   (`grant:<period start>`), on `plan.assigned` and by a daily job; nothing without the plans plugin.
 * - Other plugins deposit purchased credits through `SMS_CREDIT_GRANTS` (`@platform/sdk/messaging`), in their own transaction.
 * - `messaging.credits_low` (durable) when the balance falls below the tenant's threshold (default 20), once
 *   per crossing.
 */
export function addSmsCredits(ctx: PluginContext, clock: () => number): { reservations: CreditReservations; ledger: CreditLedger } {
  const ledger = new CreditLedger({ db: ctx.db, events: ctx.events, clock });
  const deposits = new CreditDeposits(ctx.db, ledger);
  const reservations = new LedgerCreditReservations(ledger);
  ctx.provide(CREDIT_RESERVATIONS_SERVICE, reservations);
  ctx.provide(SMS_CREDIT_GRANTS, new LedgerCreditGrants(ctx.db, ledger));
  addCreditRoutes(ctx, ledger, deposits, clock);
  addTenantCreditRoutes(ctx, ledger);
  defineCreditExpiryJob(ctx, ledger, clock);
  definePlanCreditGrants(ctx, deposits);
  return { reservations, ledger };
}
