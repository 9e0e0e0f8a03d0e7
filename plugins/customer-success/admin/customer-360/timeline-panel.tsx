import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import type { Customer360PanelProps } from '@platform/sdk/admin';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import ListItemText from '@mui/material/ListItemText';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { customerPath, listQuery, useConsoleApi, usePanelData, when } from './panel-api.ts';

interface Item {
  id: string;
  at: string;
  kind: string;
  summary: string;
  actor: string | null;
}
interface Incident {
  id: string;
  title: string;
  severity: number;
  status: string;
  startedAt: string;
}

const KINDS = ['login', 'plan', 'incident', 'customer-success', 'audit'];
/** Audit items per page: the route's default. */
const PAGE = 100;

/** One timeline of the tenant's audit trail (logins, plan changes, staff actions) and the incidents that affected it, newest first. */
export function TimelinePanel({ tenantId }: Customer360PanelProps) {
  const audit = usePanelData<Item[]>(['timeline', tenantId], customerPath(tenantId, '360/timeline'));
  const api = useConsoleApi();
  const incidents = useQuery({
    queryKey: ['customer-360', 'incidents', tenantId],
    queryFn: () => api<Incident[]>(`/incidents/incidents?${listQuery({ tenantId }, 25, ['startedAt', 'DESC'])}`, { tenant: tenantId }),
    retry: false,
  });
  const [hidden, setHidden] = useState<Set<string>>(new Set());
  const [older, setOlder] = useState<{ items: Item[]; done: boolean; loading: boolean; error: string | null }>({ items: [], done: audit.length < PAGE, loading: false, error: null });
  const loadOlder = async () => {
    const last = older.items.at(-1) ?? audit.at(-1);
    if (!last) return;
    setOlder((o) => ({ ...o, loading: true, error: null }));
    try {
      const page = await api<Item[]>(customerPath(tenantId, `360/timeline?limit=${PAGE}&before=${encodeURIComponent(last.id)}`));
      setOlder((o) => ({ items: [...o.items, ...page], done: page.length < PAGE, loading: false, error: null }));
    } catch (err) {
      setOlder((o) => ({ ...o, loading: false, error: (err as Error).message }));
    }
  };
  const merged: Item[] = [
    ...audit,
    ...older.items,
    ...(incidents.data ?? []).map((i) => ({ id: `incident:${i.id}`, at: i.startedAt, kind: 'incident', summary: `SEV${i.severity} ${i.title} (${i.status})`, actor: null })),
  ].sort((a, b) => b.at.localeCompare(a.at));
  const shown = merged.filter((i) => !hidden.has(i.kind));
  return (
    <Box data-testid="timeline-panel">
      <Stack direction="row" spacing={0.5} sx={{ mb: 1, flexWrap: 'wrap', gap: 0.5 }}>
        {KINDS.map((k) => (
          <Chip
            key={k}
            size="small"
            label={`${k} (${merged.filter((i) => i.kind === k).length})`}
            variant={hidden.has(k) ? 'outlined' : 'filled'}
            onClick={() => setHidden((h) => (h.has(k) ? new Set([...h].filter((x) => x !== k)) : new Set([...h, k])))}
          />
        ))}
      </Stack>
      {incidents.isError ? <Typography variant="caption" color="text.secondary">Incidents unavailable: {(incidents.error as Error).message}</Typography> : null}
      {shown.length === 0 ? <Typography variant="body2">No activity</Typography> : null}
      <List dense disablePadding sx={{ maxHeight: 360, overflow: 'auto' }}>
        {shown.map((i) => (
          <ListItem key={i.id} disableGutters>
            <ListItemText primary={i.summary} secondary={`${i.kind} · ${when(i.at)}${i.actor ? ` · ${i.actor}` : ''}`} />
          </ListItem>
        ))}
      </List>
      {older.error ? <Typography variant="caption" color="error">Older activity failed to load: {older.error}</Typography> : null}
      {older.done ? null : (
        <Button size="small" onClick={loadOlder} disabled={older.loading}>
          {older.loading ? 'Loading…' : 'Load older activity'}
        </Button>
      )}
    </Box>
  );
}
