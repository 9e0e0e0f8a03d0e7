/**
 * A small, valid-looking value for a route's JSON schema (from the OpenAPI document), so that a walk over the
 * route table reaches handlers instead of stopping at body validation. Every field that names a tenant
 * (`tenantId`, `affectedTenantIds`, ...) names `tenantId`; other ids take `someId`.
 */
export interface SampleTargets {
  tenantId: string;
  someId: string;
}

type Schema = Record<string, any>;

const STRING_CANDIDATES = ['walk', 'walk-1', 'walk_1', 'a', 'abc', 'w1', 'GET', '1', 'x.y', 'walk@b.test'];

export function sampleOf(schema: Schema | undefined, name: string, t: SampleTargets, depth = 0): unknown {
  if (!schema || depth > 6) return undefined;
  if (schema.const !== undefined) return schema.const;
  if (Array.isArray(schema.enum) && schema.enum.length) return schema.enum[0];
  if (schema.default !== undefined && !/tenant/i.test(name)) return schema.default;
  const options: Schema[] | undefined = schema.anyOf ?? schema.oneOf;
  if (options) {
    const real = options.filter((o) => o.type !== 'null');
    return sampleOf(real[0] ?? options[0], name, t, depth + 1);
  }
  if (schema.allOf) return Object.assign({}, ...schema.allOf.map((s: Schema) => sampleOf(s, name, t, depth + 1)));
  const type = Array.isArray(schema.type) ? schema.type.find((x: string) => x !== 'null') : schema.type;
  switch (type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      const props: Record<string, Schema> = schema.properties ?? {};
      const required = new Set<string>(schema.required ?? []);
      for (const [key, prop] of Object.entries(props)) {
        if (!required.has(key) && !/tenant/i.test(key)) continue;
        const v = sampleOf(prop, key, t, depth + 1);
        if (v !== undefined) out[key] = v;
      }
      return out;
    }
    case 'array': {
      const item = sampleOf(schema.items, name.replace(/s$/, ''), t, depth + 1);
      const n = Math.max(schema.minItems ?? 0, /tenant/i.test(name) ? 1 : 0);
      return Array.from({ length: n }, () => item);
    }
    case 'integer':
    case 'number': {
      const min = schema.minimum ?? (schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + 1 : 1);
      return Math.min(Math.max(min, 1), schema.maximum ?? Number.MAX_SAFE_INTEGER);
    }
    case 'boolean':
      return true;
    case 'string':
      return sampleString(schema, name, t);
    default:
      return /tenant/i.test(name) ? t.tenantId : undefined;
  }
}

function sampleString(schema: Schema, name: string, t: SampleTargets): string {
  if (/tenant/i.test(name)) return t.tenantId;
  switch (schema.format) {
    case 'uuid':
      return t.someId;
    case 'date-time':
      return new Date(Date.now() + 3_600_000).toISOString();
    case 'date':
      return new Date().toISOString().slice(0, 10);
    case 'email':
      return 'walk@b.test';
    case 'uri':
    case 'url':
      return 'http://127.0.0.1:9/walk';
  }
  const min = schema.minLength ?? 0;
  const max = schema.maxLength ?? 1000;
  const pattern = schema.pattern ? new RegExp(schema.pattern) : null;
  for (const c of STRING_CANDIDATES) {
    const v = c.length >= min ? c : c.padEnd(min, 'x');
    if (v.length <= max && (!pattern || pattern.test(v))) return v;
  }
  return 'a'.repeat(Math.max(min, 1));
}
