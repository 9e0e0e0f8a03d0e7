import { Fragment, useState } from 'react';
import { Link as RouterLink } from 'react-router-dom';
import Box from '@mui/material/Box';
import Collapse from '@mui/material/Collapse';
import IconButton from '@mui/material/IconButton';
import Link from '@mui/material/Link';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import KeyboardArrowDown from '@mui/icons-material/KeyboardArrowDown';
import KeyboardArrowRight from '@mui/icons-material/KeyboardArrowRight';
import { JsonView } from './json-view.tsx';
import { LevelChip } from './level-chip.tsx';
import type { LogLine } from './logging-api.ts';

const time = (iso: string) => `${new Date(iso).toLocaleString(undefined, { month: 'short', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false })}.${iso.slice(20, 23)}`;

function LineRow({ line, showTenant }: { line: LogLine; showTenant: boolean }) {
  const [open, setOpen] = useState(false);
  const { id: _id, ...rest } = line;
  return (
    <Fragment>
      <TableRow hover onClick={() => setOpen(!open)} sx={{ cursor: 'pointer', '& > td': { borderBottom: open ? 'none' : undefined, py: 0.5 } }}>
        <TableCell padding="checkbox">
          <IconButton size="small" aria-label={open ? 'Collapse' : 'Expand'}>
            {open ? <KeyboardArrowDown fontSize="small" /> : <KeyboardArrowRight fontSize="small" />}
          </IconButton>
        </TableCell>
        <TableCell sx={{ whiteSpace: 'nowrap', fontFamily: 'monospace', fontSize: 12 }}>{time(line.timestamp)}</TableCell>
        <TableCell><LevelChip level={line.level} /></TableCell>
        <TableCell sx={{ whiteSpace: 'nowrap' }}>
          <Typography variant="body2">{line.service}</Typography>
          <Typography variant="caption" color="text.secondary">{line.action}</Typography>
        </TableCell>
        {showTenant && <TableCell>{line.tenantSlug ?? <Typography variant="caption" color="text.secondary">platform</Typography>}</TableCell>}
        <TableCell sx={{ maxWidth: 640 }}>
          <Typography variant="body2" noWrap title={line.message}>{line.message}</Typography>
          {line.error && <Typography variant="caption" color="error" noWrap component="div">{line.error.type}: {line.error.message}</Typography>}
        </TableCell>
        <TableCell onClick={(e) => e.stopPropagation()} sx={{ whiteSpace: 'nowrap' }}>
          {line.requestId && (
            <Link component={RouterLink} to={`/logging/trace/${encodeURIComponent(line.requestId)}`} variant="caption" title="Every line of this request">
              {line.requestId.slice(0, 8)}…
            </Link>
          )}
        </TableCell>
      </TableRow>
      <TableRow>
        <TableCell colSpan={showTenant ? 7 : 6} sx={{ py: 0 }}>
          <Collapse in={open} timeout="auto" unmountOnExit>
            <Box sx={{ py: 1.5, display: 'grid', gap: 1 }}>
              {line.error?.stack && (
                <Box component="pre" sx={{ m: 0, p: 1.5, fontSize: 12, color: 'error.main', bgcolor: 'action.hover', borderRadius: 1, overflow: 'auto', maxHeight: 240 }}>{line.error.stack}</Box>
              )}
              <JsonView value={rest} />
            </Box>
          </Collapse>
        </TableCell>
      </TableRow>
    </Fragment>
  );
}

/** Log lines; a click expands a line into its full JSON (and stack); the request id opens the trace. */
export function LogTable({ lines, showTenant }: { lines: LogLine[]; showTenant: boolean }) {
  return (
    <Table size="small">
      <TableHead>
        <TableRow>
          <TableCell padding="checkbox" />
          <TableCell>Time</TableCell>
          <TableCell>Level</TableCell>
          <TableCell>Service</TableCell>
          {showTenant && <TableCell>Tenant</TableCell>}
          <TableCell>Message</TableCell>
          <TableCell>Request</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {lines.map((l) => (
          <LineRow key={l.id} line={l} showTenant={showTenant} />
        ))}
      </TableBody>
    </Table>
  );
}
