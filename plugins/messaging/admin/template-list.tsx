import { Datagrid, DateField, FunctionField, List, SelectInput, TextField, TextInput } from 'react-admin';
import Chip from '@mui/material/Chip';
import { CHANNEL_CHOICES } from './messaging-api.ts';

export interface TemplateRow {
  id: string;
  tenantId: string | null;
  key: string;
  channel: 'sms' | 'email';
  description: string;
  variables: { name: string; type: string; required: boolean; sample?: unknown; description?: string }[];
  defaultLanguage: string;
  overridesPlatform: boolean;
  languages: string[];
  current: Record<string, { id: string; version: number; language: string; body: string | null; subject: string | null; html: string | null; text: string | null }>;
  updatedAt: string;
}

const filters = [
  <TextInput key="q" source="q" label="Search" alwaysOn />,
  <SelectInput key="channel" source="channel" choices={CHANNEL_CHOICES} alwaysOn />,
  <SelectInput key="scope" source="scope" choices={[{ id: 'platform', name: 'Platform' }, { id: 'tenant', name: 'Tenant overrides' }]} />,
];

/** Platform templates and tenants' overrides, with their languages and current version. */
export function TemplateList() {
  return (
    <List filters={filters} sort={{ field: 'key', order: 'ASC' }} exporter={false}>
      <Datagrid bulkActionButtons={false} rowClick="edit">
        <TextField source="key" />
        <TextField source="channel" />
        <TextField source="description" sortable={false} />
        <FunctionField label="Owner" render={(t: TemplateRow) => (t.tenantId ? <Chip size="small" label={t.overridesPlatform ? 'tenant override' : 'tenant'} /> : 'platform')} />
        <FunctionField label="Languages" render={(t: TemplateRow) => t.languages.map((l) => `${l} v${t.current[l]?.version ?? '?'}`).join(', ')} />
        <DateField source="updatedAt" showTime />
      </Datagrid>
    </List>
  );
}
