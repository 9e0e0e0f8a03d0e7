import { useDataProvider, type DataProvider } from 'react-admin';
import type { ConsoleApi } from '@platform/sdk/admin';

/** `api(path)` of the console's data provider (paths under `/api`). */
export function useWizardApi(): ConsoleApi['api'] {
  const dataProvider = useDataProvider<DataProvider & ConsoleApi>();
  return dataProvider.api.bind(dataProvider);
}

export const WIZARD_API = '/onboarding/wizard';

export interface StepView {
  id: string;
  order: number;
  title: string;
  description: string | null;
  skippable: boolean;
  schema: Record<string, unknown>;
  state: 'done' | 'skipped' | 'current' | 'todo';
}

export interface SessionView {
  id: string;
  tenantId: string;
  status: 'in_progress' | 'completed';
  currentStep: string;
  answers: Record<string, Record<string, unknown>>;
  completedSteps: string[];
  skippedSteps: string[];
  completedAt: string | null;
  steps: StepView[];
}

export interface ChecklistItem {
  id: string;
  title: string;
  skippable: boolean;
  state: 'done' | 'skipped' | 'todo';
  ok: boolean;
  detail: string;
  blocking: boolean;
}

export function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/**
 * The field errors of a refused save, by answer path (`answers.invitations.1.email` → `invitations.1.email`);
 * a problem without a field lands under `_`.
 */
export function fieldErrorsOf(err: unknown): Record<string, string> {
  const body = (err as { body?: { field?: unknown; detail?: unknown } } | null)?.body;
  const message = body && typeof body.detail === 'string' ? body.detail : errorText(err);
  const field = body && typeof body.field === 'string' ? body.field.replace(/^answers\.?/, '') : '';
  return { [field || '_']: message };
}
