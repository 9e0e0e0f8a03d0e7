import type { AddonKind, AddonPricing, AddonProvision } from '../catalog/addon-record.ts';

export type PurchaseStatus = 'active' | 'cancelled' | 'expired';

export interface PurchaseRecord {
  id: string;
  tenantId: string;
  addonId: string;
  addonName: string;
  kind: AddonKind;
  provision: AddonProvision;
  pricing: AddonPricing;
  amountMinor: number;
  currency: string;
  status: PurchaseStatus;
  periodStart: string;
  /** End of the paid period; null for one-off purchases. */
  periodEnd: string | null;
  refundMinor: number | null;
  cancelledAt: string | null;
  cancelReason: string | null;
  endedAt: string | null;
  charged: boolean;
  refundCharged: boolean;
  renewals: number;
  purchasedBy: string | null;
  createdAt: string;
  updatedAt: string;
}

export const PURCHASE_COLUMNS =
  'id, tenant_id, addon_id, addon_name, kind, provision, pricing, amount_minor, currency, status, period_start, period_end, refund_minor, cancelled_at, cancel_reason, ended_at, charged, refund_charged, renewals, purchased_by, created_at, updated_at';

const iso = (v: unknown): string | null => (v === null || v === undefined ? null : new Date(v as string).toISOString());

export function purchaseOf(row: Record<string, any>): PurchaseRecord {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    addonId: row.addon_id,
    addonName: row.addon_name,
    kind: row.kind,
    provision: { ...row.provision, kind: row.kind },
    pricing: row.pricing,
    amountMinor: Number(row.amount_minor),
    currency: row.currency,
    status: row.status,
    periodStart: iso(row.period_start)!,
    periodEnd: iso(row.period_end),
    refundMinor: row.refund_minor === null || row.refund_minor === undefined ? null : Number(row.refund_minor),
    cancelledAt: iso(row.cancelled_at),
    cancelReason: row.cancel_reason ?? null,
    endedAt: iso(row.ended_at),
    charged: !!row.charged,
    refundCharged: !!row.refund_charged,
    renewals: Number(row.renewals ?? 0),
    purchasedBy: row.purchased_by ?? null,
    createdAt: iso(row.created_at)!,
    updatedAt: iso(row.updated_at)!,
  };
}
