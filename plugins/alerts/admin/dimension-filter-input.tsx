import { useInput } from 'react-admin';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import IconButton from '@mui/material/IconButton';
import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import DeleteIcon from '@mui/icons-material/Delete';
import { DIMENSION_KEYS } from './alerts-api.ts';

/** The rule's dimension filter, an object `{ route: '/api/build' }`, edited as key/value rows. */
export function DimensionFilterInput({ source }: { source: string }) {
  const { field } = useInput({ source, defaultValue: {} });
  const value = (field.value ?? {}) as Record<string, string>;
  const rows = Object.entries(value);
  const set = (next: [string, string][]) => field.onChange(Object.fromEntries(next));
  return (
    <Box sx={{ mb: 2 }}>
      <Typography variant="subtitle2">Dimension filter</Typography>
      {rows.map(([k, v], i) => (
        <Box key={i} sx={{ display: 'flex', gap: 1, alignItems: 'center', mt: 1 }}>
          <TextField select size="small" label="Dimension" value={k} sx={{ minWidth: 160 }} onChange={(e) => set(rows.map((r, j) => (j === i ? [e.target.value, r[1]] : r)))}>
            {DIMENSION_KEYS.map((d) => (
              <MenuItem key={d} value={d}>{d}</MenuItem>
            ))}
          </TextField>
          <TextField size="small" label="Value" value={v} onChange={(e) => set(rows.map((r, j) => (j === i ? [r[0], e.target.value] : r)))} />
          <IconButton aria-label="Remove" onClick={() => set(rows.filter((_, j) => j !== i))}>
            <DeleteIcon fontSize="small" />
          </IconButton>
        </Box>
      ))}
      <Button size="small" sx={{ mt: 1 }} onClick={() => set([...rows, [DIMENSION_KEYS.find((d) => !(d in value)) ?? 'route', '']])}>
        Add dimension
      </Button>
    </Box>
  );
}
