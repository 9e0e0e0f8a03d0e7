import { useQuery } from '@tanstack/react-query';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import LinearProgress from '@mui/material/LinearProgress';
import Skeleton from '@mui/material/Skeleton';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { useHealthApi, type ScoreDetail } from './health-api.ts';
import { HealthDot, trendText } from './health-dot.tsx';

/** One tenant's breakdown: each signal's points out of its weight with its reason, the trends and recent history. */
export function ScoreBreakdown({ tenantId }: { tenantId: string }) {
  const api = useHealthApi();
  const q = useQuery({ queryKey: ['customer-success', 'score', tenantId], queryFn: () => api<ScoreDetail>(`/customer-success/score/${tenantId}`) });
  if (q.isPending) return <Skeleton variant="rectangular" height={200} />;
  if (q.isError) return <Alert severity="error">{(q.error as Error).message}</Alert>;
  const s = q.data;
  return (
    <Box data-testid="score-breakdown">
      <Typography variant="h6">
        <HealthDot bucket={s.bucket} total={s.total} />
        {s.tenantName}: {s.total} ({s.bucket})
      </Typography>
      <Typography variant="body2" color="text.secondary" gutterBottom>
        7 days: {trendText(s.change7)} · 30 days: {trendText(s.change30)} · computed {new Date(s.computedAt).toLocaleString()}
        {s.facts.plan ? ` · plan ${s.facts.plan}` : ''}
        {s.facts.renewsAt ? ` · renews ${s.facts.renewsAt.slice(0, 10)}` : ''}
      </Typography>
      <Table size="small">
        <TableBody>
          {s.breakdown.map((l) => (
            <TableRow key={l.id}>
              <TableCell sx={{ width: 220 }}>
                {l.label}
                {l.bonus ? <Chip size="small" label="bonus" sx={{ ml: 1 }} /> : null}
              </TableCell>
              <TableCell sx={{ width: 160 }}>
                {l.points}/{l.weight}
                <LinearProgress variant="determinate" value={l.weight ? (l.points / l.weight) * 100 : 0} />
              </TableCell>
              <TableCell>
                {l.failed ? <Chip size="small" color="error" label="failed" sx={{ mr: 1 }} /> : l.neutral ? <Chip size="small" label="neutral" sx={{ mr: 1 }} /> : null}
                {l.reason}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }}>
        History: {s.history.map((h) => `${h.day} ${h.total}`).join(' · ')}
      </Typography>
    </Box>
  );
}
