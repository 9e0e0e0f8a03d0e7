import { useState } from 'react';
import { Datagrid, FunctionField, List, SearchInput, useDataProvider, useNotify, useRecordContext, useRefresh } from 'react-admin';
import { useQuery } from '@tanstack/react-query';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import CircularProgress from '@mui/material/CircularProgress';
import Skeleton from '@mui/material/Skeleton';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import PlayArrowIcon from '@mui/icons-material/PlayArrow';
import ScheduleIcon from '@mui/icons-material/Schedule';
import type { JobRun, PlatformDataProvider } from '../../api/dataProvider.ts';
import { EmptyState } from '../../components/EmptyState.tsx';
import { StatusChip } from '../../components/StatusChip.tsx';
import { useSession } from '../../layout/useSession.ts';
import { formatDuration, formatEvery, relativeTime } from '../format.ts';

interface JobRecord {
  id: string;
  name: string;
  plugin?: string;
  nextRunAt?: string | null;
  everySeconds: number | null;
  cron: string | null;
  lastRun: JobRun | null;
}

const RunNowButton = () => {
  const job = useRecordContext<JobRecord>();
  const dataProvider = useDataProvider<PlatformDataProvider>();
  const notify = useNotify();
  const refresh = useRefresh();
  const [busy, setBusy] = useState(false);
  if (!job) return null;
  return (
    <Button
      size="small"
      startIcon={busy ? <CircularProgress size={14} /> : <PlayArrowIcon />}
      disabled={busy}
      aria-label={`Run ${job.name} now`}
      sx={{ whiteSpace: 'nowrap' }}
      onClick={async (e) => {
        e.stopPropagation();
        setBusy(true);
        try {
          await dataProvider.runJob(job.name);
          notify(`${job.name} started`, { type: 'success' });
          refresh();
        } catch (err) {
          notify((err as Error).message, { type: 'error' });
        } finally {
          setBusy(false);
        }
      }}
    >
      Run now
    </Button>
  );
};

const JobRuns = () => {
  const job = useRecordContext<JobRecord>();
  const dataProvider = useDataProvider<PlatformDataProvider>();
  const runs = useQuery({ queryKey: ['platform', 'jobRuns', job?.name], queryFn: () => dataProvider.jobRuns(job!.name), enabled: !!job });
  if (!job) return null;
  if (runs.isPending) return <Skeleton variant="rounded" height={120} sx={{ my: 1 }} />;
  if (runs.error) return <Alert severity="error">{(runs.error as Error).message}</Alert>;
  if (!runs.data?.length)
    return (
      <Typography variant="body2" color="text.secondary" sx={{ py: 1 }}>
        This job has not run yet.
      </Typography>
    );
  return (
    <Table size="small" aria-label={`Recent runs of ${job.name}`} sx={{ my: 1 }}>
      <TableHead>
        <TableRow>
          <TableCell>Started</TableCell>
          <TableCell>Status</TableCell>
          <TableCell>Duration</TableCell>
          <TableCell>Error</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {runs.data.slice(0, 20).map((r, i) => (
          <TableRow key={r.id ?? `${r.startedAt}-${i}`}>
            <TableCell>{new Date(r.startedAt).toLocaleString()}</TableCell>
            <TableCell>
              <StatusChip status={r.status} />
            </TableCell>
            <TableCell>{formatDuration(r.durationMs)}</TableCell>
            <TableCell sx={{ color: 'error.main', fontFamily: 'monospace', fontSize: '0.78rem' }}>{r.error ?? ''}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
};

const JobList = () => {
  const { can } = useSession();
  return (
    <List
      title="Jobs"
      filters={[<SearchInput key="q" source="q" alwaysOn placeholder="Search jobs" />]}
      sort={{ field: 'name', order: 'ASC' }}
      perPage={100}
      pagination={false}
      actions={false}
      empty={<EmptyState icon={<ScheduleIcon />} title="No scheduled jobs" description="Plugins declare interval or cron jobs; they appear here with their last runs." />}
    >
      <Datagrid bulkActionButtons={false} rowClick="expand" expand={<JobRuns />}>
        <FunctionField source="name" label="Job" render={(j: JobRecord) => <Typography sx={{ fontFamily: 'monospace', fontSize: '0.85rem' }}>{j.name}</Typography>} />
        <FunctionField source="plugin" label="Plugin" render={(j: JobRecord) => j.plugin ?? '—'} />
        <FunctionField label="Schedule" sortable={false} render={(j: JobRecord) => formatEvery(j.everySeconds, j.cron)} />
        <FunctionField label="Last run" sortable={false} render={(j: JobRecord) => (j.lastRun ? <StatusChip status={j.lastRun.status} /> : <StatusChip status={null} />)} />
        <FunctionField
          label="Started"
          sortable={false}
          render={(j: JobRecord) =>
            j.lastRun ? (
              <Tooltip title={new Date(j.lastRun.startedAt).toLocaleString()}>
                <span>{relativeTime(j.lastRun.startedAt)}</span>
              </Tooltip>
            ) : (
              'never'
            )
          }
        />
        <FunctionField
          source="nextRunAt"
          label="Next run"
          render={(j: JobRecord) =>
            j.nextRunAt ? (
              <Tooltip title={new Date(j.nextRunAt).toLocaleString()}>
                <span>{relativeTime(j.nextRunAt)}</span>
              </Tooltip>
            ) : (
              '—'
            )
          }
        />
        <FunctionField label="Duration" sortable={false} render={(j: JobRecord) => formatDuration(j.lastRun?.durationMs)} />
        <FunctionField
          label="Error"
          sortable={false}
          render={(j: JobRecord) =>
            j.lastRun?.error ? (
              <Tooltip title={j.lastRun.error}>
                <Box component="span" sx={{ color: 'error.main', display: 'inline-block', maxWidth: 240, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap', verticalAlign: 'bottom' }}>
                  {j.lastRun.error}
                </Box>
              </Tooltip>
            ) : (
              ''
            )
          }
        />
        {can('jobs.run') && <RunNowButton />}
      </Datagrid>
    </List>
  );
};

export default JobList;
