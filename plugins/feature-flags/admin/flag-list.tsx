import { useState } from 'react';
import {
  BooleanInput,
  CreateButton,
  Datagrid,
  DateField,
  ExportButton,
  FunctionField,
  List,
  SelectInput,
  TextField,
  TextInput,
  TopToolbar,
  useDataProvider,
  useNotify,
  useRefresh,
  type DataProvider,
} from 'react-admin';
import Chip from '@mui/material/Chip';
import Stack from '@mui/material/Stack';
import Switch from '@mui/material/Switch';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import type { ConsoleApi } from '@platform/sdk/admin';
import { FLAG_TYPES, flagStatus, type FlagRecordView } from './flag-types.ts';
import { ReasonDialog } from './reason-dialog.tsx';
import { useCanCall } from '@platform/sdk/admin/use-can-call';

/** On/off in one click, with the reason the API requires. */
function QuickToggle({ flag }: { flag: FlagRecordView }) {
  const [open, setOpen] = useState(false);
  const dataProvider = useDataProvider<DataProvider & ConsoleApi>();
  const notify = useNotify();
  const refresh = useRefresh();
  const next = !flag.enabled;
  const { canCall } = useCanCall('PATCH', '/feature-flags/flags/:id');
  return (
    <>
      <Tooltip title={flag.killedAt ? 'Killed: restore it from the kill-switch panel' : next ? 'Turn on' : 'Turn off'}>
        <span>
          <Switch
            checked={flag.enabled}
            disabled={!canCall || !!flag.killedAt || flag.archived}
            onClick={(e) => e.stopPropagation()}
            onChange={() => setOpen(true)}
            inputProps={{ 'aria-label': `Toggle ${flag.key}` }}
          />
        </span>
      </Tooltip>
      <ReasonDialog
        open={open}
        title={`${next ? 'Turn on' : 'Turn off'} ${flag.key}?`}
        confirmLabel={next ? 'Turn on' : 'Turn off'}
        onClose={() => setOpen(false)}
        onConfirm={async (reason) => {
          try {
            await dataProvider.api(`/feature-flags/flags/${flag.id}`, { method: 'PATCH', body: { enabled: next, reason } });
            notify(`${flag.key} is ${next ? 'on' : 'off'}`, { type: 'success' });
            refresh();
          } catch (err) {
            notify((err as Error).message, { type: 'error' });
          }
        }}
      />
    </>
  );
}

const filters = [
  <TextInput key="q" source="q" label="Search" alwaysOn />,
  <SelectInput key="type" source="type" choices={FLAG_TYPES} label="Type" />,
  <BooleanInput key="enabled" source="enabled" label="On" />,
  <BooleanInput key="archived" source="archived" label="Archived" />,
  <BooleanInput key="killSwitch" source="killSwitch" label="Kill switches" />,
];

/** The flag list: type, status, rollout %, last change, and a quick toggle. */
export const FlagList = () => (
  <List
    title="Feature flags"
    filters={filters}
    filterDefaultValues={{ archived: false }}
    sort={{ field: 'key', order: 'ASC' }}
    perPage={50}
    actions={
      <TopToolbar>
        <CreateButton />
        <ExportButton />
      </TopToolbar>
    }
  >
    <Datagrid bulkActionButtons={false}>
      <FunctionField label="On" render={(flag: FlagRecordView) => <QuickToggle flag={flag} />} />
      <FunctionField
        label="Flag"
        sortBy="key"
        render={(flag: FlagRecordView) => (
          <Stack>
            <Typography variant="body2" sx={{ fontFamily: 'monospace' }}>
              {flag.key}
            </Typography>
            <Typography variant="caption" color="text.secondary">
              {flag.name}
            </Typography>
          </Stack>
        )}
      />
      <FunctionField label="Type" sortBy="type" render={(flag: FlagRecordView) => <Chip size="small" variant="outlined" label={FLAG_TYPES.find((t) => t.id === flag.type)?.name ?? flag.type} />} />
      <FunctionField label="Status" render={(flag: FlagRecordView) => <Chip size="small" {...flagStatus(flag)} />} />
      <FunctionField label="Rollout" sortBy="rolloutPercentage" render={(flag: FlagRecordView) => (flag.rolloutPercentage === null ? '—' : `${flag.rolloutPercentage}%`)} />
      <FunctionField label="Tags" render={(flag: FlagRecordView) => flag.tags.map((tag) => <Chip key={tag} size="small" label={tag} sx={{ mr: 0.5 }} />)} />
      <TextField source="owner" label="Owner" emptyText="—" />
      <DateField source="updatedAt" label="Last change" showTime />
    </Datagrid>
  </List>
);
