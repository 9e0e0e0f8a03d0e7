import type { FlagValue, FlagValueType } from './flag.ts';

/** Whether `value` is a value of `valueType` (any JSON value is a `json` value). */
export function matchesValueType(value: FlagValue | undefined, valueType: FlagValueType): value is FlagValue {
  switch (valueType) {
    case 'boolean':
      return typeof value === 'boolean';
    case 'string':
      return typeof value === 'string';
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'json':
      return value !== undefined;
  }
}
