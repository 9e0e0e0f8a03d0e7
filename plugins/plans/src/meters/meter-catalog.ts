import { USAGE_METERS, type UsageMeter } from '@platform/sdk/entitlements';
import { type ExtensionRegistry } from '@platform/sdk';

/** Meters every installation knows; plugins add theirs through the `USAGE_METERS` extension point. */
export const BUILT_IN_METERS: UsageMeter[] = [
  { key: 'seats', label: 'Seats', unit: 'users', resets: 'never' },
  { key: 'stores', label: 'Stores', unit: 'stores', resets: 'never' },
  { key: 'products', label: 'Products', unit: 'products', resets: 'never' },
  { key: 'sms.monthly', label: 'SMS per month', unit: 'messages', resets: 'monthly' },
  { key: 'email.monthly', label: 'Emails per month', unit: 'emails', resets: 'monthly' },
  { key: 'api_calls.monthly', label: 'API calls per month', unit: 'calls', resets: 'monthly' },
  { key: 'orders.monthly', label: 'Orders per month', unit: 'orders', resets: 'monthly' },
];

export interface MeterCatalog {
  all(): UsageMeter[];
  get(key: string): UsageMeter | undefined;
}

/** Built-in meters plus contributed ones (read live, so contributions from any plugin's register() count). */
export function createMeterCatalog(extensions: Pick<ExtensionRegistry, 'get'>): MeterCatalog {
  const all = () => {
    const byKey = new Map<string, UsageMeter>();
    for (const m of [...BUILT_IN_METERS, ...extensions.get(USAGE_METERS)]) if (!byKey.has(m.key)) byKey.set(m.key, m);
    return [...byKey.values()];
  };
  return {
    all,
    get: (key) => all().find((m) => m.key === key),
  };
}

/** A catalog over a fixed list (tests, pure code). */
export function meterCatalogOf(meters: UsageMeter[]): MeterCatalog {
  return { all: () => meters, get: (key) => meters.find((m) => m.key === key) };
}
