import { useMemo, useState } from 'react';
import { Title, useNotify } from 'react-admin';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCanCall } from '@platform/sdk/admin/use-can-call';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import MenuItem from '@mui/material/MenuItem';
import Skeleton from '@mui/material/Skeleton';
import Stack from '@mui/material/Stack';
import Tab from '@mui/material/Tab';
import Tabs from '@mui/material/Tabs';
import TextField from '@mui/material/TextField';
import { BUCKET_CHOICES, SORT_CHOICES, downloadHealthCsv, useHealthApi, type ScoreRow } from './health-api.ts';
import { ScoreBreakdown } from './score-breakdown.tsx';
import { ScoreTable } from './score-table.tsx';

type View = 'at-risk' | 'changes' | 'all';

/**
 * Customer health (staff): the at-risk list (soonest renewal first), the ±20-point changes, and every tenant with
 * filters (bucket, plan, tag, renewal) and sort; CSV export of the filtered list; a tenant's breakdown beside the
 * list. "Recompute now" shows only to those who may call it.
 */
export function CustomerHealthPage() {
  const api = useHealthApi();
  const notify = useNotify();
  const client = useQueryClient();
  const [view, setView] = useState<View>('at-risk');
  const [bucket, setBucket] = useState('');
  const [plan, setPlan] = useState('');
  const [tag, setTag] = useState('');
  const [renewsBefore, setRenewsBefore] = useState('');
  const [sort, setSort] = useState('total');
  const [changeDays, setChangeDays] = useState<7 | 30>(7);
  const [selected, setSelected] = useState<string | null>(null);
  const { canCall: canRecompute } = useCanCall('POST', '/customer-success/score/recompute');

  const query = useMemo(() => {
    const p = new URLSearchParams();
    if (bucket) p.set('bucket', bucket);
    if (plan.trim()) p.set('plan', plan.trim());
    if (tag.trim()) p.set('tag', tag.trim());
    if (renewsBefore) p.set('renewsBefore', new Date(`${renewsBefore}T00:00:00Z`).toISOString());
    p.set('sort', sort);
    return p.toString();
  }, [bucket, plan, tag, renewsBefore, sort]);

  const path = view === 'at-risk' ? '/customer-success/score/at-risk' : view === 'changes' ? `/customer-success/score/changes?days=${changeDays}` : `/customer-success/score?${query}&limit=1000`;
  const list = useQuery({ queryKey: ['customer-success', 'list', path], queryFn: () => api<ScoreRow[]>(path) });
  const recompute = useMutation({
    mutationFn: () => api<{ tenants: number }>('/customer-success/score/recompute', { method: 'POST', body: {} }),
    onSuccess: (r) => {
      notify(`Recomputed ${r.tenants} tenants`, { type: 'success' });
      void client.invalidateQueries({ queryKey: ['customer-success'] });
    },
    onError: (err) => notify((err as Error).message, { type: 'error' }),
  });

  return (
    <Box sx={{ p: 2 }}>
      <Title title="Customer health" />
      <Stack direction="row" spacing={1} sx={{ mb: 2 }} alignItems="center">
        <Tabs value={view} onChange={(_e, v: View) => setView(v)} sx={{ flexGrow: 1 }}>
          <Tab value="at-risk" label="At risk" />
          <Tab value="changes" label="Changes ±20" />
          <Tab value="all" label="All tenants" />
        </Tabs>
        <Button variant="outlined" onClick={() => downloadHealthCsv(view === 'all' ? query : '').catch((err) => notify((err as Error).message, { type: 'error' }))}>
          Export CSV
        </Button>
        {canRecompute ? (
          <Button variant="contained" disabled={recompute.isPending} onClick={() => recompute.mutate()}>
            Recompute now
          </Button>
        ) : null}
      </Stack>
      {view === 'all' ? (
        <Stack direction="row" spacing={1} sx={{ mb: 2 }} flexWrap="wrap" useFlexGap>
          <TextField select size="small" label="Bucket" value={bucket} onChange={(e) => setBucket(e.target.value)} sx={{ minWidth: 140 }}>
            <MenuItem value="">Any</MenuItem>
            {BUCKET_CHOICES.map((b) => (
              <MenuItem key={b.id} value={b.id}>
                {b.name}
              </MenuItem>
            ))}
          </TextField>
          <TextField size="small" label="Plan" value={plan} onChange={(e) => setPlan(e.target.value)} inputProps={{ maxLength: 100 }} />
          <TextField size="small" label="Tag" value={tag} onChange={(e) => setTag(e.target.value)} inputProps={{ maxLength: 100 }} />
          <TextField size="small" type="date" label="Renews before" value={renewsBefore} onChange={(e) => setRenewsBefore(e.target.value)} InputLabelProps={{ shrink: true }} />
          <TextField select size="small" label="Sort" value={sort} onChange={(e) => setSort(e.target.value)} sx={{ minWidth: 200 }}>
            {SORT_CHOICES.map((s) => (
              <MenuItem key={s.id} value={s.id}>
                {s.name}
              </MenuItem>
            ))}
          </TextField>
        </Stack>
      ) : null}
      {view === 'changes' ? (
        <TextField select size="small" label="Against" value={changeDays} onChange={(e) => setChangeDays(Number(e.target.value) as 7 | 30)} sx={{ mb: 2, minWidth: 160 }}>
          <MenuItem value={7}>7 days ago</MenuItem>
          <MenuItem value={30}>30 days ago</MenuItem>
        </TextField>
      ) : null}
      <Stack direction={{ xs: 'column', lg: 'row' }} spacing={2} alignItems="flex-start">
        <Card sx={{ flex: 3, width: '100%' }}>
          <CardContent>
            {list.isPending ? (
              <Skeleton variant="rectangular" height={240} />
            ) : list.isError ? (
              <Alert severity="error">{(list.error as Error).message}</Alert>
            ) : (
              <ScoreTable
                rows={list.data}
                selected={selected}
                onSelect={setSelected}
                empty={view === 'at-risk' ? 'No tenant is at risk.' : view === 'changes' ? 'No score moved by 20 points or more.' : 'No scores yet: they are computed nightly, or recompute now.'}
              />
            )}
          </CardContent>
        </Card>
        <Card sx={{ flex: 2, width: '100%' }}>
          <CardContent>{selected ? <ScoreBreakdown tenantId={selected} /> : <Alert severity="info">Pick a tenant to see its breakdown.</Alert>}</CardContent>
        </Card>
      </Stack>
    </Box>
  );
}
