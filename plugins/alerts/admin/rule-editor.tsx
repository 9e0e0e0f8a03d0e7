import { useQuery } from '@tanstack/react-query';
import {
  AutocompleteInput,
  BooleanInput,
  CheckboxGroupInput,
  Create,
  Edit,
  NumberInput,
  SelectArrayInput,
  SelectInput,
  SimpleForm,
  TextInput,
  required,
  useRecordContext,
} from 'react-admin';
import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import { AGGREGATIONS, DIMENSION_KEYS, useAlertsApi, type ChannelStatus } from './alerts-api.ts';
import { DimensionFilterInput } from './dimension-filter-input.tsx';
import { RulePreview } from './rule-preview.tsx';

const CONDITIONS = [
  { id: 'gt', name: '> greater than' },
  { id: 'lt', name: '< less than' },
  { id: 'eq', name: '= equal to' },
];
const SEVERITIES = [
  { id: 'critical', name: 'Critical' },
  { id: 'warning', name: 'Warning' },
  { id: 'info', name: 'Info' },
];

function MetricPicker() {
  const api = useAlertsApi();
  const catalog = useQuery({ queryKey: ['metrics', 'catalog'], queryFn: () => api<{ name: string; kind: string }[]>('/metrics/catalog'), retry: false });
  const choices = (catalog.data ?? []).map((m) => ({ id: m.name, name: `${m.name} (${m.kind})` }));
  return <AutocompleteInput source="metric" choices={choices} validate={required()} onCreate={(name) => ({ id: name ?? '', name: name ?? '' })} isLoading={catalog.isPending} />;
}

function ChannelPicker() {
  const api = useAlertsApi();
  const channels = useQuery({ queryKey: ['alerts', 'channels'], queryFn: () => api<ChannelStatus[]>('/alerts/channels') });
  const choices = (channels.data ?? []).map((c) => ({ id: c.id, name: c.configured ? c.name : `${c.name} (not configured: ${c.problem})` }));
  return <CheckboxGroupInput source="channels" choices={choices} defaultValue={[]} />;
}

function RuleForm() {
  return (
    <SimpleForm>
      <Box sx={{ display: 'flex', gap: 3, width: '100%', flexWrap: 'wrap' }}>
        <Box sx={{ flex: '1 1 420px' }}>
          <TextInput source="name" validate={required()} fullWidth />
          <TextInput source="description" multiline fullWidth />
          <MetricPicker />
          <SelectInput source="aggregation" choices={AGGREGATIONS.map((a) => ({ id: a, name: a }))} validate={required()} defaultValue="sum" />
          <DimensionFilterInput source="filter" />
          <SelectArrayInput source="groupBy" label="Fire separately per" choices={[...DIMENSION_KEYS, 'tenant'].map((d) => ({ id: d, name: d }))} defaultValue={[]} />
          <Box sx={{ display: 'flex', gap: 2, flexWrap: 'wrap' }}>
            <SelectInput source="condition" choices={CONDITIONS} validate={required()} defaultValue="gt" />
            <NumberInput source="threshold" validate={required()} />
            <NumberInput source="recoveryThreshold" helperText="Empty: 10% back from the threshold" />
          </Box>
          <Box sx={{ display: 'flex', gap: 2, flexWrap: 'wrap' }}>
            <NumberInput source="windowMinutes" label="Window (min)" defaultValue={5} min={1} />
            <NumberInput source="forMinutes" label="For (min)" defaultValue={5} min={0} helperText="Breach must last this long" />
            <NumberInput source="keepFiringForMinutes" label="Keep firing for (min)" defaultValue={0} min={0} />
            <NumberInput source="repeatIntervalMinutes" label="Repeat every (min)" defaultValue={60} min={1} />
          </Box>
          <Box sx={{ display: 'flex', gap: 2, flexWrap: 'wrap' }}>
            <SelectInput source="severity" choices={SEVERITIES} validate={required()} defaultValue="warning" />
            <TextInput source="component" helperText="database, api...: inhibition and maintenance windows match on it" />
          </Box>
          <Typography variant="subtitle2">Notify</Typography>
          <ChannelPicker />
          <TextInput source="runbookUrl" label="Runbook URL" fullWidth />
          <BooleanInput source="enabled" defaultValue />
        </Box>
        <Box sx={{ flex: '0 1 380px' }}>
          <RulePreview />
        </Box>
      </Box>
    </SimpleForm>
  );
}

/** Drops empty optional numbers so the API applies its defaults. */
const clean = (data: Record<string, unknown>) => ({ ...data, recoveryThreshold: data.recoveryThreshold === '' || data.recoveryThreshold === undefined ? null : data.recoveryThreshold });

function RuleTitle() {
  const record = useRecordContext<{ name: string }>();
  return <span>Alert rule {record?.name}</span>;
}

export const RuleCreate = () => (
  <Create redirect="list" transform={clean}>
    <RuleForm />
  </Create>
);

export const RuleEdit = () => (
  <Edit title={<RuleTitle />} mutationMode="pessimistic" transform={clean}>
    <RuleForm />
  </Edit>
);
