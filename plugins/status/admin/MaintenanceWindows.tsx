import {
  BooleanInput,
  ChipField,
  Create,
  Datagrid,
  DateField,
  DateTimeInput,
  Edit,
  List,
  SelectInput,
  SimpleForm,
  TextField,
  TextInput,
  required,
  useRecordContext,
} from 'react-admin';
import { StatusListActions } from './status-list-actions.tsx';

const STATUS_CHOICES = [
  { id: 'scheduled', name: 'Scheduled' },
  { id: 'in_progress', name: 'In progress (start now)' },
  { id: 'completed', name: 'Completed (end now)' },
  { id: 'cancelled', name: 'Cancelled' },
];

const listFilters = [<SelectInput key="status" source="status" choices={STATUS_CHOICES} alwaysOn />];

/** Maintenance windows: a job starts and completes them on schedule; staff may start, end or cancel early. */
export const MaintenanceList = () => (
  <List title="Maintenance windows" actions={<StatusListActions />} empty={false} sort={{ field: 'scheduledStart', order: 'DESC' }} filters={listFilters}>
    <Datagrid bulkActionButtons={false}>
      <TextField source="title" />
      <DateField source="scheduledStart" label="Starts" showTime />
      <DateField source="scheduledEnd" label="Ends" showTime />
      <ChipField source="status" />
      <DateField source="actualStart" label="Started" showTime emptyText="–" />
      <DateField source="actualEnd" label="Ended" showTime emptyText="–" />
    </Datagrid>
  </List>
);

const endAfterStart = (values: { scheduledStart?: string; scheduledEnd?: string }) =>
  values.scheduledStart && values.scheduledEnd && Date.parse(values.scheduledEnd) <= Date.parse(values.scheduledStart) ? { scheduledEnd: 'Must be after the start' } : {};

const WindowFields = () => (
  <>
    <TextInput source="title" validate={required()} fullWidth />
    <TextInput source="description" multiline minRows={3} fullWidth helperText="Shown on the public status page" />
    <DateTimeInput source="scheduledStart" label="Starts" validate={required()} parse={(v: string) => (v ? new Date(v).toISOString() : v)} />
    <DateTimeInput source="scheduledEnd" label="Ends" validate={required()} parse={(v: string) => (v ? new Date(v).toISOString() : v)} />
    <BooleanInput source="affectsPortal" label="Affects the portal" defaultValue />
    <BooleanInput source="affectsCrm" label="Affects the CRM" defaultValue={false} />
    <TextInput source="components" label="Components (monitor ids, comma-separated; empty = all)" parse={(v: string) => (v ? v.split(',').map((s) => s.trim()).filter(Boolean) : [])} format={(v: string[] | undefined) => (v ?? []).join(', ')} fullWidth />
  </>
);

export const MaintenanceCreate = () => (
  <Create title="Schedule maintenance" redirect="list">
    <SimpleForm validate={endAfterStart}>
      <WindowFields />
    </SimpleForm>
  </Create>
);

const StatusInput = () => {
  const record = useRecordContext<{ status: string }>();
  const allowed: Record<string, string[]> = { scheduled: ['scheduled', 'in_progress', 'cancelled'], in_progress: ['in_progress', 'completed', 'cancelled'], completed: ['completed'], cancelled: ['cancelled'] };
  return <SelectInput source="status" choices={STATUS_CHOICES.filter((c) => (allowed[record?.status ?? 'scheduled'] ?? []).includes(c.id))} />;
};

export const MaintenanceEdit = () => (
  <Edit title="Maintenance window" mutationMode="pessimistic">
    <SimpleForm validate={endAfterStart}>
      <StatusInput />
      <WindowFields />
    </SimpleForm>
  </Edit>
);
