import { useDataProvider, type DataProvider } from 'react-admin';
import type { ConsoleApi } from '@platform/sdk/admin';
import { formatMinorUnits, isCurrencyCode } from '@platform/sdk/money';

/** `api(path)` of the console's data provider (paths under `/api`; mutations carry an Idempotency-Key). */
export function useMarketplaceApi(): ConsoleApi['api'] {
  const dataProvider = useDataProvider<DataProvider & ConsoleApi>();
  return dataProvider.api.bind(dataProvider);
}

export type AddonKind = 'sms_credits' | 'plugin' | 'flag_entitlement' | 'integration';
export type AddonPricing = 'one_off' | 'monthly' | 'annual';

export interface StoreAddon {
  id: string;
  name: string;
  summary: string;
  description: string;
  kind: AddonKind;
  provision: Record<string, unknown> & { kind: AddonKind };
  pricing: AddonPricing;
  amountMinor: number;
  currency: string;
  screenshots: string[];
  permissions: string[];
}

export interface InvoicePreview {
  currency: string;
  periodStart: string;
  periodEnd: string;
  issueDate: string;
  lines: { description: string; amountMinor: number }[];
  subtotalMinor: number;
  taxMinor: number;
  totalMinor: number;
}

export interface Quote {
  addon: StoreAddon;
  price: { amountMinor: number; currency: string; pricing: AddonPricing };
  periodStart: string;
  periodEnd: string | null;
  billing: 'available' | 'not_installed';
  nextInvoice: InvoicePreview | null;
  blocked: string | null;
}

export interface Purchase {
  id: string;
  addonId: string;
  addonName: string;
  kind: AddonKind;
  pricing: AddonPricing;
  amountMinor: number;
  currency: string;
  status: 'active' | 'cancelled' | 'expired';
  periodStart: string;
  periodEnd: string | null;
  refundMinor: number | null;
  cancelledAt: string | null;
  createdAt: string;
  purchasedBy: string | null;
}

export interface PurchaseDetail extends Purchase {
  cancellation: { cancellable: boolean; reason: string | null; refundMinor: number; periodDays: number; usedDays: number; unusedDays: number; rule: string };
}

export const KIND_LABELS: Record<AddonKind, string> = { sms_credits: 'SMS credits', plugin: 'Plugin', flag_entitlement: 'Feature', integration: 'Integration' };
export const PRICING_LABELS: Record<AddonPricing, string> = { one_off: 'one-off', monthly: 'per month', annual: 'per year' };
export const KIND_CHOICES = Object.entries(KIND_LABELS).map(([id, name]) => ({ id, name }));
export const PRICING_CHOICES = [{ id: 'one_off', name: 'One-off' }, { id: 'monthly', name: 'Monthly' }, { id: 'annual', name: 'Annual' }];
export const STATUS_CHOICES = ['draft', 'published', 'suspended', 'deprecated'].map((id) => ({ id, name: id }));

/** `USD 12.50`: integer minor units formatted by the SDK's money rules (no float arithmetic). */
export function money(amountMinor: number, currency: string): string {
  return isCurrencyCode(currency) ? `${currency} ${formatMinorUnits(amountMinor, currency)}` : `${amountMinor} ${currency}`;
}

export function priceText(a: { amountMinor: number; currency: string; pricing: AddonPricing }): string {
  return a.amountMinor === 0 ? 'Free' : `${money(a.amountMinor, a.currency)} ${PRICING_LABELS[a.pricing]}`;
}

export function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

export function problemField(err: unknown): string | null {
  const body = (err as { body?: { field?: unknown } } | null)?.body;
  return body && typeof body.field === 'string' ? body.field : null;
}
