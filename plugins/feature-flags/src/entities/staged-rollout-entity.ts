import { definePlatformEntity, type BaseRow } from '@platform/sdk';

export type StagedRolloutStatus = 'active' | 'paused' | 'completed' | 'cancelled';

/** A row of `feature_flag_rollouts`: a flag's rollout percentage walking through `steps`. */
export interface StagedRolloutRow extends BaseRow {
  flagKey: string;
  steps: number[];
  intervalSeconds: number;
  currentStep: number;
  status: StagedRolloutStatus;
  nextStepAt: Date | null;
  pauseOnAlerts: string[];
  pausedReason: string | null;
  reason: string;
  createdBy: string | null;
  completedAt: Date | null;
}

export const StagedRolloutEntity = definePlatformEntity<StagedRolloutRow>({
  name: 'FeatureFlagRollout',
  tableName: 'feature_flag_rollouts',
  properties: {
    flagKey: { type: 'text' },
    steps: { type: 'json' },
    intervalSeconds: { type: 'integer' },
    currentStep: { type: 'integer', default: 0 },
    status: { enum: true, items: ['active', 'paused', 'completed', 'cancelled'] },
    nextStepAt: { type: 'Date', nullable: true },
    pauseOnAlerts: { type: 'json', columnType: 'jsonb', default: '[]' },
    pausedReason: { type: 'text', nullable: true },
    reason: { type: 'text' },
    createdBy: { type: 'text', nullable: true },
    completedAt: { type: 'Date', nullable: true },
  },
});
