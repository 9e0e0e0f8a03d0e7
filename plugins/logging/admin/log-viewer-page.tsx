import { useMemo, useState } from 'react';
import { Title, useNotify } from 'react-admin';
import { useLocation, useNavigate } from 'react-router-dom';
import { useInfiniteQuery } from '@tanstack/react-query';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import Chip from '@mui/material/Chip';
import FormControlLabel from '@mui/material/FormControlLabel';
import Skeleton from '@mui/material/Skeleton';
import Switch from '@mui/material/Switch';
import Typography from '@mui/material/Typography';
import { LogFilterBar } from './log-filter-bar.tsx';
import { LogTable } from './log-table.tsx';
import { useLiveTail } from './live-tail.ts';
import { downloadExport } from './export-download.ts';
import { filterParams, filtersFromUrl, filtersToUrl, useLoggingApi, useLoggingSession, type LogFilters, type LogPage } from './logging-api.ts';

/** `/logging/logs`: search with filters, newest first, older pages on demand; live tail; CSV/NDJSON export. */
export function LogViewerPage() {
  const api = useLoggingApi();
  const notify = useNotify();
  const session = useLoggingSession();
  const location = useLocation();
  const navigate = useNavigate();
  // The filters live in the URL: a link shares them, a reload keeps them, Back returns to the previous search.
  const filters = useMemo(() => filtersFromUrl(location.search), [location.search]);
  const setFilters = (f: LogFilters) => navigate({ search: filtersToUrl(f) });
  const [live, setLive] = useState(false);
  const [stamp, setStamp] = useState(() => Date.now());
  const query = useMemo(() => filterParams(filters, stamp).toString(), [filters, stamp]);
  const liveQuery = useMemo(() => {
    const p = filterParams(filters);
    p.delete('from');
    return p.toString();
  }, [filters]);

  const pages = useInfiniteQuery({
    queryKey: ['logging', 'logs', query, session.headers['X-Tenant-Id'] ?? '*'],
    queryFn: ({ pageParam }) => api<LogPage>(`/logging/logs?${query}&limit=100${pageParam ? `&cursor=${pageParam}` : ''}`),
    initialPageParam: '' as string,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled: !live,
  });
  const tail = useLiveTail(liveQuery, session.headers, live);
  const lines = live ? tail.lines : pages.data?.pages.flatMap((p) => p.items) ?? [];
  const showTenant = session.acrossTenants;

  const exportAs = (format: 'csv' | 'ndjson') => downloadExport(query, format, session.headers).catch((err) => notify((err as Error).message, { type: 'error' }));

  return (
    <Box sx={{ p: 2, display: 'grid', gap: 2 }}>
      <Title title={session.tenant ? `Logs of ${session.tenant.name}` : 'Logs (all tenants)'} />
      <LogFilterBar key={location.search} value={filters} onChange={(f) => (setFilters(f), setStamp(Date.now()))} showTenant={showTenant} />
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, flexWrap: 'wrap' }}>
        <FormControlLabel control={<Switch checked={live} onChange={(e) => setLive(e.target.checked)} />} label="Live tail" />
        {live && <Chip size="small" color={tail.connected ? 'success' : 'default'} label={tail.connected ? 'streaming' : 'connecting…'} />}
        {live && tail.skipped > 0 && <Chip size="small" color="warning" label={`${tail.skipped} lines skipped (rate limit); search has them all`} />}
        <Box sx={{ flex: 1 }} />
        {!live && <Button size="small" onClick={() => (setStamp(Date.now()), void pages.refetch())}>Refresh</Button>}
        <Button size="small" onClick={() => void exportAs('csv')}>Export CSV</Button>
        <Button size="small" onClick={() => void exportAs('ndjson')}>Export NDJSON</Button>
      </Box>
      {(pages.error || tail.error) && <Alert severity="error">{tail.error ?? (pages.error as Error).message}</Alert>}
      <Card variant="outlined">
        {!live && pages.isPending ? (
          <Skeleton variant="rounded" height={320} />
        ) : lines.length ? (
          <LogTable lines={lines} showTenant={showTenant} />
        ) : (
          <Typography sx={{ p: 3 }} color="text.secondary">
            {live ? 'Waiting for lines that match these filters…' : 'No lines match these filters in this time range.'}
          </Typography>
        )}
      </Card>
      {!live && pages.hasNextPage && (
        <Button onClick={() => void pages.fetchNextPage()} disabled={pages.isFetchingNextPage} sx={{ justifySelf: 'center' }}>
          {pages.isFetchingNextPage ? 'Loading…' : 'Older lines'}
        </Button>
      )}
    </Box>
  );
}
