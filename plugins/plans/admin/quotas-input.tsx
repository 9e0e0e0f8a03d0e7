import { useInput, useGetList } from 'react-admin';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import IconButton from '@mui/material/IconButton';
import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import DeleteIcon from '@mui/icons-material/DeleteOutline';
import AddIcon from '@mui/icons-material/Add';
import type { MeterRecord } from './plans-api.ts';

interface Row {
  meter: string;
  quota: number;
  limitType: 'hard' | 'soft';
}

interface QuotasInputProps {
  source?: string;
  label?: string;
  help?: string;
}

/**
 * Edits a plan's `quotas` and `limitTypes` together: one row per meter with its quota and whether the
 * limit is hard (refuse) or soft (allow and report). Meters come from `GET /api/plans/meters`.
 */
export function QuotasInput({ source = 'quotas', ...props }: QuotasInputProps) {
  const quotas = useInput<Record<string, number>>({ source, defaultValue: {} });
  const limitTypes = useInput<Record<string, 'hard' | 'soft'>>({ source: 'limitTypes', defaultValue: {} });
  const q = (quotas.field.value ?? {}) as Record<string, number>;
  const lt = (limitTypes.field.value ?? {}) as Record<string, 'hard' | 'soft'>;
  const write = (next: Row[]) => {
    quotas.field.onChange(Object.fromEntries(next.map((r) => [r.meter, r.quota])));
    limitTypes.field.onChange(Object.fromEntries(next.filter((r) => r.limitType === 'soft').map((r) => [r.meter, 'soft'])));
  };
  return <QuotaRowsEditor {...props} rows={Object.entries(q).map(([meter, quota]) => ({ meter, quota, limitType: lt[meter] ?? 'hard' }))} onChange={write} withLimitTypes />;
}

/** Quotas only (all hard), e.g. the governance limits of tenants without a plan. */
export function HardQuotasInput({ source = 'quotas', ...props }: QuotasInputProps) {
  const quotas = useInput<Record<string, number>>({ source, defaultValue: {} });
  const q = (quotas.field.value ?? {}) as Record<string, number>;
  const write = (next: Row[]) => quotas.field.onChange(Object.fromEntries(next.map((r) => [r.meter, r.quota])));
  return <QuotaRowsEditor {...props} rows={Object.entries(q).map(([meter, quota]) => ({ meter, quota, limitType: 'hard' as const }))} onChange={write} withLimitTypes={false} />;
}

function QuotaRowsEditor({ rows, onChange: write, withLimitTypes, label = 'Quotas per meter', help }: { rows: Row[]; onChange: (rows: Row[]) => void; withLimitTypes: boolean; label?: string; help?: string }) {
  const { data: meters = [] } = useGetList<MeterRecord>('plans/meters', { pagination: { page: 1, perPage: 200 }, sort: { field: 'key', order: 'ASC' } });
  const used = new Set(rows.map((r) => r.meter));
  const unused = meters.filter((m) => !used.has(m.key));
  const labelOf = (key: string) => meters.find((m) => m.key === key)?.label ?? key;

  return (
    <Box sx={{ width: '100%', maxWidth: 720, my: 1 }}>
      <Typography variant="subtitle2" gutterBottom>
        {label}
      </Typography>
      <Typography variant="caption" color="text.secondary" component="p" sx={{ mb: 1 }}>
        {help ?? 'A meter without a quota is unlimited. Hard limits refuse the action (402 with an upgrade hint); soft limits allow it and report the overage.'}
      </Typography>
      {rows.map((row, i) => (
        <Box key={row.meter} sx={{ display: 'flex', gap: 1, alignItems: 'center', mb: 1 }}>
          <TextField size="small" label="Meter" value={labelOf(row.meter)} sx={{ flex: 2 }} slotProps={{ input: { readOnly: true } }} helperText={row.meter} />
          <TextField
            size="small"
            type="number"
            label="Quota"
            value={row.quota}
            error={row.quota < 0}
            helperText={row.quota < 0 ? 'Cannot be negative' : ' '}
            onChange={(e) => write(rows.map((r, j) => (j === i ? { ...r, quota: Math.trunc(Number(e.target.value)) } : r)))}
            sx={{ flex: 1 }}
          />
          {withLimitTypes && (
            <TextField select size="small" label="Limit" value={row.limitType} helperText=" " sx={{ flex: 1 }} onChange={(e) => write(rows.map((r, j) => (j === i ? { ...r, limitType: e.target.value as Row['limitType'] } : r)))}>
              <MenuItem value="hard">Hard</MenuItem>
              <MenuItem value="soft">Soft</MenuItem>
            </TextField>
          )}
          <IconButton aria-label={`Remove ${row.meter}`} onClick={() => write(rows.filter((_, j) => j !== i))} sx={{ mb: 2.5 }}>
            <DeleteIcon />
          </IconButton>
        </Box>
      ))}
      {unused.length > 0 && (
        <TextField
          select
          size="small"
          label="Add a meter"
          value=""
          sx={{ minWidth: 260 }}
          slotProps={{ input: { startAdornment: <AddIcon fontSize="small" sx={{ mr: 1 }} /> } }}
          onChange={(e) => write([...rows, { meter: e.target.value, quota: 0, limitType: 'hard' }])}
        >
          {unused.map((m) => (
            <MenuItem key={m.key} value={m.key}>
              {m.label} <Typography component="span" variant="caption" color="text.secondary" sx={{ ml: 1 }}>{m.key}</Typography>
            </MenuItem>
          ))}
        </TextField>
      )}
      {!meters.length && <Button disabled>Loading meters…</Button>}
    </Box>
  );
}
