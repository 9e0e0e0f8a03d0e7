import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import type { ScoreRow } from './health-api.ts';
import { HealthDot, trendText } from './health-dot.tsx';

/** Tenants with their score, bucket, trends, plan and renewal; a click opens the breakdown. */
export function ScoreTable({ rows, selected, onSelect, empty }: { rows: ScoreRow[]; selected: string | null; onSelect: (tenantId: string) => void; empty: string }) {
  return (
    <Table size="small">
      <TableHead>
        <TableRow>
          <TableCell>Tenant</TableCell>
          <TableCell align="right">Score</TableCell>
          <TableCell>Bucket</TableCell>
          <TableCell align="right">7 days</TableCell>
          <TableCell align="right">30 days</TableCell>
          <TableCell>Plan</TableCell>
          <TableCell>Renews</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {rows.length === 0 ? (
          <TableRow>
            <TableCell colSpan={7}>{empty}</TableCell>
          </TableRow>
        ) : (
          rows.map((r) => (
            <TableRow key={r.tenantId} hover selected={selected === r.tenantId} onClick={() => onSelect(r.tenantId)} sx={{ cursor: 'pointer' }}>
              <TableCell>
                <HealthDot bucket={r.bucket} total={r.total} />
                {r.tenantName}
              </TableCell>
              <TableCell align="right">{r.total}</TableCell>
              <TableCell>{r.bucket}</TableCell>
              <TableCell align="right">{trendText(r.change7)}</TableCell>
              <TableCell align="right">{trendText(r.change30)}</TableCell>
              <TableCell>{r.facts.plan ?? '—'}</TableCell>
              <TableCell>{r.facts.renewsAt?.slice(0, 10) ?? '—'}</TableCell>
            </TableRow>
          ))
        )}
      </TableBody>
    </Table>
  );
}
