import { useDataProvider, usePermissions, type DataProvider } from 'react-admin';
import type { ConsoleApi, PlatformSession } from '@platform/sdk/admin';

/** Shapes of the plans API responses the console reads. */
export interface PlanRecord {
  id: string;
  key: string;
  name: string;
  description: string;
  priceAmount: number;
  currency: string;
  interval: 'monthly' | 'annual';
  trialDays: number;
  quotas: Record<string, number>;
  limitTypes: Record<string, 'hard' | 'soft'>;
  features: string[];
  plugins: string[];
  archived: boolean;
  isDefault: boolean;
}

export interface MeterRecord {
  id: string;
  key: string;
  label: string;
  unit?: string;
  resets: 'monthly' | 'billing_period' | 'never';
}

export interface AssignmentRecord {
  id: string;
  planId: string;
  plan: { id: string; key: string; name: string } | null;
  status: 'current' | 'scheduled' | 'past';
  effectiveFrom: string;
  effectiveTo: string | null;
  assignedBy: string | null;
  assignedByLabel: string | null;
  reason: string;
  trialEndsAt: string | null;
  proration: Proration | null;
}

export interface CurrentPlan {
  tenantId: string;
  plan: PlanRecord | null;
  assignment: AssignmentRecord | null;
  inTrial: boolean;
  trialEndsAt: string | null;
  billingPeriod: { start: string; end: string } | null;
  scheduled: AssignmentRecord | null;
  defaultQuotas: Record<string, number> | null;
}

/** The preview's proration, exactly as the API computes it (type only: nothing from the server is bundled). */
import type { Proration } from '../src/billing/prorate.ts';
export type { Proration };

export interface ChangePreview {
  effectiveFrom: string;
  from: PlanRecord | null;
  to: PlanRecord;
  inTrial: boolean;
  trialEndsAt: string | null;
  proration: Proration;
}

export interface MeterUsage {
  id: string;
  meter: string;
  label: string;
  unit: string | null;
  resets: MeterRecord['resets'];
  used: number;
  limit: number | null;
  limitType: 'hard' | 'soft' | null;
  remaining: number | null;
  percent: number | null;
  status: 'unlimited' | 'ok' | 'near' | 'reached' | 'over';
  periodStart: string | null;
  periodEnd: string | null;
}

export interface SeriesPoint {
  id: string;
  bucket: string;
  quantity: number;
  cumulative: number;
}

export interface NearLimit extends MeterUsage {
  tenantId: string;
  tenantSlug: string;
  tenantName: string;
  planKey: string | null;
  planName: string | null;
}

export interface GovernanceRecord {
  id: 'governance';
  maxTrialTenants: number | null;
  defaultQuotas: Record<string, number>;
  defaultPlanId: string | null;
  defaultPlan: { id: string; key: string; name: string } | null;
  tenantsInTrial: number;
}

/** `api(path)` of the console's data provider: carries the session and the selected tenant. */
export function usePlansApi(): ConsoleApi['api'] {
  const dataProvider = useDataProvider<DataProvider & ConsoleApi>();
  return dataProvider.api.bind(dataProvider);
}

/** The selected tenant (null at platform level) and whether the user holds a permission. */
export function useConsoleSession(): { tenant: PlatformSession['tenant']; can: (permission: string) => boolean; isPending: boolean } {
  const { permissions, isPending } = usePermissions<PlatformSession>();
  const perms = permissions?.permissions ?? [];
  const can = (p: string) => perms.includes('*') || perms.includes(p) || perms.includes(p.slice(0, p.lastIndexOf('.')) + '.*');
  return { tenant: permissions?.tenant ?? null, can, isPending };
}
