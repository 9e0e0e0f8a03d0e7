import { definePlatformEntity, type BaseRow } from '@platform/sdk';

/** A row of `feature_flags`: a platform-level flag definition (read and written through the flag store). */
export interface FeatureFlagRow extends BaseRow {
  key: string;
  name: string;
  description: string;
  type: string;
  valueType: string;
  defaultValue: unknown;
  enabledValue: unknown;
  enabled: boolean;
  archived: boolean;
  killSwitch: boolean;
  killedAt: Date | null;
  killedReason: string | null;
  owner: string | null;
  tags: string[];
  staleAfterDays: number;
  targeting: Record<string, unknown>;
  dependencies: unknown[];
  fullyOnSince: Date | null;
  createdBy: string | null;
  updatedBy: string | null;
}

export const FeatureFlagEntity = definePlatformEntity<FeatureFlagRow>({
  name: 'FeatureFlag',
  tableName: 'feature_flags',
  properties: {
    key: { type: 'text', unique: true },
    name: { type: 'text' },
    description: { type: 'text', default: '' },
    type: { enum: true, items: ['boolean', 'percentage', 'tenant_list', 'user_list', 'schedule', 'variant'] },
    valueType: { enum: true, items: ['boolean', 'string', 'number', 'json'] },
    defaultValue: { type: 'json' },
    enabledValue: { type: 'json', nullable: true },
    enabled: { type: 'boolean', default: false },
    archived: { type: 'boolean', default: false },
    killSwitch: { type: 'boolean', default: false },
    killedAt: { type: 'Date', nullable: true },
    killedReason: { type: 'text', nullable: true },
    owner: { type: 'text', nullable: true },
    tags: { type: 'json', columnType: 'jsonb', default: '[]' },
    staleAfterDays: { type: 'integer', default: 14 },
    targeting: { type: 'json', columnType: 'jsonb', default: '{}' },
    dependencies: { type: 'json', columnType: 'jsonb', default: '[]' },
    fullyOnSince: { type: 'Date', nullable: true },
    createdBy: { type: 'text', nullable: true },
    updatedBy: { type: 'text', nullable: true },
  },
});
