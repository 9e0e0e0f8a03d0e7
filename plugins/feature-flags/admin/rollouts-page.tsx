import { useState } from 'react';
import { Datagrid, DateField, FunctionField, List, SelectInput, TextField, useDataProvider, useNotify, useRefresh, type DataProvider } from 'react-admin';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import LinearProgress from '@mui/material/LinearProgress';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import type { ConsoleApi } from '@platform/sdk/admin';
import { ReasonDialog } from './reason-dialog.tsx';
import { useCanCall } from '@platform/sdk/admin/use-can-call';

interface RolloutView {
  id: string;
  flagKey: string;
  steps: number[];
  intervalHours: number;
  currentStep: number;
  currentPercentage: number;
  status: 'active' | 'paused' | 'completed' | 'cancelled';
  nextStepAt: string | null;
  pausedReason: string | null;
  pauseOnAlerts: string[];
}

type Action = 'pause' | 'resume' | 'advance' | 'cancel';

const ACTIONS: Record<RolloutView['status'], Action[]> = { active: ['pause', 'advance', 'cancel'], paused: ['resume', 'cancel'], completed: [], cancelled: [] };

function RolloutActions({ rollout }: { rollout: RolloutView }) {
  const [action, setAction] = useState<Action | null>(null);
  const dataProvider = useDataProvider<DataProvider & ConsoleApi>();
  const notify = useNotify();
  const refresh = useRefresh();
  const { canCall } = useCanCall('POST', '/feature-flags/rollouts/:id/pause');
  if (!canCall) return null;
  return (
    <Stack direction="row" spacing={1}>
      {ACTIONS[rollout.status].map((a) => (
        <Button key={a} size="small" color={a === 'cancel' ? 'error' : 'primary'} onClick={(e) => (e.stopPropagation(), setAction(a))}>
          {a}
        </Button>
      ))}
      <ReasonDialog
        open={action !== null}
        title={`${action ?? ''} the rollout of ${rollout.flagKey}?`}
        confirmLabel={action ?? ''}
        danger={action === 'cancel'}
        onClose={() => setAction(null)}
        onConfirm={async (reason) => {
          try {
            await dataProvider.api(`/feature-flags/rollouts/${rollout.id}/${action}`, { method: 'POST', body: { reason } });
            notify(`Rollout ${action}d`, { type: 'success' });
            refresh();
          } catch (err) {
            notify((err as Error).message, { type: 'error' });
          }
        }}
      />
    </Stack>
  );
}

const STATUS_COLOR = { active: 'success', paused: 'warning', completed: 'default', cancelled: 'default' } as const;

/** Staged rollouts in flight: progress through the steps, the next step, and pause/resume/advance/cancel. */
export const RolloutList = () => (
  <List
    title="Active rollouts"
    filters={[<SelectInput key="status" source="status" alwaysOn choices={['active', 'paused', 'completed', 'cancelled'].map((id) => ({ id, name: id }))} />]}
    filterDefaultValues={{ status: 'active' }}
    sort={{ field: 'createdAt', order: 'DESC' }}
  >
    <Datagrid bulkActionButtons={false} rowClick={false}>
      <TextField source="flagKey" label="Flag" />
      <FunctionField label="Status" render={(r: RolloutView) => <Chip size="small" color={STATUS_COLOR[r.status]} label={r.status} />} />
      <FunctionField
        label="Progress"
        render={(r: RolloutView) => (
          <Stack sx={{ minWidth: 200 }}>
            <LinearProgress variant="determinate" value={r.currentPercentage} />
            <Typography variant="caption">
              {r.currentPercentage}% · step {r.currentStep + 1}/{r.steps.length} ({r.steps.join(' → ')}%, every {r.intervalHours} h)
            </Typography>
          </Stack>
        )}
      />
      <DateField source="nextStepAt" label="Next step" showTime emptyText="—" />
      <FunctionField label="Paused because" render={(r: RolloutView) => r.pausedReason ?? (r.pauseOnAlerts.length ? `pauses on ${r.pauseOnAlerts.join(', ')}` : '—')} />
      <FunctionField label="" render={(r: RolloutView) => <RolloutActions rollout={r} />} />
    </Datagrid>
  </List>
);
