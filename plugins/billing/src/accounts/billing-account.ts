import type { BillingSchedule } from './billing-schedule.ts';

/** A tenant's billing account as the API shows it. */
export interface BillingAccount extends BillingSchedule {
  id: string;
  tenantId: string;
  currency: string;
  contactName: string | null;
  contactEmail: string | null;
  taxId: string | null;
  country: string | null;
  /** `YYYY-MM-DD`: the first period invoiced is the one containing this day. */
  billingStartsOn: string;
  createdAt: string;
  updatedAt: string;
}

export interface BillingAccountRow {
  id: string;
  tenant_id: string;
  cycle: 'monthly' | 'annual';
  anchor_day: number;
  anchor_month: number;
  currency: string;
  contact_name: string | null;
  contact_email: string | null;
  tax_id: string | null;
  country: string | null;
  billing_starts_on: string;
  created_at: Date;
  updated_at: Date;
}

export const ACCOUNT_COLUMNS = `id::text, tenant_id::text, cycle, anchor_day, anchor_month, currency, contact_name, contact_email, tax_id, country,
  billing_starts_on::text AS billing_starts_on, created_at, updated_at`;

export function accountOf(r: BillingAccountRow): BillingAccount {
  return {
    id: r.id,
    tenantId: r.tenant_id,
    cycle: r.cycle,
    anchorDay: r.anchor_day,
    anchorMonth: r.anchor_month,
    currency: r.currency,
    contactName: r.contact_name,
    contactEmail: r.contact_email,
    taxId: r.tax_id,
    country: r.country,
    billingStartsOn: r.billing_starts_on,
    createdAt: new Date(r.created_at).toISOString(),
    updatedAt: new Date(r.updated_at).toISOString(),
  };
}
