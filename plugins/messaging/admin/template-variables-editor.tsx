import Button from '@mui/material/Button';
import IconButton from '@mui/material/IconButton';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import Switch from '@mui/material/Switch';
import TextField from '@mui/material/TextField';
import Tooltip from '@mui/material/Tooltip';
import Close from '@mui/icons-material/Close';
import { VARIABLE_TYPES, type VariableDraft } from './template-variable-draft.ts';

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
              {VARIABLE_TYPES.map((t) => <MenuItem key={t} value={t}>{t}</MenuItem>)}
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
