import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Link, Title, useGetList } from 'react-admin';
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Grid from '@mui/material/Grid';
import MenuItem from '@mui/material/MenuItem';
import Skeleton from '@mui/material/Skeleton';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { costText, errorText, FAILED_STATUSES, useMessagingApi, type DailyAnalytics, type ProviderConfig, type ProviderPerformance } from './messaging-api.ts';
import { DailyStackedChart } from './daily-chart.tsx';

const DAY_MS = 86_400_000;
const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** Platform messaging analytics: daily outcomes, delivery rate and cost per provider, the busiest tenants. */
export function AnalyticsPage() {
  const api = useMessagingApi();
  const [from, setFrom] = useState(() => day(Date.now() - 29 * DAY_MS));
  const [to, setTo] = useState(() => day(Date.now()));
  const [channel, setChannel] = useState('');
  const [provider, setProvider] = useState('');
  const [tenant, setTenant] = useState('');
  const configs = useQuery({ queryKey: ['messaging', 'providers', 'all'], queryFn: () => api<ProviderConfig[]>(`/messaging/providers?range=${encodeURIComponent('[0,499]')}`) });
  const tenants = useGetList('tenants', { pagination: { page: 1, perPage: 200 }, sort: { field: 'slug', order: 'ASC' } });
  const query = new URLSearchParams({ from, to, ...(channel ? { channel } : {}), ...(provider ? { provider } : {}), ...(tenant ? { tenant } : {}) }).toString();
  const daily = useQuery({ queryKey: ['messaging', 'analytics', 'daily', query], queryFn: () => api<DailyAnalytics>(`/messaging/analytics/daily?${query}`) });
  const providers = useQuery({ queryKey: ['messaging', 'analytics', 'providers', query], queryFn: () => api<{ providers: ProviderPerformance[] }>(`/messaging/analytics/providers?${query}`) });
  const failedLog = `/messaging/messages?filter=${encodeURIComponent(JSON.stringify({ status: FAILED_STATUSES }))}`;
  const rates = (providers.data?.providers ?? []).map((p) => ({ name: p.name, rate: p.deliveryRate === null ? 0 : Math.round(p.deliveryRate * 1000) / 10 }));
  return (
    <Stack spacing={2} sx={{ mt: 2 }}>
      <Title title="Messaging analytics" />
      <Stack direction="row" spacing={2} alignItems="center">
        <TextField type="date" size="small" label="From" value={from} onChange={(e) => setFrom(e.target.value)} slotProps={{ inputLabel: { shrink: true } }} />
        <TextField type="date" size="small" label="To" value={to} onChange={(e) => setTo(e.target.value)} slotProps={{ inputLabel: { shrink: true } }} />
        <TextField select size="small" label="Channel" value={channel} onChange={(e) => setChannel(e.target.value)} sx={{ minWidth: 120 }}>
          <MenuItem value="">All</MenuItem>
          <MenuItem value="sms">SMS</MenuItem>
          <MenuItem value="email">Email</MenuItem>
        </TextField>
        <TextField select size="small" label="Provider" value={provider} onChange={(e) => setProvider(e.target.value)} sx={{ minWidth: 160 }}>
          <MenuItem value="">All</MenuItem>
          {(configs.data ?? []).map((c) => <MenuItem key={c.id} value={c.id}>{c.name}</MenuItem>)}
        </TextField>
        <TextField select size="small" label="Tenant" value={tenant} onChange={(e) => setTenant(e.target.value)} sx={{ minWidth: 160 }}>
          <MenuItem value="">All</MenuItem>
          {(tenants.data ?? []).map((t) => <MenuItem key={t.id} value={String(t.id)}>{t.name ?? t.slug}</MenuItem>)}
        </TextField>
        <Box sx={{ flex: 1 }} />
        <Link to={failedLog}>Failed-message log</Link>
      </Stack>
      {(daily.error || providers.error) && <Alert severity="error">{errorText(daily.error ?? providers.error)}</Alert>}
      <Card>
        <CardContent>
          <Typography variant="subtitle1" gutterBottom>Messages per day</Typography>
          {daily.data ? <DailyStackedChart days={daily.data.days} /> : <Skeleton variant="rounded" height={260} />}
        </CardContent>
      </Card>
      <Grid container spacing={2}>
        <Grid size={{ xs: 12, md: 6 }}>
          <Card sx={{ height: '100%' }}>
            <CardContent>
              <Typography variant="subtitle1" gutterBottom>Delivery rate per provider (%)</Typography>
              <Typography variant="caption" color="text.secondary">Delivered among the messages the provider took; those awaiting a report count against it until reported.</Typography>
              {rates.length === 0 ? <Typography color="text.secondary">No provider took a message in this period.</Typography> : (
                <Box sx={{ height: 220 }} data-testid="delivery-rate-chart">
                  <ResponsiveContainer>
                    <BarChart data={rates} layout="vertical" margin={{ left: 24, right: 16 }}>
                      <CartesianGrid strokeDasharray="3 3" horizontal={false} />
                      <XAxis type="number" domain={[0, 100]} fontSize={12} />
                      <YAxis type="category" dataKey="name" width={120} fontSize={12} />
                      <Tooltip formatter={(v) => `${v}%`} />
                      <Bar dataKey="rate" name="Delivered" fill="#16a34a" isAnimationActive={false} />
                    </BarChart>
                  </ResponsiveContainer>
                </Box>
              )}
            </CardContent>
          </Card>
        </Grid>
        <Grid size={{ xs: 12, md: 6 }}>
          <Card sx={{ height: '100%' }}>
            <CardContent>
              <Typography variant="subtitle1" gutterBottom>Cost and outcomes per provider</Typography>
              <Table size="small">
                <TableHead><TableRow><TableCell>Provider</TableCell><TableCell align="right">Delivered</TableCell><TableCell align="right">Awaiting</TableCell><TableCell align="right">Failed</TableCell><TableCell align="right">Rate</TableCell><TableCell align="right">Cost</TableCell></TableRow></TableHead>
                <TableBody>
                  {(providers.data?.providers ?? []).map((p) => (
                    <TableRow key={p.providerConfigId}>
                      <TableCell>{p.name}<Typography variant="caption" color="text.secondary" display="block">{p.providerId} · {p.channel}</Typography></TableCell>
                      <TableCell align="right">{p.delivered}</TableCell>
                      <TableCell align="right">{p.sent}</TableCell>
                      <TableCell align="right">{p.failed}</TableCell>
                      <TableCell align="right">{p.deliveryRate === null ? '—' : `${(p.deliveryRate * 100).toFixed(1)}%`}</TableCell>
                      <TableCell align="right">{p.costs.length ? p.costs.map((c) => costText(c)).join(' + ') : '—'}{p.costed < p.total - p.queued ? <Typography variant="caption" display="block" color="text.secondary">{p.costed} of {p.total - p.queued} costed</Typography> : null}</TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </CardContent>
          </Card>
        </Grid>
      </Grid>
      <Card>
        <CardContent>
          <Typography variant="subtitle1" gutterBottom>Per tenant</Typography>
          {daily.data?.tenants.length === 0 && <Typography color="text.secondary">No message in this period.</Typography>}
          <Table size="small">
            <TableBody>
              {(daily.data?.tenants ?? []).map((t) => (
                <TableRow key={t.tenantId ?? 'platform'}>
                  <TableCell>{t.tenantId ? t.name ?? t.tenantId : 'Platform messages'}</TableCell>
                  <TableCell align="right">{t.total} messages</TableCell>
                  <TableCell align="right">{t.delivered} delivered</TableCell>
                  <TableCell align="right">{t.failed} failed</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </CardContent>
      </Card>
    </Stack>
  );
}
