export interface VariableDraft {
  name: string;
  type: 'string' | 'number' | 'boolean' | 'date' | 'list' | 'object';
  required: boolean;
  /** The sample as typed; `variableOf` reads it by type. */
  sample: string;
}

export const VARIABLE_TYPES: VariableDraft['type'][] = ['string', 'number', 'boolean', 'date', 'list', 'object'];

/** A declared variable as the API takes it (the sample parsed by its type; left out when it does not parse). */
export function variableOf(v: VariableDraft): { name: string; type: VariableDraft['type']; required: boolean; sample?: unknown } {
  const out: { name: string; type: VariableDraft['type']; required: boolean; sample?: unknown } = { name: v.name.trim(), type: v.type, required: v.required };
  if (v.sample === '') return out;
  if (v.type === 'number') {
    if (Number.isFinite(Number(v.sample))) out.sample = Number(v.sample);
  } else if (v.type === 'boolean') out.sample = v.sample === 'true';
  else if (v.type === 'list' || v.type === 'object') {
    try {
      out.sample = JSON.parse(v.sample);
    } catch {
      /* not JSON yet: no sample */
    }
  } else out.sample = v.sample;
  return out;
}

export function draftOf(v: { name: string; type: string; required?: boolean; sample?: unknown }): VariableDraft {
  const sample = v.sample === undefined || v.sample === null ? '' : typeof v.sample === 'string' ? v.sample : JSON.stringify(v.sample);
  return { name: v.name, type: (VARIABLE_TYPES.includes(v.type as VariableDraft['type']) ? v.type : 'string') as VariableDraft['type'], required: v.required !== false, sample };
}
