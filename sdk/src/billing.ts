/**
 * The billing capability's contract, for plugins that put charges on a tenant's invoice (marketplace add-ons,
 * metered services) or show what the next invoice will be. The `billing` plugin provides {@link BillingCharges}
 * under {@link BILLING_CHARGES}; others look it up lazily and optionally (`ctx.resolve`), never import the plugin.
 *
 * Amounts are integer minor units of an ISO-4217 currency (cents for USD, 0 decimals for JPY).
 */

/** DI key of the {@link BillingCharges} service. */
export const BILLING_CHARGES = 'billing.charges';

export interface BillableCharge {
  tenantId: string;
  /** Who asks, e.g. `marketplace.purchase`. Together with `sourceId` it makes the charge idempotent. */
  source: string;
  sourceId: string;
  description: string;
  /** Integer minor units; negative for a credit (e.g. a prorated cancellation). */
  amountMinor: number;
  /** ISO-4217, upper case. */
  currency: string;
  quantity?: number;
}

export interface NextInvoicePreviewLine {
  description: string;
  amountMinor: number;
}

export interface NextInvoicePreview {
  currency: string;
  /** ISO dates (YYYY-MM-DD). */
  periodStart: string;
  periodEnd: string;
  issueDate: string;
  lines: NextInvoicePreviewLine[];
  subtotalMinor: number;
  taxMinor: number;
  totalMinor: number;
}

export interface BillingCharges {
  /**
   * Adds a line to the tenant's next invoice. Idempotent on (`source`, `sourceId`): a second call with the same
   * pair returns the first charge with `created: false`.
   */
  addCharge(charge: BillableCharge): Promise<{ id: string; created: boolean }>;
  /** What the tenant's next invoice would carry now, `extra` lines included (for a purchase confirmation). */
  previewNextInvoice(tenantId: string, extra?: NextInvoicePreviewLine[]): Promise<NextInvoicePreview | null>;
}
