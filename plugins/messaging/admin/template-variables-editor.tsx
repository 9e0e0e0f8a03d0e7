import Button from '@mui/material/Button';
import IconButton from '@mui/material/IconButton';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import Switch from '@mui/material/Switch';
import TextField from '@mui/material/TextField';
import Tooltip from '@mui/material/Tooltip';
import Close from '@mui/icons-material/Close';

export interface VariableDraft {
  name: string;
  type: 'string' | 'number' | 'boolean' | 'date' | 'list' | 'object';
  required: boolean;
  /** The sample as typed; `variableOf` reads it by type. */
  sample: string;
}

const TYPES: VariableDraft['type'][] = ['string', 'number', 'boolean', 'date', 'list', 'object'];

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
  return { name: v.name, type: (TYPES.includes(v.type as VariableDraft['type']) ? v.type : 'string') as VariableDraft['type'], required: v.required !== false, sample };
}

/** The template's declared variables: name, type, required, sample (what the preview uses). */
export function TemplateVariablesEditor({ value, onChange, errorFor }: { value: VariableDraft[]; onChange: (next: VariableDraft[]) => void; errorFor: (field: string) => string | null }) {
  const set = (i: number, patch: Partial<VariableDraft>) => onChange(value.map((v, j) => (j === i ? { ...v, ...patch } : v)));
  return (
    <Stack spacing={1}>
      {value.map((v, i) => {
        const nameError = errorFor(`variables[${i}].name`) ?? errorFor(`variables/${i}/name`) ?? errorFor(`variables.${i}.name`);
        return (
          <Stack key={i} direction="row" spacing={1} alignItems="center">
            <TextField size="small" label="Name" sx={{ width: 180, flexShrink: 0 }} value={v.name} onChange={(e) => set(i, { name: e.target.value })} error={!!nameError} helperText={nameError} />
            <TextField size="small" select label="Type" value={v.type} onChange={(e) => set(i, { type: e.target.value as VariableDraft['type'] })} sx={{ width: 120, flexShrink: 0 }}>
              {TYPES.map((t) => <MenuItem key={t} value={t}>{t}</MenuItem>)}
            </TextField>
            <Tooltip title="Required"><Switch size="small" checked={v.required} onChange={(e) => set(i, { required: e.target.checked })} /></Tooltip>
            <TextField size="small" label="Sample" value={v.sample} onChange={(e) => set(i, { sample: e.target.value })} sx={{ flex: 1, minWidth: 160 }} helperText={v.type === 'list' || v.type === 'object' ? 'JSON' : undefined} />
            <IconButton size="small" aria-label="Remove variable" onClick={() => onChange(value.filter((_, j) => j !== i))}><Close fontSize="small" /></IconButton>
          </Stack>
        );
      })}
      <div>
        <Button size="small" onClick={() => onChange([...value, { name: '', type: 'string', required: true, sample: '' }])}>Add variable</Button>
      </div>
    </Stack>
  );
}
