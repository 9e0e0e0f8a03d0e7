/** The shapes the console reads from `/api/feature-flags` (see the plugin's model/). */
export interface FlagRecordView {
  id: string;
  key: string;
  name: string;
  description: string;
  type: 'boolean' | 'percentage' | 'tenant_list' | 'user_list' | 'schedule' | 'variant';
  valueType: 'boolean' | 'string' | 'number' | 'json';
  defaultValue: unknown;
  enabled: boolean;
  archived: boolean;
  killSwitch: boolean;
  killedAt: string | null;
  killedReason: string | null;
  owner: string | null;
  tags: string[];
  rolloutPercentage: number | null;
  updatedAt: string;
  updatedBy: string | null;
  lastEvaluatedAt?: string | null;
}

export interface FlagEvaluationView {
  key: string;
  value: unknown;
  enabled: boolean;
  variant: string | null;
  reason: string;
  rule: string;
  errorCode?: string;
  errorMessage?: string;
}

export const FLAG_TYPES = [
  { id: 'boolean', name: 'Boolean' },
  { id: 'percentage', name: 'Percentage rollout' },
  { id: 'tenant_list', name: 'Tenant list' },
  { id: 'user_list', name: 'User list' },
  { id: 'schedule', name: 'Schedule' },
  { id: 'variant', name: 'A/B variants' },
];

export const VALUE_TYPES = [
  { id: 'boolean', name: 'Boolean' },
  { id: 'string', name: 'String' },
  { id: 'number', name: 'Number' },
  { id: 'json', name: 'JSON' },
];

export const ROLLOUT_PRESETS = [0, 10, 25, 50, 75, 100];

export function flagStatus(flag: Pick<FlagRecordView, 'enabled' | 'archived' | 'killedAt' | 'rolloutPercentage'>): { label: string; color: 'default' | 'success' | 'error' | 'warning' | 'info' } {
  if (flag.archived) return { label: 'Archived', color: 'default' };
  if (flag.killedAt) return { label: 'Killed', color: 'error' };
  if (!flag.enabled) return { label: 'Off', color: 'default' };
  if (flag.rolloutPercentage !== null && flag.rolloutPercentage < 100) return { label: `On · ${flag.rolloutPercentage}%`, color: 'warning' };
  return { label: 'On', color: 'success' };
}

/** Drops empty strings, nulls, empty lists and empty objects a form leaves behind (the API's schemas are strict). */
export function withoutEmpty<T>(value: T): T | undefined {
  if (value === null || value === undefined || value === '') return undefined;
  if (Array.isArray(value)) {
    const items = value.map(withoutEmpty).filter((item) => item !== undefined);
    return items as T;
  }
  if (typeof value === 'object' && !(value instanceof Date)) {
    const entries = Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => [k, withoutEmpty(v)] as const)
      .filter(([, v]) => v !== undefined && !(Array.isArray(v) && v.length === 0));
    return entries.length ? (Object.fromEntries(entries) as T) : undefined;
  }
  return value;
}
