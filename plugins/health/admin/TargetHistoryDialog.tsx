import Dialog from '@mui/material/Dialog';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import Skeleton from '@mui/material/Skeleton';
import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { History, HistoryPoint } from './health-api-types.ts';
import { useHealthApi } from './useHealthApi.ts';
import { formatMs, STATUS_COLOR } from './status-colors.ts';
import { StatusChip } from './StatusChip.tsx';

const time = (iso: string) => new Date(iso).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });

/** One (monitor, target): its last 24 h of checks as a response-time chart, and its recent failures. */
export const TargetHistoryDialog = ({ monitorId, targetKey, title, onClose }: { monitorId: string; targetKey: string; title: string; onClose(): void }) => {
  const history = useHealthApi<History>(`/health/history?monitorId=${encodeURIComponent(monitorId)}&targetKey=${encodeURIComponent(targetKey)}`, 30_000);
  const points = (history.data?.points ?? []) as HistoryPoint[];
  return (
    <Dialog open onClose={onClose} maxWidth="md" fullWidth>
      <DialogTitle>{title}</DialogTitle>
      <DialogContent>
        {history.isPending ? (
          <Skeleton variant="rounded" height={240} />
        ) : history.error ? (
          <Typography color="error">{(history.error as Error).message}</Typography>
        ) : (
          <>
            <Typography variant="subtitle2" gutterBottom>
              Response time, last 24 hours ({points.length} checks)
            </Typography>
            <ResponsiveContainer width="100%" height={240}>
              <LineChart data={points.map((p) => ({ ...p, t: time(p.checkedAt) }))}>
                <CartesianGrid strokeDasharray="3 3" />
                <XAxis dataKey="t" minTickGap={40} />
                <YAxis unit=" ms" width={70} />
                <Tooltip formatter={(v) => [`${v} ms`, 'response time']} />
                <Line
                  type="monotone"
                  dataKey="responseTimeMs"
                  stroke="#5c6bc0"
                  isAnimationActive={false}
                  dot={(props: any) => <circle key={props.index} cx={props.cx} cy={props.cy} r={2.5} fill={STATUS_COLOR[props.payload.status] ?? STATUS_COLOR.unknown} />}
                />
              </LineChart>
            </ResponsiveContainer>
            <Typography variant="subtitle2" sx={{ mt: 2 }}>
              Recent failures
            </Typography>
            {history.data!.failures.length === 0 ? (
              <Typography variant="body2" color="text.secondary">
                None in the last 30 days.
              </Typography>
            ) : (
              <Table size="small">
                <TableHead>
                  <TableRow>
                    <TableCell>When</TableCell>
                    <TableCell>Result</TableCell>
                    <TableCell>Time</TableCell>
                    <TableCell>Message</TableCell>
                  </TableRow>
                </TableHead>
                <TableBody>
                  {history.data!.failures.map((f) => (
                    <TableRow key={f.checkedAt}>
                      <TableCell>{new Date(f.checkedAt).toLocaleString()}</TableCell>
                      <TableCell>
                        <StatusChip status={f.status} />
                      </TableCell>
                      <TableCell>{formatMs(f.responseTimeMs)}</TableCell>
                      <TableCell>{f.message}</TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            )}
          </>
        )}
      </DialogContent>
    </Dialog>
  );
};
