import {
  BooleanField,
  BooleanInput,
  Datagrid,
  Edit,
  FunctionField,
  List,
  NumberField,
  NumberInput,
  SimpleForm,
  TextField,
  maxValue,
  minValue,
  required,
} from 'react-admin';
import Typography from '@mui/material/Typography';

/** The thresholds editor: every monitor with its effective thresholds and scheduling. */
export const MonitorList = () => (
  <List title="Monitors & thresholds" pagination={false} perPage={100} exporter={false}>
    <Datagrid bulkActionButtons={false}>
      <TextField source="name" label="Monitor" />
      <TextField source="tier" label="Tier" />
      <TextField source="scope" label="Scope" />
      <NumberField source="intervalSeconds" label="Every (s)" />
      <NumberField source="degradedMs" label="Degraded from (ms)" />
      <NumberField source="unhealthyMs" label="Unhealthy above (ms)" />
      <FunctionField label="Fail / recover" render={(r: { failureThreshold: number; recoveryThreshold: number }) => `${r.failureThreshold} / ${r.recoveryThreshold}`} />
      <BooleanField source="enabled" label="On" />
    </Datagrid>
  </List>
);

const validateThresholds = (values: Record<string, number>) =>
  values.unhealthyMs !== undefined && values.degradedMs !== undefined && values.unhealthyMs < values.degradedMs ? { unhealthyMs: 'Must be at least the degraded threshold' } : {};

export const MonitorEdit = () => (
  <Edit title="Monitor thresholds" mutationMode="pessimistic" redirect="list">
    <SimpleForm validate={validateThresholds}>
      <Typography variant="h6">
        <TextField source="name" />
      </Typography>
      <BooleanInput source="enabled" label="Checked" />
      <NumberInput source="degradedMs" label="Degraded from (ms)" validate={[required(), minValue(1)]} helperText="Healthy below this response time" />
      <NumberInput source="unhealthyMs" label="Unhealthy above (ms)" validate={[required(), minValue(1)]} />
      <NumberInput source="intervalSeconds" label="Check every (s)" validate={[required(), minValue(1), maxValue(86_400)]} helperText="Overrides the tier's interval" />
      <NumberInput source="timeoutMs" label="Timeout (ms)" validate={[required(), minValue(100), maxValue(120_000)]} />
      <NumberInput source="failureThreshold" label="Unhealthy after N failures in a row" validate={[required(), minValue(1), maxValue(20)]} />
      <NumberInput source="recoveryThreshold" label="Recovered after M successes in a row" validate={[required(), minValue(1), maxValue(20)]} />
    </SimpleForm>
  </Edit>
);
