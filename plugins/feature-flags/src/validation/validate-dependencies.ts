import { problems } from '@platform/sdk';
import type { FlagDependency } from '../engine/index.ts';

/** What dependency validation needs of a stored flag. */
export interface StoredFlagDependencies {
  key: string;
  dependencies: readonly FlagDependency[];
}

/**
 * Checks a flag's parent requirements against the stored flags: each parent exists, is named once
 * and is not the flag itself; no cycle forms (a → b → a); and, as in Unleash, dependencies are one
 * level deep (a parent has no parents; a flag others depend on gets none). Failures are 400s naming
 * `dependencies.<index>.flag`.
 */
export function validateDependencies(key: string, dependencies: readonly FlagDependency[], stored: readonly StoredFlagDependencies[]): void {
  if (dependencies.length === 0) return;
  const byKey = new Map(stored.map((flag) => [flag.key, flag.dependencies]));
  byKey.set(key, dependencies);
  const seen = new Set<string>();
  dependencies.forEach((dependency, index) => {
    const field = `dependencies.${index}.flag`;
    if (dependency.flag === key) throw problems.validation(field, `A flag cannot depend on itself (cycle ${key} → ${key})`);
    if (seen.has(dependency.flag)) throw problems.validation(field, `Parent "${dependency.flag}" is named twice`);
    seen.add(dependency.flag);
    if (!stored.some((flag) => flag.key === dependency.flag)) throw problems.validation(field, `No flag "${dependency.flag}" to depend on`);
    const cycle = pathBack(dependency.flag, key, byKey, [key, dependency.flag]);
    if (cycle) throw problems.validation(field, `Dependencies would form a cycle: ${cycle.join(' → ')}`);
    if ((byKey.get(dependency.flag)?.length ?? 0) > 0) {
      throw problems.validation(field, `Parent "${dependency.flag}" depends on other flags itself; dependencies are one level deep`);
    }
  });
  const child = stored.find((flag) => flag.key !== key && flag.dependencies.some((dependency) => dependency.flag === key));
  if (child) throw problems.validation('dependencies', `"${child.key}" depends on this flag, so it cannot depend on others; dependencies are one level deep`);
}

/** The path from `from` back to `target` along dependencies, or undefined. */
function pathBack(from: string, target: string, byKey: ReadonlyMap<string, readonly FlagDependency[]>, path: string[], visited = new Set<string>()): string[] | undefined {
  if (visited.has(from)) return undefined;
  visited.add(from);
  for (const dependency of byKey.get(from) ?? []) {
    if (dependency.flag === target) return [...path, target];
    const found = pathBack(dependency.flag, target, byKey, [...path, dependency.flag], visited);
    if (found) return found;
  }
  return undefined;
}
