import { Datagrid, FunctionField, List, SelectInput, TextField, useRecordContext } from 'react-admin';
import { useQuery } from '@tanstack/react-query';
import Alert from '@mui/material/Alert';
import Skeleton from '@mui/material/Skeleton';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TimerIcon from '@mui/icons-material/Timer';
import { apiJson } from '../../api/http.ts';
import { EmptyState } from '../../components/EmptyState.tsx';
import { relativeTime } from '../format.ts';
import type { ThrottledMinute, ThrottledTenant } from '../rate-limits/types.ts';

const WINDOWS = [
  { id: 60, name: 'Last hour' },
  { id: 1440, name: 'Last 24 hours' },
  { id: 10080, name: 'Last 7 days' },
];

/** One tenant's throttled requests, minute by minute (the expanded row). */
const Minutes = () => {
  const t = useRecordContext<ThrottledTenant>();
  const q = useQuery({
    queryKey: ['rate-limits-throttled', t?.tenantId],
    queryFn: ({ signal }) => apiJson<ThrottledMinute[]>(`/rate-limits/throttled/${t!.tenantId}?sinceMinutes=10080`, { signal }),
    enabled: !!t,
  });
  if (q.isPending) return <Skeleton variant="rounded" height={80} />;
  if (q.isError) return <Alert severity="error">{(q.error as Error).message}</Alert>;
  return (
    <Table size="small" aria-label={`Throttled requests of ${t?.tenantName} per minute`}>
      <TableHead>
        <TableRow>
          <TableCell>Minute</TableCell>
          <TableCell align="right">Requests refused</TableCell>
          <TableCell align="right">Streams refused</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {q.data.slice(0, 60).map((m) => (
          <TableRow key={m.id}>
            <TableCell>{new Date(m.minute).toLocaleString()}</TableCell>
            <TableCell align="right">{m.requests}</TableCell>
            <TableCell align="right">{m.streams}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
};

/** Tenants whose requests were refused by their rate limit, most first; a row opens its minutes. */
const ThrottledList = () => (
  <List
      title="Throttled requests"
      resource="rate-limits-throttled"
      pagination={false}
      perPage={1000}
      filters={[<SelectInput key="sinceMinutes" source="sinceMinutes" label="Window" choices={WINDOWS} alwaysOn />]}
      filterDefaultValues={{ sinceMinutes: 1440 }}
      empty={<EmptyState icon={<TimerIcon />} title="No throttled requests" description="No tenant went over its rate limit in this window." />}
    >
      <Datagrid bulkActionButtons={false} expand={<Minutes />} expandSingle rowClick="expand">
        <TextField source="tenantName" label="Tenant" />
        <FunctionField label="Requests refused" render={(r: ThrottledTenant) => r.requests.toLocaleString()} />
        <FunctionField label="Streams refused" render={(r: ThrottledTenant) => r.streams.toLocaleString()} />
        <FunctionField label="Last throttled" render={(r: ThrottledTenant) => relativeTime(r.lastThrottledAt)} />
      </Datagrid>
    </List>
);

export default ThrottledList;
