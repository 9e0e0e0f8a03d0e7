import {
  BooleanField,
  BooleanInput,
  Button,
  Create,
  Datagrid,
  Edit,
  FunctionField,
  List,
  NumberInput,
  SearchInput,
  SelectInput,
  SimpleForm,
  TextArrayInput,
  TextField,
  TextInput,
  TopToolbar,
  required,
  regex,
  useNotify,
  useRecordContext,
  useRefresh,
  NullableBooleanInput,
} from 'react-admin';
import Chip from '@mui/material/Chip';
import Stack from '@mui/material/Stack';
import ArchiveIcon from '@mui/icons-material/Inventory2Outlined';
import UnarchiveIcon from '@mui/icons-material/UnarchiveOutlined';
import { formatMoney } from './money-format.ts';
import { QuotasInput } from './quotas-input.tsx';
import { usePlansApi, type PlanRecord } from './plans-api.ts';
import { useCanCall } from '@platform/sdk/admin/use-can-call';

const planFilters = [<SearchInput key="q" source="q" alwaysOn />, <NullableBooleanInput key="archived" source="archived" label="Archived" />];

const QuotaChips = ({ record }: { record: PlanRecord }) => (
  <Stack direction="row" spacing={0.5} useFlexGap sx={{ flexWrap: 'wrap' }}>
    {Object.entries(record.quotas ?? {}).map(([meter, quota]) => (
      <Chip key={meter} size="small" variant="outlined" label={`${meter}: ${quota}${record.limitTypes?.[meter] === 'soft' ? ' (soft)' : ''}`} />
    ))}
  </Stack>
);

export const PlanList = () => (
  <List title="Plans" filters={planFilters} sort={{ field: 'sortOrder', order: 'ASC' }}>
    <Datagrid bulkActionButtons={false}>
      <TextField source="name" />
      <TextField source="key" />
      <FunctionField label="Price" sortBy="priceAmount" render={(r: PlanRecord) => `${formatMoney(r.priceAmount, r.currency)} / ${r.interval === 'annual' ? 'year' : 'month'}`} />
      <FunctionField label="Trial" sortBy="trialDays" render={(r: PlanRecord) => (r.trialDays ? `${r.trialDays} days` : '—')} />
      <FunctionField label="Quotas" render={(r: PlanRecord) => <QuotaChips record={r} />} />
      <BooleanField source="isDefault" label="Default" />
      <FunctionField label="Status" sortBy="archived" render={(r: PlanRecord) => (r.archived ? <Chip size="small" label="Archived" /> : <Chip size="small" color="success" variant="outlined" label="Active" />)} />
    </Datagrid>
  </List>
);

const PlanForm = ({ isEdit = false }: { isEdit?: boolean }) => (
  <SimpleForm>
    <TextInput source="name" validate={required()} />
    <TextInput source="key" validate={[required(), regex(/^[a-z0-9][a-z0-9_-]*$/, 'Lowercase letters, digits, - and _')]} helperText="Stable identifier, e.g. basic" disabled={isEdit} />
    <TextInput source="description" multiline minRows={2} fullWidth />
    <Stack direction="row" spacing={2}>
      <NumberInput
        source="priceAmount"
        label="Price"
        validate={required()}
        min={0}
        step={0.01}
        format={(v?: number) => (v === undefined || v === null ? v : v / 100)}
        parse={(v: string | number | null) => (v === '' || v === null ? null : Math.round(Number(v) * 100))}
        helperText="Stored in minor units (cents)"
      />
      <TextInput source="currency" defaultValue="USD" validate={[required(), regex(/^[A-Z]{3}$/, 'ISO 4217 code, e.g. USD')]} />
      <SelectInput source="interval" defaultValue="monthly" choices={[{ id: 'monthly', name: 'Monthly' }, { id: 'annual', name: 'Annual' }]} validate={required()} />
      <NumberInput source="trialDays" label="Trial days" min={0} defaultValue={0} />
    </Stack>
    <QuotasInput />
    <TextArrayInput source="features" helperText="Feature keys the plan includes, e.g. pos, multi_store" />
    <TextArrayInput source="plugins" helperText="Plugins the plan entitles, e.g. loyalty" />
    <Stack direction="row" spacing={2}>
      <BooleanInput source="isDefault" label="Default plan for new tenants" />
      <NumberInput source="sortOrder" label="Order" defaultValue={0} />
    </Stack>
  </SimpleForm>
);

const ArchiveButton = () => {
  const record = useRecordContext<PlanRecord>();
  const api = usePlansApi();
  const notify = useNotify();
  const refresh = useRefresh();
  const { canCall } = useCanCall('POST', '/plans/plans/:id/archive');
  if (!record || !canCall) return null;
  const action = record.archived ? 'unarchive' : 'archive';
  const run = async () => {
    try {
      await api(`/plans/plans/${record.id}/${action}`, { method: 'POST', body: {} });
      notify(record.archived ? 'Plan available again' : 'Plan archived: tenants on it keep it, nobody new can get it', { type: 'info' });
      refresh();
    } catch (err) {
      notify((err as Error).message, { type: 'error' });
    }
  };
  return <Button label={record.archived ? 'Unarchive' : 'Archive'} onClick={run} startIcon={record.archived ? <UnarchiveIcon /> : <ArchiveIcon />} />;
};

export const PlanCreate = () => (
  <Create title="New plan" redirect="list">
    <PlanForm />
  </Create>
);

export const PlanEdit = () => (
  <Edit title="Edit plan" mutationMode="pessimistic" actions={<TopToolbar><ArchiveButton /></TopToolbar>}>
    <PlanForm isEdit />
  </Edit>
);
