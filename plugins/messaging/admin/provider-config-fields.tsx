import FormControlLabel from '@mui/material/FormControlLabel';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import Switch from '@mui/material/Switch';
import TextField from '@mui/material/TextField';
import type { JsonSchemaProperty, ProviderType } from './messaging-api.ts';

/** What the API shows in place of a stored secret; sent back unchanged, the secret keeps its value. */
export const SECRET_MASK = '••••••';

function typeOf(p: JsonSchemaProperty): string {
  if (p.anyOf) return typeOf(p.anyOf.find((x) => x.type !== 'null') ?? {});
  return Array.isArray(p.type) ? p.type.find((t) => t !== 'null') ?? 'string' : p.type ?? 'string';
}

/** The initial values of a new configuration: each field's schema default. */
export function defaultsOf(type: ProviderType): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, p] of Object.entries(type.configSchema.properties ?? {})) if (p.default !== undefined) out[key] = p.default;
  return out;
}

/**
 * A provider's settings form, generated from its config schema: text, number, boolean and enum fields;
 * secret fields (`x-secret`) as password inputs that show the mask until replaced. `errorField` is the
 * field a 400 named (e.g. `config.apiKey`).
 */
export function ProviderConfigFields({ type, value, onChange, errorField, errorText }: {
  type: ProviderType;
  value: Record<string, unknown>;
  onChange: (next: Record<string, unknown>) => void;
  errorField?: string | null;
  errorText?: string | null;
}) {
  const required = new Set(type.configSchema.required ?? []);
  const set = (key: string, v: unknown) => onChange({ ...value, [key]: v });
  return (
    <Stack spacing={2}>
      {Object.entries(type.configSchema.properties ?? {}).map(([key, p]) => {
        const label = `${p.title ?? key}${required.has(key) ? ' *' : ''}`;
        const bad = errorField === `config.${key}` || errorField === `config/${key}` || errorField === key;
        const help = bad ? errorText : p['x-secret'] ? `${p.description ?? ''}${value[key] === SECRET_MASK ? ' (stored; type to replace)' : ''}`.trim() : p.description;
        const kind = typeOf(p);
        if (kind === 'boolean') {
          return <FormControlLabel key={key} control={<Switch checked={value[key] === true} onChange={(e) => set(key, e.target.checked)} />} label={label} />;
        }
        if (p.enum) {
          return (
            <TextField key={key} select label={label} value={value[key] ?? ''} onChange={(e) => set(key, e.target.value)} error={bad} helperText={help} fullWidth>
              {p.enum.map((v) => <MenuItem key={String(v)} value={String(v)}>{String(v)}</MenuItem>)}
            </TextField>
          );
        }
        const numeric = kind === 'number' || kind === 'integer';
        return (
          <TextField
            key={key}
            label={label}
            name={`config.${key}`}
            type={p['x-secret'] ? 'password' : numeric ? 'number' : 'text'}
            value={value[key] === undefined || value[key] === null ? '' : String(value[key])}
            onChange={(e) => set(key, numeric ? (e.target.value === '' ? undefined : Number(e.target.value)) : e.target.value === '' ? undefined : e.target.value)}
            onFocus={(e) => p['x-secret'] && value[key] === SECRET_MASK && e.target.select()}
            error={bad}
            helperText={help}
            autoComplete={p['x-secret'] ? 'new-password' : 'off'}
            fullWidth
          />
        );
      })}
    </Stack>
  );
}
