import { useMemo } from 'react';
import { useLocation, useNavigate } from 'react-router-dom';
import { useQuery } from '@tanstack/react-query';
import { Title } from 'react-admin';
import Alert from '@mui/material/Alert';
import Autocomplete from '@mui/material/Autocomplete';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { AGGREGATIONS, useMetricsApi, type MetricInfo, type SeriesAnswer } from './metrics-api.ts';
import { EXPLORER_RANGES as RANGES, explorerQueryFromUrl, explorerQueryToUrl, type ExplorerQuery, type ExplorerRange } from './explorer-query.ts';
const COLORS = ['#6366f1', '#ef4444', '#0ea5e9', '#22c55e', '#f59e0b', '#a855f7', '#14b8a6', '#64748b'];

/**
 * Any recorded metric over time: pick a metric, an aggregation, a dimension to split by, a range. The choice
 * lives in the URL, so a link shares it and a reload keeps it.
 */
export function MetricsExplorerPage() {
  const api = useMetricsApi();
  const location = useLocation();
  const navigate = useNavigate();
  const catalog = useQuery({ queryKey: ['metrics', 'catalog'], queryFn: () => api<MetricInfo[]>('/metrics/catalog') });
  const chosen = useMemo(() => explorerQueryFromUrl(location.search), [location.search]);
  const { aggregation, groupBy, range } = chosen;
  const choose = (next: Partial<ExplorerQuery>) => navigate({ search: explorerQueryToUrl({ ...chosen, ...next }) });
  // The URL names the metric; its kind and dimensions come from the catalog once it is loaded.
  const metric: MetricInfo | null = chosen.metric ? catalog.data?.find((m) => m.name === chosen.metric) ?? { name: chosen.metric, kind: 'counter', dimensions: [] } : null;
  const series = useQuery({
    enabled: !!metric,
    queryKey: ['metrics', 'series', metric?.name, aggregation, groupBy, range],
    queryFn: () => {
      const from = new Date(Date.now() - RANGES[range] * 3_600_000).toISOString();
      const params = new URLSearchParams({ metric: metric!.name, from });
      if (aggregation) params.set('aggregation', aggregation);
      if (groupBy) params.set('groupBy', groupBy);
      return api<SeriesAnswer>(`/metrics/series?${params}`);
    },
  });
  const chart = useMemo(() => {
    const data = series.data;
    if (!data) return { rows: [], keys: [] as string[] };
    const keys = data.series.map((s) => Object.values(s.labels).join(' ') || data.metric);
    const rows = (data.series[0]?.points ?? []).map((p, i) => ({ at: p.at, ...Object.fromEntries(data.series.map((s, k) => [keys[k], s.points[i]?.value ?? null])) }));
    return { rows, keys };
  }, [series.data]);
  return (
    <Stack spacing={2} sx={{ mt: 2 }}>
      <Title title="Metrics explorer" />
      <Stack direction={{ xs: 'column', md: 'row' }} spacing={2}>
        <Autocomplete
          sx={{ minWidth: 320 }}
          options={catalog.data ?? []}
          loading={catalog.isPending}
          getOptionLabel={(m) => `${m.name} (${m.kind})`}
          value={metric}
          isOptionEqualToValue={(a, b) => a.name === b.name}
          onChange={(_, v) => choose({ metric: v?.name ?? '', groupBy: '' })}
          renderInput={(params) => <TextField {...params} label="Metric" />}
        />
        <TextField select label="Aggregation" value={aggregation} onChange={(e) => choose({ aggregation: e.target.value })} sx={{ minWidth: 160 }}>
          <MenuItem value="">default</MenuItem>
          {AGGREGATIONS.map((a) => (
            <MenuItem key={a} value={a}>{a}</MenuItem>
          ))}
        </TextField>
        <TextField select label="Split by" value={groupBy} onChange={(e) => choose({ groupBy: e.target.value })} sx={{ minWidth: 160 }}>
          <MenuItem value="">nothing</MenuItem>
          {[...new Set([...(metric?.dimensions ?? []), 'tenant', ...(groupBy ? [groupBy] : [])])].map((d) => (
            <MenuItem key={d} value={d}>{d}</MenuItem>
          ))}
        </TextField>
        <TextField select label="Range" value={range} onChange={(e) => choose({ range: e.target.value as ExplorerRange })} sx={{ minWidth: 120 }}>
          {Object.keys(RANGES).map((r) => (
            <MenuItem key={r} value={r}>{r}</MenuItem>
          ))}
        </TextField>
      </Stack>
      {series.error && <Alert severity="error">{(series.error as Error).message}</Alert>}
      <Card variant="outlined">
        <CardContent sx={{ height: 360 }}>
          {metric ? (
            <ResponsiveContainer>
              <LineChart data={chart.rows}>
                <CartesianGrid strokeDasharray="3 3" vertical={false} />
                <XAxis dataKey="at" tickFormatter={(v: string) => new Date(v).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' })} minTickGap={32} fontSize={12} />
                <YAxis fontSize={12} width={56} />
                <Tooltip labelFormatter={(v) => new Date(String(v)).toLocaleString()} />
                <Legend />
                {chart.keys.slice(0, 8).map((k, i) => (
                  <Line key={k} dataKey={k} stroke={COLORS[i % COLORS.length]} dot={false} isAnimationActive={false} connectNulls />
                ))}
              </LineChart>
            </ResponsiveContainer>
          ) : (
            <Alert severity="info">Pick a metric.</Alert>
          )}
        </CardContent>
      </Card>
    </Stack>
  );
}
