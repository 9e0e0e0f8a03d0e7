import type { StagedRolloutStatus } from '../entities/staged-rollout-entity.ts';

/** A staged rollout as the API returns it. */
export interface StagedRolloutRecord {
  id: string;
  flagKey: string;
  /** Percentages the flag's primary rollout rule walks through. */
  steps: number[];
  intervalHours: number;
  /** Index of the step in force. */
  currentStep: number;
  currentPercentage: number;
  status: StagedRolloutStatus;
  nextStepAt: string | null;
  pauseOnAlerts: string[];
  pausedReason: string | null;
  reason: string;
  createdBy: string | null;
  completedAt: string | null;
  createdAt: string;
  updatedAt: string;
}
