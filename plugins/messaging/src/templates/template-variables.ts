import { ProblemError, Type } from '@platform/sdk';

/** What a declared variable holds. `date` is an ISO 8601 string; `list` an array (loop it with `#each`). */
export type TemplateVariableType = 'string' | 'number' | 'boolean' | 'date' | 'list' | 'object';

/** A variable a template declares: every variable its parts use must be declared (strict mode). */
export interface TemplateVariable {
  name: string;
  type: TemplateVariableType;
  /** Default true: rendering without it is a 400 naming `data.<name>`. */
  required: boolean;
  /** Used by the preview when no data is given. */
  sample?: unknown;
  description?: string;
}

export const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;
export const MAX_VARIABLES = 100;

export const TemplateVariableSchema = Type.Object(
  {
    name: Type.String({ pattern: VARIABLE_NAME.source }),
    type: Type.Union([Type.Literal('string'), Type.Literal('number'), Type.Literal('boolean'), Type.Literal('date'), Type.Literal('list'), Type.Literal('object')]),
    required: Type.Optional(Type.Boolean()),
    sample: Type.Optional(Type.Unknown()),
    description: Type.Optional(Type.String({ maxLength: 500 })),
  },
  { additionalProperties: false },
);

export const TemplateVariablesSchema = Type.Array(TemplateVariableSchema, { maxItems: MAX_VARIABLES });

const ISO_DATE = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/** Whether `value` is of the declared type (null and undefined are "absent", not a type). */
export function fitsVariableType(type: TemplateVariableType, value: unknown): boolean {
  switch (type) {
    case 'string': return typeof value === 'string';
    case 'number': return typeof value === 'number' && Number.isFinite(value);
    case 'boolean': return typeof value === 'boolean';
    case 'date': return typeof value === 'string' && ISO_DATE.test(value) && !Number.isNaN(Date.parse(value));
    case 'list': return Array.isArray(value);
    case 'object': return typeof value === 'object' && value !== null && !Array.isArray(value);
  }
}

const TYPE_LABEL: Record<TemplateVariableType, string> = {
  string: 'a string', number: 'a finite number', boolean: 'true or false', date: 'an ISO 8601 date', list: 'a list', object: 'an object',
};

/** Declared variables with defaults applied; refuses duplicates and samples of the wrong type, naming `variables.<i>...`. */
export function normalizeVariables(given: readonly Partial<TemplateVariable>[]): TemplateVariable[] {
  const seen = new Set<string>();
  return given.map((v, i) => {
    const name = String(v.name ?? '');
    if (!VARIABLE_NAME.test(name)) throw new ProblemError(400, 'validation_failed', `Variable name "${name}" must be a letter or _ then letters, digits or _`, { field: `variables.${i}.name` });
    if (seen.has(name)) throw new ProblemError(400, 'duplicate_variable', `Variable "${name}" is declared twice`, { field: `variables.${i}.name` });
    seen.add(name);
    const type = v.type as TemplateVariableType;
    if (!(type in TYPE_LABEL)) throw new ProblemError(400, 'validation_failed', `Variable "${name}" has an unknown type`, { field: `variables.${i}.type` });
    if (v.sample !== undefined && v.sample !== null && !fitsVariableType(type, v.sample))
      throw new ProblemError(400, 'validation_failed', `The sample of "${name}" must be ${TYPE_LABEL[type]}`, { field: `variables.${i}.sample` });
    const out: TemplateVariable = { name, type, required: v.required ?? true };
    if (v.sample !== undefined && v.sample !== null) out.sample = v.sample;
    if (v.description) out.description = v.description;
    return out;
  });
}

/**
 * The data a template is rendered with: the declared variables only (extra keys are dropped, so a template
 * cannot reach what it did not declare), each of its declared type; a required one missing (absent, null or
 * an empty string) is a 400 `missing_template_variable` naming `data.<name>`. With `useSamples`, a missing
 * value takes the declared sample first (the preview).
 */
export function resolveTemplateData(variables: readonly TemplateVariable[], data: Record<string, unknown>, useSamples = false): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const v of variables) {
    let value = Object.hasOwn(data, v.name) ? data[v.name] : undefined;
    if ((value === undefined || value === null) && useSamples) value = v.sample;
    if (value === undefined || value === null || value === '') {
      if (v.required) throw new ProblemError(400, 'missing_template_variable', `The template needs "${v.name}" (${TYPE_LABEL[v.type]})`, { field: `data.${v.name}` });
      continue;
    }
    if (!fitsVariableType(v.type, value)) throw new ProblemError(400, 'invalid_template_variable', `"${v.name}" must be ${TYPE_LABEL[v.type]}`, { field: `data.${v.name}` });
    out[v.name] = value;
  }
  return out;
}
