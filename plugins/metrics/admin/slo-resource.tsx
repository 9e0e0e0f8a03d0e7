import {
  BooleanField,
  BooleanInput,
  Create,
  Datagrid,
  Edit,
  List,
  NumberField,
  NumberInput,
  SelectInput,
  SimpleForm,
  TextField,
  TextInput,
  required,
  useRecordContext,
} from 'react-admin';
import { useWatch } from 'react-hook-form';

const KINDS = [
  { id: 'availability', name: 'Availability (no 5xx)' },
  { id: 'latency', name: 'Latency (answered within a threshold)' },
];

export function SloList() {
  return (
    <List sort={{ field: 'name', order: 'ASC' }}>
      <Datagrid bulkActionButtons={false}>
        <TextField source="name" />
        <TextField source="kind" />
        <NumberField source="targetPct" label="Target %" />
        <NumberField source="thresholdMs" label="Threshold (ms)" emptyText="—" />
        <NumberField source="windowDays" label="Window (days)" />
        <TextField source="route" emptyText="all API routes" />
        <BooleanField source="enabled" />
      </Datagrid>
    </List>
  );
}

function ThresholdInput() {
  const kind = useWatch({ name: 'kind' });
  return kind === 'latency' ? <NumberInput source="thresholdMs" label="Threshold (ms)" validate={required()} min={1} /> : null;
}

function SloForm() {
  return (
    <SimpleForm>
      <TextInput source="name" validate={required()} />
      <TextInput source="description" multiline fullWidth />
      <SelectInput source="kind" choices={KINDS} validate={required()} />
      <NumberInput source="targetPct" label="Target %" validate={required()} min={0} max={100} step={0.01} />
      <ThresholdInput />
      <NumberInput source="windowDays" label="Window (days)" defaultValue={7} min={1} max={90} />
      <TextInput source="route" label="Route template (empty: every API route)" helperText="e.g. /api/example/notes/:id" />
      <BooleanInput source="enabled" defaultValue />
    </SimpleForm>
  );
}

function SloTitle() {
  const record = useRecordContext<{ name: string }>();
  return <span>SLO {record?.name}</span>;
}

export const SloCreate = () => (
  <Create redirect="list">
    <SloForm />
  </Create>
);

export const SloEdit = () => (
  <Edit title={<SloTitle />} mutationMode="pessimistic">
    <SloForm />
  </Edit>
);
