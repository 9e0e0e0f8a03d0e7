/** Plugin settings as form fields, from the plugin's TypeBox (JSON) schema and its current values. */

export const SECRET_MASK = '••••••';

export type SettingKind = 'string' | 'number' | 'integer' | 'boolean' | 'enum' | 'json';

export interface SettingField {
  key: string;
  label: string;
  description?: string;
  kind: SettingKind;
  secret: boolean;
  options?: string[];
  defaultValue?: unknown;
}

interface JsonSchema {
  type?: string | string[];
  title?: string;
  description?: string;
  default?: unknown;
  enum?: unknown[];
  anyOf?: JsonSchema[];
  const?: unknown;
  properties?: Record<string, JsonSchema>;
  [k: string]: unknown;
}

const humanize = (key: string) => key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/[_-]+/g, ' ').replace(/^./, (c) => c.toUpperCase());

function kindOf(s: JsonSchema | undefined, value: unknown): { kind: SettingKind; options?: string[] } {
  if (s?.enum?.every((v) => typeof v === 'string')) return { kind: 'enum', options: s.enum as string[] };
  if (s?.anyOf?.length && s.anyOf.every((a) => typeof a.const === 'string')) return { kind: 'enum', options: s.anyOf.map((a) => a.const as string) };
  const t = Array.isArray(s?.type) ? s!.type.find((x) => x !== 'null') : s?.type;
  if (t === 'string' || t === 'number' || t === 'integer' || t === 'boolean') return { kind: t };
  if (t) return { kind: 'json' };
  if (typeof value === 'boolean') return { kind: 'boolean' };
  if (typeof value === 'number') return { kind: 'number' };
  if (typeof value === 'string') return { kind: 'string' };
  return { kind: 'json' };
}

export function settingsFields(schema: unknown, values: Record<string, unknown>): SettingField[] {
  const props = ((schema as JsonSchema | null)?.properties ?? {}) as Record<string, JsonSchema>;
  const keys = [...new Set([...Object.keys(props), ...Object.keys(values)])];
  return keys.map((key) => {
    const s = props[key];
    const { kind, options } = kindOf(s, values[key]);
    return {
      key,
      label: s?.title ?? humanize(key),
      description: s?.description,
      kind,
      options,
      secret: s?.['x-secret'] === true || s?.secret === true || values[key] === SECRET_MASK,
      defaultValue: s?.default,
    };
  });
}

/** Only what changed; a secret still showing the mask was not touched and is not sent. */
export function settingsPatch(draft: Record<string, unknown>, initial: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(draft)) {
    if (v === SECRET_MASK) continue;
    if (JSON.stringify(v) !== JSON.stringify(initial[k])) out[k] = v;
  }
  return out;
}
