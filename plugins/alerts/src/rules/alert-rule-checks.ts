import { ProblemError } from '@platform/sdk';
import { recoveryThresholdProblem } from '../evaluation/alert-condition.ts';

/**
 * Cross-field checks of a rule (after the schema): the recovery threshold on the recovering side,
 * known channels, no group-by on a key the filter pins, error_rate without status_class grouping.
 * Throws a 400 naming the field.
 */
export function checkAlertRule(rule: Record<string, unknown>, knownChannels: ReadonlySet<string>): void {
  const fail = (field: string, detail: string) => {
    throw new ProblemError(400, 'validation_failed', detail, { field });
  };
  const problem = recoveryThresholdProblem({
    condition: rule.condition as 'gt' | 'lt' | 'eq',
    threshold: Number(rule.threshold),
    recoveryThreshold: (rule.recoveryThreshold as number | null | undefined) ?? null,
  });
  if (problem) fail('recoveryThreshold', problem);
  for (const channel of (rule.channels as string[] | undefined) ?? []) {
    if (!knownChannels.has(channel)) fail('channels', `unknown alert channel "${channel}" (installed: ${[...knownChannels].join(', ') || 'none'})`);
  }
  const groupBy = (rule.groupBy as string[] | undefined) ?? [];
  const filter = (rule.filter as Record<string, string> | undefined) ?? {};
  for (const key of groupBy) if (key in filter) fail('groupBy', `"${key}" is already fixed by the filter`);
  if (rule.aggregation === 'error_rate' && (groupBy.includes('status_class') || 'status_class' in filter))
    fail('aggregation', 'error_rate compares status classes; do not filter or group by status_class');
  if (rule.tenantFilter && groupBy.includes('tenant')) fail('groupBy', 'a rule watching one tenant cannot group by tenant');
}
