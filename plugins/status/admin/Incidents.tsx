import {
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
import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';

/** Statuspage's vocabulary. */
const STATUS = ['investigating', 'identified', 'monitoring', 'resolved', 'postmortem'].map((id) => ({ id, name: id }));
const IMPACT = ['none', 'minor', 'major', 'critical'].map((id) => ({ id, name: id }));
const COMPONENT_STATUS = ['operational', 'degraded_performance', 'partial_outage', 'major_outage', 'under_maintenance'].map((id) => ({ id, name: id.replace(/_/g, ' ') }));

const filters = [<SelectInput key="status" source="status" choices={STATUS} alwaysOn />, <TextInput key="q" source="q" label="Search" alwaysOn />];

/**
 * Status page notices: what the public status page says about an incident or known issue (an open one is a
 * known issue there). Operational incidents (on-call, timeline, postmortem) are the incidents plugin's page.
 */
export const IncidentList = () => (
  <List title="Status page notices" actions={<StatusListActions />} empty={false} sort={{ field: 'startedAt', order: 'DESC' }} filters={filters}>
    <Datagrid bulkActionButtons={false}>
      <TextField source="title" />
      <ChipField source="status" />
      <ChipField source="impact" />
      <TextField source="componentStatus" label="Components are" />
      <DateField source="startedAt" label="Started" showTime />
      <DateField source="resolvedAt" label="Resolved" showTime emptyText="–" />
    </Datagrid>
  </List>
);

const IncidentFields = () => (
  <>
    <TextInput source="title" validate={required()} fullWidth helperText="Public" />
    <SelectInput source="status" choices={STATUS} validate={required()} defaultValue="investigating" />
    <SelectInput source="impact" choices={IMPACT} validate={required()} defaultValue="minor" />
    <SelectInput source="componentStatus" label="Affected components are" choices={COMPONENT_STATUS} defaultValue="degraded_performance" />
    <TextInput source="components" label="Components (monitor ids, comma-separated)" parse={(v: string) => (v ? v.split(',').map((s) => s.trim()).filter(Boolean) : [])} format={(v: string[] | undefined) => (v ?? []).join(', ')} fullWidth />
    <TextInput source="message" label="Public update" multiline minRows={3} fullWidth helperText="Each change of status or message adds an entry to the public timeline" />
  </>
);

const Timeline = () => {
  const record = useRecordContext<{ updates?: { at: string; status: string; message: string }[] }>();
  if (!record?.updates?.length) return null;
  return (
    <Box sx={{ mt: 2 }}>
      <Typography variant="subtitle2">Timeline</Typography>
      {[...record.updates].reverse().map((u) => (
        <Typography key={u.at} variant="body2">
          {new Date(u.at).toLocaleString()} · <b>{u.status}</b> {u.message && `· ${u.message}`}
        </Typography>
      ))}
    </Box>
  );
};

export const IncidentCreate = () => (
  <Create title="Post a status page notice" redirect="edit">
    <SimpleForm>
      <IncidentFields />
      <DateTimeInput source="startedAt" label="Started (default: now)" parse={(v: string) => (v ? new Date(v).toISOString() : undefined)} />
    </SimpleForm>
  </Create>
);

export const IncidentEdit = () => (
  <Edit title="Status page notice" mutationMode="pessimistic">
    <SimpleForm>
      <IncidentFields />
      <Timeline />
    </SimpleForm>
  </Edit>
);
