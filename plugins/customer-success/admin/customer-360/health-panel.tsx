import type { Customer360PanelProps } from '@platform/sdk/admin';
import Box from '@mui/material/Box';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import type { ScoreDetail } from '../health-api.ts';
import { HealthDot, trendText } from '../health-dot.tsx';
import { usePanelData } from './panel-api.ts';

/** The health-score breakdown (customer success's `score/:tenantId`): points per signal with reasons, and trends. */
export function HealthPanel({ tenantId }: Customer360PanelProps) {
  const s = usePanelData<ScoreDetail>(['score', tenantId], `/customer-success/score/${tenantId}`);
  return (
    <Box data-testid="health-panel">
      <Typography variant="body1" sx={{ fontWeight: 600 }}>
        <HealthDot bucket={s.bucket} total={s.total} /> {s.total}/100 ({s.bucket})
      </Typography>
      <Typography variant="body2" color="text.secondary">
        7 days: {trendText(s.change7)} · 30 days: {trendText(s.change30)}
      </Typography>
      <Table size="small" sx={{ tableLayout: 'fixed', '& td': { wordBreak: 'break-word', px: 0.5 } }}>
        <TableBody>
          {s.breakdown.map((l) => (
            <TableRow key={l.id}>
              <TableCell>{l.label}</TableCell>
              <TableCell>
                {l.points}/{l.weight}
              </TableCell>
              <TableCell>{l.reason}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Box>
  );
}
