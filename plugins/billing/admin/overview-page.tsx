import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Title } from 'react-admin';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Grid from '@mui/material/Grid';
import Skeleton from '@mui/material/Skeleton';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { formatMinorUnits } from '@platform/sdk/money';
import { errorText, money, useBillingApi } from './billing-api.ts';

interface Overview {
  currency: string;
  mrrMinor: number;
  arrMinor: number;
  outstandingMinor: number;
  overdueMinor: number;
  overdueInvoices: number;
  failedPayments: number;
  churnedMrrMinor: number;
  months: { month: string; invoicedMinor: number; paidMinor: number }[];
}

function Figure({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <Card sx={{ height: '100%' }}>
      <CardContent>
        <Typography variant="overline">{label}</Typography>
        <Typography variant="h5" data-testid={testId}>{value}</Typography>
      </CardContent>
    </Card>
  );
}

/** Staff: MRR, ARR, outstanding, overdue, failed payments, churned MRR, and invoiced/collected over 12 months (one currency). */
export function OverviewPage() {
  const api = useBillingApi();
  const [currency, setCurrency] = useState('USD');
  const valid = /^[A-Z]{3}$/.test(currency);
  const overview = useQuery({ queryKey: ['billing', 'overview', currency], queryFn: () => api<Overview>(`/billing/overview?currency=${currency}`), enabled: valid });
  const o = overview.data;
  // The chart's axis shows major units as text only; bars are drawn from the integer minor units.
  const chart = o?.months.map((m) => ({ month: m.month, invoiced: m.invoicedMinor, paid: m.paidMinor })) ?? [];
  return (
    <Stack spacing={2} sx={{ mt: 2 }}>
      <Title title="Billing overview" />
      <TextField size="small" label="Currency" value={currency} onChange={(e) => setCurrency(e.target.value.toUpperCase())} sx={{ width: 120 }} error={!valid} />
      {overview.error && <Alert severity="error">{errorText(overview.error)}</Alert>}
      {!o ? <Skeleton variant="rounded" height={120} /> : (
        <Grid container spacing={2}>
          <Grid size={{ xs: 6, md: 3 }}><Figure label="MRR" value={money(o.mrrMinor, o.currency)} testId="overview-mrr" /></Grid>
          <Grid size={{ xs: 6, md: 3 }}><Figure label="ARR" value={money(o.arrMinor, o.currency)} testId="overview-arr" /></Grid>
          <Grid size={{ xs: 6, md: 3 }}><Figure label="Outstanding" value={money(o.outstandingMinor, o.currency)} testId="overview-outstanding" /></Grid>
          <Grid size={{ xs: 6, md: 3 }}><Figure label={`Overdue (${o.overdueInvoices})`} value={money(o.overdueMinor, o.currency)} testId="overview-overdue" /></Grid>
          <Grid size={{ xs: 6, md: 3 }}><Figure label="Failed payments (30 days)" value={String(o.failedPayments)} testId="overview-failed" /></Grid>
          <Grid size={{ xs: 6, md: 3 }}><Figure label="Churned MRR (30 days)" value={money(o.churnedMrrMinor, o.currency)} testId="overview-churned" /></Grid>
        </Grid>
      )}
      <Card>
        <CardContent>
          <Typography variant="subtitle1" gutterBottom>Invoiced and collected, last 12 months</Typography>
          {o && (
            <Box sx={{ height: 260 }} data-testid="overview-chart">
              <ResponsiveContainer>
                <BarChart data={chart} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
                  <CartesianGrid strokeDasharray="3 3" vertical={false} />
                  <XAxis dataKey="month" fontSize={12} />
                  <YAxis fontSize={12} width={80} tickFormatter={(v) => formatMinorUnits(Number(v), o.currency)} />
                  <Tooltip formatter={(v) => money(Number(v), o.currency)} />
                  <Legend />
                  <Bar dataKey="invoiced" name="Invoiced" fill="#0ea5e9" isAnimationActive={false} />
                  <Bar dataKey="paid" name="Collected" fill="#16a34a" isAnimationActive={false} />
                </BarChart>
              </ResponsiveContainer>
            </Box>
          )}
        </CardContent>
      </Card>
    </Stack>
  );
}
