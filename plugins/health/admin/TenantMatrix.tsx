import { useState } from 'react';
import Box from '@mui/material/Box';
import MenuItem from '@mui/material/MenuItem';
import Pagination from '@mui/material/Pagination';
import Skeleton from '@mui/material/Skeleton';
import TextField from '@mui/material/TextField';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import type { MatrixPage, TargetView } from './health-api-types.ts';
import { useHealthApi } from './useHealthApi.ts';
import { ago, formatMs, STATUS_COLOR } from './status-colors.ts';
import { TargetHistoryDialog } from './TargetHistoryDialog.tsx';

const PAGE = 50;

/** What each cell colour means (a grey grid on a fresh install is "not configured" or "waiting", not an outage). */
const LEGEND: [string, string][] = [
  ['healthy', 'healthy'],
  ['degraded', 'degraded'],
  ['unhealthy', 'unhealthy'],
  ['unknown', 'no fresh result'],
  ['waiting', 'waiting for the first check'],
  ['not_checked', 'not configured or disabled'],
];

/** A cell's state: its status, `waiting` before its first check, `not_checked` when it cannot be checked. */
const cellState = (cell: TargetView) => (!cell.checked ? 'not_checked' : cell.lastCheckedAt ? cell.status : 'waiting');
const cellColor = (cell: TargetView | null) => (!cell ? 'transparent' : STATUS_COLOR[cellState(cell)]);

/** Tenants x per-tenant monitors as a colour grid, 50 tenants a page; a cell opens its history. */
export const TenantMatrix = () => {
  const [page, setPage] = useState(1);
  const [q, setQ] = useState('');
  const [status, setStatus] = useState('');
  const [open, setOpen] = useState<{ cell: TargetView; tenant: string } | null>(null);
  const filter = encodeURIComponent(JSON.stringify({ ...(q ? { q } : {}), ...(status ? { status } : {}) }));
  const range = encodeURIComponent(JSON.stringify([(page - 1) * PAGE, page * PAGE - 1]));
  const matrix = useHealthApi<MatrixPage>(`/health/matrix?range=${range}&filter=${filter}`, 30_000);
  return (
    <Box>
      <Box sx={{ display: 'flex', gap: 1, mb: 1 }}>
        <TextField size="small" label="Tenant" value={q} onChange={(e) => (setQ(e.target.value), setPage(1))} />
        <TextField size="small" select label="Status" value={status} onChange={(e) => (setStatus(e.target.value), setPage(1))} sx={{ minWidth: 140 }}>
          <MenuItem value="">Any</MenuItem>
          {['unhealthy', 'degraded', 'unknown', 'healthy'].map((s) => (
            <MenuItem key={s} value={s}>
              {s}
            </MenuItem>
          ))}
        </TextField>
      </Box>
      {matrix.isPending ? (
        <Skeleton variant="rounded" height={200} />
      ) : matrix.error ? (
        <Typography color="error">{(matrix.error as Error).message}</Typography>
      ) : matrix.data.monitors.length === 0 ? (
        <Typography variant="body2" color="text.secondary">
          No per-tenant monitor is installed.
        </Typography>
      ) : (
        <>
          <Box component="table" sx={{ borderCollapse: 'separate', borderSpacing: '3px', fontSize: 13 }}>
            <thead>
              <tr>
                <Box component="th" sx={{ textAlign: 'left', pr: 2 }}>
                  Tenant
                </Box>
                {matrix.data.monitors.map((m) => (
                  <Box component="th" key={m.id} sx={{ px: 1, fontWeight: 500 }}>
                    {m.name}
                  </Box>
                ))}
              </tr>
            </thead>
            <tbody>
              {matrix.data.rows.map((row) => (
                <tr key={row.id}>
                  <Box component="td" sx={{ pr: 2, whiteSpace: 'nowrap' }}>
                    {row.tenant.name}
                  </Box>
                  {matrix.data.monitors.map((m) => {
                    const cell = row.cells[m.id];
                    const tip = !cell ? 'not enabled for this tenant' : !cell.checked ? cell.problem ?? 'not checked' : !cell.lastCheckedAt ? 'waiting for the first check' : `${cell.status} · ${formatMs(cell.responseTimeMs)} · ${ago(cell.lastCheckedAt)}${cell.message ? ` · ${cell.message}` : ''}`;
                    return (
                      <Tooltip key={m.id} title={tip}>
                        <Box
                          component="td"
                          onClick={() => cell?.checked && setOpen({ cell, tenant: row.tenant.name })}
                          sx={{ width: 56, height: 22, borderRadius: 0.5, bgcolor: cellColor(cell), border: cell ? 'none' : '1px dashed #ccc', cursor: cell?.checked ? 'pointer' : 'default' }}
                        />
                      </Tooltip>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </Box>
          <Box component="ul" aria-label="Legend" sx={{ display: 'flex', flexWrap: 'wrap', gap: 2, listStyle: 'none', p: 0, my: 1, fontSize: 12, color: 'text.secondary' }}>
            {LEGEND.map(([state, label]) => (
              <Box component="li" key={state} sx={{ display: 'flex', alignItems: 'center', gap: 0.5 }}>
                <Box component="span" sx={{ width: 14, height: 10, borderRadius: 0.5, bgcolor: STATUS_COLOR[state] }} />
                {label}
              </Box>
            ))}
          </Box>
          <Box sx={{ display: 'flex', alignItems: 'center', gap: 2, mt: 1 }}>
            <Pagination count={Math.max(1, Math.ceil(matrix.data.total / PAGE))} page={page} onChange={(_e, p) => setPage(p)} size="small" />
            <Typography variant="caption" color="text.secondary">
              {matrix.data.total} tenants
            </Typography>
          </Box>
        </>
      )}
      {open && <TargetHistoryDialog monitorId={open.cell.monitorId} targetKey={open.cell.targetKey} title={`${open.cell.monitorName} · ${open.tenant}`} onClose={() => setOpen(null)} />}
    </Box>
  );
};
