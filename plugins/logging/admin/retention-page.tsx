import { useEffect, useMemo, useState } from 'react';
import { Title, useNotify } from 'react-admin';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Skeleton from '@mui/material/Skeleton';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { DebugWindowsCard } from './debug-windows-card.tsx';
import { LEVELS, formatBytes, useLoggingApi, type Level, type LoggingSettings, type SettingsResponse } from './logging-api.ts';

const list = (s: string) => s.split(',').map((x) => x.trim()).filter(Boolean);

/** `/logging/settings`: retention per level, PII redaction, DEBUG windows, and what storage holds per day. */
export function RetentionPage() {
  const api = useLoggingApi();
  const notify = useNotify();
  const queries = useQueryClient();
  const current = useQuery({ queryKey: ['logging', 'settings'], queryFn: () => api<SettingsResponse>('/logging/settings') });
  const [draft, setDraft] = useState<LoggingSettings | null>(null);
  const [paths, setPaths] = useState('');
  const [keys, setKeys] = useState('');
  const [saving, setSaving] = useState(false);
  useEffect(() => {
    if (!current.data) return;
    setDraft(current.data.settings);
    setPaths(current.data.settings.piiPaths.join(', '));
    setKeys(current.data.settings.piiKeys.join(', '));
  }, [current.data]);

  const days = useMemo(() => {
    const byDay = new Map<string, Partial<Record<Level, { rows: number; bytes: number }>>>();
    for (const p of current.data?.partitions ?? []) {
      if (!p.day || !p.level) continue;
      byDay.set(p.day, { ...(byDay.get(p.day) ?? {}), [p.level]: { rows: p.estimatedRows, bytes: p.bytes } });
    }
    return [...byDay.entries()].sort(([a], [b]) => (a < b ? 1 : -1));
  }, [current.data]);

  const save = async () => {
    if (!draft) return;
    setSaving(true);
    try {
      await api('/logging/settings', { method: 'PUT', body: { ...draft, piiPaths: list(paths), piiKeys: list(keys) } });
      notify('Logging settings saved; partitions past the new retention were dropped', { type: 'success' });
      await queries.invalidateQueries({ queryKey: ['logging', 'settings'] });
    } catch (err) {
      notify((err as Error).message, { type: 'error' });
    } finally {
      setSaving(false);
    }
  };

  if (current.error) return <Alert severity="error" sx={{ m: 2 }}>{(current.error as Error).message}</Alert>;
  if (!draft) return <Skeleton variant="rounded" height={360} sx={{ m: 2 }} />;
  return (
    <Box sx={{ p: 2, display: 'grid', gap: 2 }}>
      <Title title="Log retention" />
      <Card variant="outlined">
        <CardContent sx={{ display: 'grid', gap: 2 }}>
          <Typography variant="subtitle1">Retention per level (days)</Typography>
          <Typography variant="body2" color="text.secondary">
            Each day is a partition with one table per level; a level's table is dropped once all of it is older than its retention, so lines live between N and N + 1 days (DEBUG is also trimmed to exactly N).
          </Typography>
          <Box sx={{ display: 'flex', gap: 2, flexWrap: 'wrap' }}>
            {LEVELS.map((l) => (
              <TextField key={l} size="small" type="number" label={l.toUpperCase()} value={draft.retentionDays[l]} inputProps={{ min: 1, max: 400 }} sx={{ width: 110 }}
                onChange={(e) => setDraft({ ...draft, retentionDays: { ...draft.retentionDays, [l]: Number(e.target.value) } })} />
            ))}
            <TextField size="small" type="number" label="Partitions ahead (days)" value={draft.partitionsAheadDays} inputProps={{ min: 1, max: 14 }} sx={{ width: 190 }}
              onChange={(e) => setDraft({ ...draft, partitionsAheadDays: Number(e.target.value) })} />
            <TextField size="small" type="number" label="Longest DEBUG window (min)" value={draft.maxDebugWindowMinutes} sx={{ width: 210 }}
              onChange={(e) => setDraft({ ...draft, maxDebugWindowMinutes: Number(e.target.value) })} />
          </Box>
          <Typography variant="subtitle1">Personal data</Typography>
          <TextField size="small" label="Redacted paths in data (comma-separated, * = any key)" placeholder="customer.email, *.phone" value={paths} onChange={(e) => setPaths(e.target.value)} />
          <TextField size="small" label="Redacted keys anywhere (comma-separated)" placeholder="email, phone" value={keys} onChange={(e) => setKeys(e.target.value)} />
          <Typography variant="caption" color="text.secondary">Passwords, tokens, API keys, cookies and card numbers are always redacted. Rules apply to new lines on every instance at once.</Typography>
          <Box>
            <Button variant="contained" disabled={saving} onClick={() => void save()}>Save</Button>
          </Box>
        </CardContent>
      </Card>
      <DebugWindowsCard />
      <Card variant="outlined">
        <CardContent>
          <Typography variant="subtitle1" sx={{ mb: 1 }}>Storage by day</Typography>
          {current.data?.pipeline && (
            <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
              This instance: {current.data.pipeline.buffered} of {current.data.pipeline.capacity} lines buffered; dropped on overflow: {LEVELS.map((l) => `${l} ${current.data!.pipeline!.dropped[l]}`).join(', ')}.
            </Typography>
          )}
          <Table size="small">
            <TableHead>
              <TableRow>
                <TableCell>Day (UTC)</TableCell>
                {LEVELS.map((l) => <TableCell key={l} align="right">{l.toUpperCase()}</TableCell>)}
              </TableRow>
            </TableHead>
            <TableBody>
              {days.map(([day, levels]) => (
                <TableRow key={day}>
                  <TableCell>{day}</TableCell>
                  {LEVELS.map((l) => (
                    <TableCell key={l} align="right" sx={{ color: levels[l] ? undefined : 'text.disabled' }}>
                      {levels[l] ? `${levels[l]!.rows.toLocaleString()} rows · ${formatBytes(levels[l]!.bytes)}` : 'dropped'}
                    </TableCell>
                  ))}
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </CardContent>
      </Card>
    </Box>
  );
}
