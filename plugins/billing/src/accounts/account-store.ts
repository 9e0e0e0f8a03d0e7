import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@platform/sdk';
import type { BillingDeps } from '../billing-deps.ts';
import { ACCOUNT_COLUMNS, accountOf, type BillingAccount, type BillingAccountRow } from './billing-account.ts';

export interface AccountInput {
  cycle: 'monthly' | 'annual';
  anchorDay: number;
  anchorMonth?: number;
  currency: string;
  contactName?: string | null;
  contactEmail?: string | null;
  taxId?: string | null;
  country?: string | null;
  billingStartsOn?: string;
}

/** Billing accounts (one per tenant), raw SQL: the cycle reads thousands at once. */
export class AccountStore {
  constructor(private readonly d: () => BillingDeps) {}

  async get(tenantId: string, em?: EntityManager): Promise<BillingAccount | null> {
    const [row] = await this.d().db.sql<BillingAccountRow>(`SELECT ${ACCOUNT_COLUMNS} FROM billing_accounts WHERE tenant_id = $1`, [tenantId], em);
    return row ? accountOf(row) : null;
  }

  async all(em?: EntityManager): Promise<BillingAccount[]> {
    const rows = await this.d().db.sql<BillingAccountRow>(`SELECT ${ACCOUNT_COLUMNS} FROM billing_accounts ORDER BY tenant_id`, [], em);
    return rows.map(accountOf);
  }

  async list(tenantIds: readonly string[] | null, em?: EntityManager): Promise<BillingAccount[]> {
    if (tenantIds === null) return this.all(em);
    const rows = await this.d().db.sql<BillingAccountRow>(`SELECT ${ACCOUNT_COLUMNS} FROM billing_accounts WHERE tenant_id = ANY($1::uuid[]) ORDER BY tenant_id`, [tenantIds], em);
    return rows.map(accountOf);
  }

  /** Creates or replaces the tenant's account; returns before and after (for the audit). */
  async upsert(em: EntityManager, tenantId: string, input: AccountInput): Promise<{ before: BillingAccount | null; after: BillingAccount }> {
    const db = this.d().db;
    const [locked] = await db.sql<BillingAccountRow>(`SELECT ${ACCOUNT_COLUMNS} FROM billing_accounts WHERE tenant_id = $1 FOR UPDATE`, [tenantId], em);
    const before = locked ? accountOf(locked) : null;
    const startsOn = input.billingStartsOn ?? before?.billingStartsOn ?? this.d().now().toISOString().slice(0, 10);
    const [row] = await db.sql<BillingAccountRow>(
      `INSERT INTO billing_accounts (id, tenant_id, cycle, anchor_day, anchor_month, currency, contact_name, contact_email, tax_id, country, billing_starts_on)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
       ON CONFLICT (tenant_id) DO UPDATE SET cycle = EXCLUDED.cycle, anchor_day = EXCLUDED.anchor_day, anchor_month = EXCLUDED.anchor_month,
         currency = EXCLUDED.currency, contact_name = EXCLUDED.contact_name, contact_email = EXCLUDED.contact_email, tax_id = EXCLUDED.tax_id,
         country = EXCLUDED.country, billing_starts_on = EXCLUDED.billing_starts_on, updated_at = now()
       RETURNING ${ACCOUNT_COLUMNS}`,
      [randomUUID(), tenantId, input.cycle, input.anchorDay, input.anchorMonth ?? 1, input.currency, input.contactName ?? null, input.contactEmail ?? null, input.taxId ?? null, input.country ?? null, startsOn],
      em,
    );
    return { before, after: accountOf(row!) };
  }
}
