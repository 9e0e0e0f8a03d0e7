import { Create, Datagrid, DateField, Edit, FunctionField, List, NumberField, NumberInput, SimpleForm, TextField, TextInput, minValue, required, useRecordContext } from 'react-admin';
import Typography from '@mui/material/Typography';

const pingUrl = (token: string) => `${window.location.origin}/api/health/push/${token}`;

const PingUrl = () => {
  const record = useRecordContext<{ token?: string }>();
  if (!record?.token) return null;
  return (
    <Typography variant="body2" sx={{ fontFamily: 'monospace', wordBreak: 'break-all' }}>
      curl -fsS {pingUrl(record.token)}
    </Typography>
  );
};

/** Heartbeats: cron jobs and backups ping a tokenized URL; silence past interval + grace is unhealthy. */
export const PushMonitorList = () => (
  <List title="Heartbeats" sort={{ field: 'name', order: 'ASC' }}>
    <Datagrid bulkActionButtons={false}>
      <TextField source="name" label="Name" />
      <NumberField source="expectedIntervalSeconds" label="Every (s)" />
      <NumberField source="graceSeconds" label="Grace (s)" />
      <DateField source="lastPingAt" label="Last ping" showTime emptyText="never" />
      <FunctionField label="Last report" render={(r: { lastPingStatus?: string | null }) => r.lastPingStatus ?? '–'} />
    </Datagrid>
  </List>
);

const PushForm = () => (
  <SimpleForm>
    <TextInput source="name" validate={required()} />
    <TextInput source="description" multiline />
    <NumberInput source="expectedIntervalSeconds" label="Expected every (s)" validate={[required(), minValue(10)]} />
    <NumberInput source="graceSeconds" label="Grace (s)" defaultValue={60} validate={minValue(0)} />
    <PingUrl />
  </SimpleForm>
);

export const PushMonitorCreate = () => (
  <Create title="New heartbeat" redirect="edit">
    <PushForm />
  </Create>
);

export const PushMonitorEdit = () => (
  <Edit title="Heartbeat" mutationMode="pessimistic">
    <PushForm />
  </Edit>
);
