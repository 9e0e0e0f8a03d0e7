import { useState } from 'react';
import {
  Confirm, Create, Datagrid, DateField, DeleteButton, Edit, FormDataConsumer, FunctionField, List, NumberInput, SaveButton, SelectInput, SimpleForm, TextField,
  TextInput, Toolbar, TopToolbar, required, useNotify, useRecordContext, useRefresh,
} from 'react-admin';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Stack from '@mui/material/Stack';
import { useCanCall } from '@platform/sdk/admin/use-can-call';
import { errorText, KIND_CHOICES, KIND_LABELS, PRICING_CHOICES, priceText, STATUS_CHOICES, useMarketplaceApi, type AddonKind, type AddonPricing } from './marketplace-api.ts';

interface AddonRow {
  id: string;
  name: string;
  kind: AddonKind;
  status: 'draft' | 'published' | 'suspended' | 'deprecated';
  pricing: AddonPricing;
  amountMinor: number;
  currency: string;
}

const STATUS_COLORS = { draft: 'default', published: 'success', suspended: 'warning', deprecated: 'error' } as const;
/** The lifecycle the API allows (src/catalog/addon-lifecycle.ts), as buttons. */
const ACTIONS: Record<AddonRow['status'], { to: AddonRow['status']; label: string; warning: string }[]> = {
  draft: [{ to: 'published', label: 'Publish', warning: 'Tenants on the allowed plans can buy it at once.' }],
  published: [
    { to: 'suspended', label: 'Suspend', warning: 'Nobody can buy it while suspended. Tenants who bought it keep it until the end of their paid period (recurring: then not renewed) or for good (one-off).' },
    { to: 'deprecated', label: 'Deprecate', warning: 'It is off sale for good. Tenants who bought it keep it until the end of their paid period (recurring: then not renewed) or for good (one-off).' },
  ],
  suspended: [
    { to: 'published', label: 'Publish again', warning: 'Tenants can buy it again; recurring purchases renew again.' },
    { to: 'deprecated', label: 'Deprecate', warning: 'It is off sale for good. Tenants who bought it keep it until the end of their paid period or for good (one-off).' },
  ],
  deprecated: [],
};

export function StatusChip({ status }: { status: AddonRow['status'] }) {
  return <Chip size="small" color={STATUS_COLORS[status]} label={status} />;
}

const filters = [
  <TextInput key="q" source="q" label="Search" alwaysOn />,
  <SelectInput key="status" source="status" choices={STATUS_CHOICES} />,
  <SelectInput key="kind" source="kind" choices={KIND_CHOICES} />,
];

/** Staff's catalog: every add-on, drafts included. */
export function AddonList() {
  return (
    <List filters={filters} sort={{ field: 'name', order: 'ASC' }} exporter={false}>
      <Datagrid bulkActionButtons={false} rowClick="edit">
        <TextField source="name" />
        <FunctionField label="Kind" render={(r: AddonRow) => KIND_LABELS[r.kind]} />
        <FunctionField label="Price" sortBy="amountMinor" render={(r: AddonRow) => priceText(r)} />
        <FunctionField label="Status" sortBy="status" render={(r: AddonRow) => <StatusChip status={r.status} />} />
        <DateField source="updatedAt" showTime />
      </Datagrid>
    </List>
  );
}

/** Lines of text ↔ a list of strings (screenshots, permissions, plans). */
const lines = { format: (v: unknown) => (Array.isArray(v) ? v.join('\n') : (v ?? '')), parse: (v: string) => v.split('\n').map((s) => s.trim()).filter(Boolean) };
const json = {
  format: (v: unknown) => (v === undefined ? '' : typeof v === 'string' ? v : JSON.stringify(v)),
  parse: (v: string) => {
    try {
      return JSON.parse(v);
    } catch {
      return v;
    }
  },
};

