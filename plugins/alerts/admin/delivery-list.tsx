import { Datagrid, DateField, FunctionField, List, SelectInput, TextField, useNotify, useRefresh } from 'react-admin';
import Button from '@mui/material/Button';
import Tooltip from '@mui/material/Tooltip';
import { useAlertsApi } from './alerts-api.ts';

interface DeliveryRow {
  id: string;
  status: string;
  attempts: number;
  lastError: string | null;
  attemptLog: { attempt: number; startedAt: string; ok: boolean; status: number | null; detail: string | null }[];
}

const filters = [
  <SelectInput key="status" source="status" choices={['pending', 'delivered', 'failed', 'skipped'].map((s) => ({ id: s, name: s }))} alwaysOn />,
  <SelectInput key="kind" source="kind" choices={['firing', 'repeat', 'acknowledged', 'resolved'].map((s) => ({ id: s, name: s }))} />,
];

function RetryButton({ delivery }: { delivery: DeliveryRow }) {
  const api = useAlertsApi();
  const notify = useNotify();
  const refresh = useRefresh();
  if (delivery.status !== 'failed') return null;
  return (
    <Button
      size="small"
      onClick={async () => {
        try {
          await api(`/alerts/deliveries/${delivery.id}/retry`, { method: 'POST', body: {} });
          notify('Delivery queued again', { type: 'success' });
          refresh();
        } catch (err) {
          notify((err as Error).message, { type: 'error' });
        }
      }}
    >
      Retry
    </Button>
  );
}

/** The notification outbox: every delivery, its attempts, and a retry for failed ones. */
export function DeliveryList() {
  return (
    <List filters={filters} sort={{ field: 'createdAt', order: 'DESC' }} exporter={false} queryOptions={{ refetchInterval: 15_000 }}>
      <Datagrid bulkActionButtons={false} rowClick={false}>
        <DateField source="createdAt" label="Queued" showTime />
        <TextField source="ruleName" label="Rule" sortable={false} />
        <TextField source="channel" sortable={false} />
        <TextField source="kind" sortable={false} />
        <TextField source="status" sortable={false} />
        <FunctionField
          label="Attempts"
          render={(d: DeliveryRow) => (
            <Tooltip title={d.attemptLog.map((a) => `#${a.attempt} ${new Date(a.startedAt).toLocaleTimeString()} ${a.ok ? 'ok' : 'failed'} ${a.detail ?? ''}`).join('\n') || 'none'}>
              <span>{d.attempts}</span>
            </Tooltip>
          )}
        />
        <TextField source="lastError" emptyText="" sortable={false} />
        <DateField source="nextAttemptAt" label="Next attempt" showTime sortable={false} />
        <FunctionField label="" render={(d: DeliveryRow) => <RetryButton delivery={d} />} />
      </Datagrid>
    </List>
  );
}
