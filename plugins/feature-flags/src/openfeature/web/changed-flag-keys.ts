import type { FlagEvaluation } from '@platform/sdk/feature-flags';

/** Keys whose evaluation differs between two flag sets, including flags that appeared or went away. */
export function changedFlagKeys(before: Readonly<Record<string, FlagEvaluation>>, after: Readonly<Record<string, FlagEvaluation>>): string[] {
  const changed: string[] = [];
  for (const [key, evaluation] of Object.entries(after)) {
    const previous = before[key];
    if (!previous || JSON.stringify(previous) !== JSON.stringify(evaluation)) changed.push(key);
  }
  for (const key of Object.keys(before)) if (!(key in after)) changed.push(key);
  return changed;
}
