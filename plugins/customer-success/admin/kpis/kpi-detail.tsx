import { Link } from 'react-admin';
import { useQuery } from '@tanstack/react-query';
import Alert from '@mui/material/Alert';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Chip from '@mui/material/Chip';
import Skeleton from '@mui/material/Skeleton';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { useHealthApi } from '../health-api.ts';
import { customerPath } from '../digest/digest-api.ts';
import { formatKpi, monthLabel, type KpiDetail as Detail } from './kpi-api.ts';
import { KpiTrendChart } from './kpi-trend-chart.tsx';

/** One KPI: its 12-month trend, the month's breakdown, and every tenant's value linking to the tenant's 360 page. */
export function KpiDetail({ kpiId }: { kpiId: string }) {
  const api = useHealthApi();
  const detail = useQuery({ queryKey: ['customer-success', 'kpi', kpiId], queryFn: () => api<Detail>(`/customer-success/kpis/${encodeURIComponent(kpiId)}`) });
  if (detail.error) return <Alert severity="error">{(detail.error as Error).message}</Alert>;
  if (!detail.data) return <Skeleton variant="rounded" height={320} />;
  const d = detail.data;
  return (
    <Card variant="outlined" data-testid="kpi-detail">
      <CardContent>
        <Typography variant="h6" component="h2">
          {d.label} · {monthLabel(d.month)}: {formatKpi(d.total, d.unit)}
        </Typography>
        {d.description && <Typography color="text.secondary">{d.description}</Typography>}
        {d.error && <Alert severity="warning">The last measurement failed: {d.error}</Alert>}
        <KpiTrendChart trend={d.trend} unit={d.unit} height={240} axes />
        {Object.keys(d.breakdown).length > 0 && (
          <Stack direction="row" spacing={1} sx={{ my: 1, flexWrap: 'wrap' }}>
            {Object.entries(d.breakdown).map(([k, v]) => (
              <Chip key={k} label={`${k}: ${formatKpi(v, d.unit)}`} size="small" />
            ))}
          </Stack>
        )}
        <Typography variant="subtitle2" sx={{ mt: 2 }}>
          Per tenant ({d.tenantCount})
        </Typography>
        {d.tenants.length === 0 ? (
          <Typography color="text.secondary">No tenant has a value this month.</Typography>
        ) : (
          <Table size="small">
            <TableHead>
              <TableRow>
                <TableCell>Tenant</TableCell>
                <TableCell align="right">{d.label}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {d.tenants.map((t) => (
                <TableRow key={t.tenantId}>
                  <TableCell>
                    <Link to={customerPath(t.tenantId)}>{t.tenantName}</Link>
                  </TableCell>
                  <TableCell align="right">{formatKpi(t.value, d.unit)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </CardContent>
    </Card>
  );
}
