import { useDataProvider, type DataProvider } from 'react-admin';
import type { ConsoleApi } from '@platform/sdk/admin';

/** `api(path)` of the console's data provider (paths under `/api`). */
export function useMessagingApi(): ConsoleApi['api'] {
  const dataProvider = useDataProvider<DataProvider & ConsoleApi>();
  return dataProvider.api.bind(dataProvider);
}

export type Channel = 'sms' | 'email';
export const CHANNEL_CHOICES = [{ id: 'sms', name: 'SMS' }, { id: 'email', name: 'Email' }];
export const STATUS_CHOICES = ['queued', 'sent', 'delivered', 'failed', 'undelivered', 'bounced', 'complained', 'opened'].map((s) => ({ id: s, name: s }));
/** The failure statuses: the failed-message log filters on them. */
export const FAILED_STATUSES = ['failed', 'undelivered', 'bounced'];

export interface JsonSchemaProperty {
  type?: string | string[];
  title?: string;
  description?: string;
  default?: unknown;
  enum?: unknown[];
  format?: string;
  minimum?: number;
  maximum?: number;
  'x-secret'?: boolean;
  anyOf?: JsonSchemaProperty[];
}

export interface ProviderType {
  id: string;
  channel: Channel;
  name: string;
  description: string | null;
  plugin: string;
  canTestConnection: boolean;
  configSchema: { properties?: Record<string, JsonSchemaProperty>; required?: string[] };
}

export interface ProviderConfig {
  id: string;
  channel: Channel;
  providerId: string;
  providerName: string | null;
  providerInstalled: boolean;
  name: string;
  config: Record<string, unknown>;
  enabled: boolean;
  callbackUrl: string;
  lastTestAt: string | null;
  lastTestOk: boolean | null;
  lastTestDetail: string | null;
}

export interface Assignment {
  id: string;
  tenantId: string | null;
  channel: Channel;
  providerConfigIds: string[];
  updatedAt: string;
}

export interface BucketCounts {
  queued: number;
  sent: number;
  delivered: number;
  failed: number;
  total: number;
}
export type DayCounts = BucketCounts & { day: string };

export interface DailyAnalytics {
  from: string;
  to: string;
  days: DayCounts[];
  providers: (BucketCounts & { providerConfigId: string | null; name: string | null; providerId: string | null; channel: string | null })[];
  tenants: (BucketCounts & { tenantId: string | null; slug: string | null; name: string | null })[];
}

export interface ProviderPerformance extends BucketCounts {
  providerConfigId: string;
  name: string;
  providerId: string;
  channel: string;
  deliveryRate: number | null;
  costs: { currency: string; amountMinor: number; amountMicros?: number }[];
  costed: number;
}

export interface TenantUsage {
  tenantId: string;
  from: string;
  to: string;
  credits: { balance: number; threshold: number; low: boolean };
  days: DayCounts[];
  statuses: Record<string, number>;
}

/** An integer amount in minor units as money (2 decimals unless the currency has none). */
/** A cost as recorded: the exact sub-minor-unit amount when the provider gave one (0.0075 USD), else the minor units. */
export function costText(cost: { amountMinor: number; currency: string; amountMicros?: number }): string {
  if (cost.amountMicros === undefined) return moneyText(cost.amountMinor, cost.currency);
  try {
    return new Intl.NumberFormat(undefined, { style: 'currency', currency: cost.currency, maximumFractionDigits: 6 }).format(cost.amountMicros / 1_000_000);
  } catch {
    return `${cost.amountMicros / 1_000_000} ${cost.currency}`;
  }
}

export function moneyText(amountMinor: number, currency: string): string {
  const digits = ['JPY', 'KRW', 'VND', 'CLP', 'ISK', 'UGX', 'XAF', 'XOF'].includes(currency.toUpperCase()) ? 0 : 2;
  try {
    return new Intl.NumberFormat(undefined, { style: 'currency', currency, minimumFractionDigits: digits, maximumFractionDigits: digits }).format(amountMinor / 10 ** digits);
  } catch {
    return `${(amountMinor / 10 ** digits).toFixed(digits)} ${currency}`;
  }
}

export function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** The field a problem+json answer names, when the console's HttpError carries it. */
export function problemField(err: unknown): string | null {
  const body = (err as { body?: { field?: unknown } } | null)?.body;
  return body && typeof body.field === 'string' ? body.field : null;
}