function AddonFields({ locked }: { locked: boolean }) {
  return (
    <>
      <TextInput source="name" validate={required()} fullWidth />
      <TextInput source="summary" fullWidth />
      <TextInput source="description" multiline minRows={3} fullWidth />
      <SelectInput source="kind" choices={KIND_CHOICES} validate={required()} disabled={locked} helperText={locked ? 'What an add-on provisions changes only while it is a draft' : undefined} />
      <FormDataConsumer>
        {({ formData }) => {
          switch (formData.kind as AddonKind | undefined) {
            case 'sms_credits':
              return <NumberInput source="provision.credits" label="Credits" min={1} step={1} validate={required()} disabled={locked} />;
            case 'plugin':
              return <TextInput source="provision.plugin" label="Plugin (scope tenant)" validate={required()} disabled={locked} />;
            case 'flag_entitlement':
              return (
                <Stack direction="row" spacing={2}>
                  <TextInput source="provision.flagKey" label="Flag key" validate={required()} disabled={locked} />
                  <TextInput source="provision.value" label="Value (JSON, e.g. true)" {...json} validate={required()} disabled={locked} />
                  <TextInput source="provision.variant" label="Variant (optional)" disabled={locked} />
                </Stack>
              );
            case 'integration':
              return <TextInput source="provision.integrationType" label="Integration type" validate={required()} disabled={locked} />;
            default:
              return null;
          }
        }}
      </FormDataConsumer>
      <Stack direction="row" spacing={2}>
        <SelectInput source="pricing" choices={PRICING_CHOICES} validate={required()} />
        <NumberInput source="amountMinor" label="Price (minor units, e.g. 999 = 9.99)" min={0} step={1} validate={required()} />
        <TextInput source="currency" label="Currency (ISO-4217)" defaultValue="USD" validate={required()} />
      </Stack>
      <TextInput source="screenshots" label="Screenshot URLs (one per line)" multiline fullWidth {...lines} />
      <TextInput source="permissions" label="Permissions it needs (one per line)" multiline fullWidth {...lines} />
      <TextInput source="allowedPlans" label="Plans it is sold on (plan keys, one per line; empty: every plan)" multiline fullWidth {...lines} />
    </>
  );
}

export function AddonCreate() {
  return (
    <Create redirect="edit">
      <SimpleForm>
        <AddonFields locked={false} />
      </SimpleForm>
    </Create>
  );
}

/** The lifecycle buttons of one add-on, each confirmed with what it means for tenants who bought it. */
export function LifecycleButtons() {
  const record = useRecordContext<AddonRow>();
  const api = useMarketplaceApi();
  const notify = useNotify();
  const refresh = useRefresh();
  const { canCall } = useCanCall('POST', '/marketplace/addons/:id/status');
  const [pending, setPending] = useState<(typeof ACTIONS)['draft'][number] | null>(null);
  if (!record || !canCall) return null;
  return (
    <Stack direction="row" spacing={1} alignItems="center">
      <StatusChip status={record.status} />
      {ACTIONS[record.status].map((a) => (
        <Button key={a.to} size="small" variant="outlined" onClick={() => setPending(a)}>{a.label}</Button>
      ))}
      <Confirm
        isOpen={pending !== null}
        title={`${pending?.label ?? ''} "${record.name}"?`}
        content={pending?.warning ?? ''}
        onClose={() => setPending(null)}
        onConfirm={async () => {
          try {
            await api(`/marketplace/addons/${record.id}/status`, { method: 'POST', body: { status: pending!.to } });
            notify(`${record.name} is ${pending!.to}`, { type: 'success' });
            refresh();
          } catch (err) {
            notify(errorText(err), { type: 'error' });
          } finally {
            setPending(null);
          }
        }}
      />
    </Stack>
  );
}

function EditActions() {
  return (
    <TopToolbar>
      <LifecycleButtons />
    </TopToolbar>
  );
}

function EditFields() {
  const record = useRecordContext<AddonRow>();
  return <AddonFields locked={!!record && record.status !== 'draft'} />;
}

/** Save, and Delete for drafts only (a published add-on is suspended or deprecated instead; the API refuses the rest). */
function EditToolbar() {
  const record = useRecordContext<AddonRow>();
  return (
    <Toolbar sx={{ justifyContent: 'space-between' }}>
      <SaveButton />
      {record?.status === 'draft' && <DeleteButton mutationMode="pessimistic" />}
    </Toolbar>
  );
}

export function AddonEdit() {
  return (
    <Edit actions={<EditActions />} mutationMode="pessimistic">
      <SimpleForm toolbar={<EditToolbar />}>
        <EditFields />
      </SimpleForm>
    </Edit>
  );
}

/** Every tenant's purchases (staff). */
export function PurchaseList() {
  return (
    <List sort={{ field: 'createdAt', order: 'DESC' }} exporter={false} filters={[<TextInput key="q" source="q" label="Search" alwaysOn />, <SelectInput key="status" source="status" choices={['active', 'cancelled', 'expired'].map((id) => ({ id, name: id }))} />]}>
      <Datagrid bulkActionButtons={false} rowClick={false}>
        <TextField source="addonName" label="Add-on" />
        <TextField source="tenantId" label="Tenant" />
        <FunctionField label="Price" render={(r: AddonRow) => priceText(r)} />
        <TextField source="status" />
        <DateField source="createdAt" label="Bought" showTime />
        <DateField source="periodEnd" label="Paid until" />
      </Datagrid>
    </List>
  );
}
