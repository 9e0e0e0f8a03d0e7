import type { PluginContext } from '@platform/sdk';
import { BILLING_PERMISSIONS } from '../billing-permissions.ts';
import type { AccountStore } from '../accounts/account-store.ts';

/**
 * Who billing emails reach in a tenant: its admins are the active tenant users whose roles grant `billing.pay`
 * (listed through `ctx.users`, never the kernel's tables); the billing contact is the account's `contactEmail`.
 * Addresses are de-duplicated case-insensitively, the contact first.
 */
export class BillingRecipients {
  constructor(
    private readonly users: PluginContext['users'],
    private readonly accounts: AccountStore,
  ) {}

  /** The billing contact, or (an account without one) the tenant's admins. */
  async forInvoices(tenantId: string): Promise<string[]> {
    const contact = (await this.accounts.get(tenantId))?.contactEmail;
    return contact ? [contact] : this.admins(tenantId);
  }

  /** The billing contact and every tenant admin (dunning notices). */
  async forDunning(tenantId: string): Promise<string[]> {
    const contact = (await this.accounts.get(tenantId))?.contactEmail;
    return unique([...(contact ? [contact] : []), ...(await this.admins(tenantId))]);
  }

  private async admins(tenantId: string): Promise<string[]> {
    return unique((await this.users.listTenantUsers(tenantId, { permission: BILLING_PERMISSIONS.pay })).map((u) => u.email));
  }
}

function unique(emails: string[]): string[] {
  const seen = new Set<string>();
  return emails.filter((e) => {
    const key = e.trim().toLowerCase();
    if (!key || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
