import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import type { Overview } from './metrics-api.ts';

/** "Why is it red?": the routes behind the errors of the last hour, when the spike began, an example. */
export function WhyRedPanel({ whyRed }: { whyRed: Overview['whyRed'] }) {
  if (whyRed.topErrorRoutes.length === 0 && !whyRed.spikeStartedAt) return <Typography color="text.secondary">No server errors in the last hour.</Typography>;
  return (
    <Box>
      {whyRed.spikeStartedAt && <Alert severity="error" sx={{ mb: 1 }}>Error spike started {new Date(whyRed.spikeStartedAt).toLocaleString()}</Alert>}
      <Table size="small">
        <TableHead>
          <TableRow>
            <TableCell>Route</TableCell>
            <TableCell align="right">5xx (1 h)</TableCell>
            <TableCell align="right">Requests</TableCell>
            <TableCell align="right">Share of errors</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {whyRed.topErrorRoutes.map((r) => (
            <TableRow key={r.route}>
              <TableCell sx={{ fontFamily: 'monospace' }}>{r.route}</TableCell>
              <TableCell align="right">{r.errors}</TableCell>
              <TableCell align="right">{r.requests}</TableCell>
              <TableCell align="right">{r.sharePct.toFixed(0)}%</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {whyRed.sampleError && (
        <Typography variant="body2" sx={{ mt: 1 }}>
          Sample error: <code>{whyRed.sampleError.method} {whyRed.sampleError.route}</code> → {whyRed.sampleError.statusCode} at {new Date(whyRed.sampleError.at).toLocaleTimeString()} (request id <code>{whyRed.sampleError.requestId}</code>)
        </Typography>
      )}
    </Box>
  );
}
