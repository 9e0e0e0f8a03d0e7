/** What an add-on provisions when bought. */
export type AddonKind = 'sms_credits' | 'plugin' | 'flag_entitlement' | 'integration';
export const ADDON_KINDS: readonly AddonKind[] = ['sms_credits', 'plugin', 'flag_entitlement', 'integration'];

export type AddonStatus = 'draft' | 'published' | 'suspended' | 'deprecated';
export const ADDON_STATUSES: readonly AddonStatus[] = ['draft', 'published', 'suspended', 'deprecated'];

export type AddonPricing = 'one_off' | 'monthly' | 'annual';
export const ADDON_PRICINGS: readonly AddonPricing[] = ['one_off', 'monthly', 'annual'];

/** The kind's own fields. */
export type AddonProvision =
  | { kind: 'sms_credits'; credits: number }
  | { kind: 'plugin'; plugin: string }
  | { kind: 'flag_entitlement'; flagKey: string; value: unknown; variant: string | null }
  | { kind: 'integration'; integrationType: string };

export interface AddonRecord {
  id: string;
  name: string;
  summary: string;
  description: string;
  kind: AddonKind;
  provision: AddonProvision;
  status: AddonStatus;
  pricing: AddonPricing;
  amountMinor: number;
  currency: string;
  screenshots: string[];
  /** Permission keys the add-on needs (shown to the buyer). */
  permissions: string[];
  /** Plan keys it may be bought on; empty: every plan (and tenants without one). */
  allowedPlans: string[];
  createdAt: string;
  updatedAt: string;
  publishedAt: string | null;
}

export const ADDON_COLUMNS =
  'id, name, summary, description, kind, provision, status, pricing, amount_minor, currency, screenshots, permissions, allowed_plans, created_at, updated_at, published_at';

const iso = (v: unknown): string | null => (v === null || v === undefined ? null : new Date(v as string).toISOString());

export function addonOf(row: Record<string, any>): AddonRecord {
  return {
    id: row.id,
    name: row.name,
    summary: row.summary,
    description: row.description,
    kind: row.kind,
    provision: { ...row.provision, kind: row.kind },
    status: row.status,
    pricing: row.pricing,
    amountMinor: Number(row.amount_minor),
    currency: row.currency,
    screenshots: row.screenshots ?? [],
    permissions: row.permissions ?? [],
    allowedPlans: row.allowed_plans ?? [],
    createdAt: iso(row.created_at)!,
    updatedAt: iso(row.updated_at)!,
    publishedAt: iso(row.published_at),
  };
}

/** Whether a tenant on `planKey` (null: none) may buy the add-on. */
export function allowedOnPlan(addon: Pick<AddonRecord, 'allowedPlans'>, planKey: string | null): boolean {
  return addon.allowedPlans.length === 0 || (planKey !== null && addon.allowedPlans.includes(planKey));
}
