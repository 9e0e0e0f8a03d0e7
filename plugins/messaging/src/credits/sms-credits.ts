import type { PluginContext } from '@platform/sdk';
import { CreditDeposits } from './credit-deposits.ts';
import { defineCreditExpiryJob } from './credit-expiry-job.ts';
import { CreditLedger } from './credit-ledger.ts';
import { LedgerCreditReservations, CREDIT_RESERVATIONS_SERVICE, type CreditReservations } from './credit-reservations.ts';
import { addCreditRoutes, addTenantCreditRoutes } from './credit-routes.ts';
import { definePlanCreditGrantJob } from './plan-credit-grants.ts';
import './credit-events.ts';

export { creditPermissions } from './credit-permissions.ts';

/**
 * The SMS credit ledger, booted: routes (staff and the tenant's own), the daily expiry and plan-grant
 * jobs, and the {@link CreditReservations} sending uses, also provided as `CREDIT_RESERVATIONS_SERVICE`.
 */
export function addSmsCredits(ctx: PluginContext, clock: () => number): { reservations: CreditReservations } {
  const ledger = new CreditLedger({ db: ctx.db, events: ctx.events, clock });
  const deposits = new CreditDeposits(ctx.db, ledger);
  const reservations = new LedgerCreditReservations(ledger);
  ctx.provide(CREDIT_RESERVATIONS_SERVICE, reservations);
  addCreditRoutes(ctx, ledger, deposits, clock);
  addTenantCreditRoutes(ctx, ledger);
  defineCreditExpiryJob(ctx, ledger, clock);
  definePlanCreditGrantJob(ctx, deposits);
  return { reservations };
}
