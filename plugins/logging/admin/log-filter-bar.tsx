import { useState } from 'react';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import ToggleButton from '@mui/material/ToggleButton';
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup';
import { LEVELS, type Level, type LogFilters } from './logging-api.ts';

const RANGES: [LogFilters['range'], string][] = [['15m', 'Last 15 minutes'], ['1h', 'Last hour'], ['24h', 'Last 24 hours'], ['7d', 'Last 7 days'], ['30d', 'Last 30 days']];

/** Time range, levels and field filters; text fields apply on Enter or "Search". */
export function LogFilterBar({ value, onChange, showTenant }: { value: LogFilters; onChange: (f: LogFilters) => void; showTenant: boolean }) {
  const [draft, setDraft] = useState(value);
  const apply = (next: Partial<LogFilters> = {}) => {
    const f = { ...draft, ...next };
    setDraft(f);
    onChange(f);
  };
  const field = (key: 'q' | 'service' | 'action' | 'userId' | 'requestId' | 'tenantId', label: string, width: number) => (
    <TextField size="small" label={label} value={draft[key]} sx={{ width }} onChange={(e) => setDraft({ ...draft, [key]: e.target.value })} onKeyDown={(e) => e.key === 'Enter' && apply()} inputProps={{ maxLength: key === 'q' ? 200 : 200 }} />
  );
  return (
    <Box sx={{ display: 'flex', gap: 1, flexWrap: 'wrap', alignItems: 'center' }}>
      <TextField select size="small" label="Time" value={draft.range} onChange={(e) => apply({ range: e.target.value as LogFilters['range'] })} sx={{ width: 170 }}>
        {RANGES.map(([v, l]) => (
          <MenuItem key={v} value={v}>{l}</MenuItem>
        ))}
      </TextField>
      <ToggleButtonGroup size="small" value={draft.levels} onChange={(_, levels: Level[]) => apply({ levels })} aria-label="levels">
        {LEVELS.map((l) => (
          <ToggleButton key={l} value={l} sx={{ px: 1.2 }}>{l}</ToggleButton>
        ))}
      </ToggleButtonGroup>
      {field('q', 'Words in message', 220)}
      {field('service', 'Service', 130)}
      {field('action', 'Action', 140)}
      {field('userId', 'User id', 150)}
      {field('requestId', 'Request id', 170)}
      {showTenant && field('tenantId', 'Tenant id', 170)}
      <Button variant="contained" size="small" onClick={() => apply()}>Search</Button>
    </Box>
  );
}
