import { BooleanField, ChipField, Datagrid, FunctionField, List, SelectInput, TextField, TextInput } from 'react-admin';
import { CONDITION_SIGN } from './alerts-api.ts';

const filters = [
  <TextInput key="q" source="q" label="Search" alwaysOn />,
  <SelectInput key="severity" source="severity" choices={[{ id: 'critical', name: 'Critical' }, { id: 'warning', name: 'Warning' }, { id: 'info', name: 'Info' }]} />,
];

interface Rule {
  name: string;
  metric: string;
  aggregation: string;
  condition: 'gt' | 'lt' | 'eq';
  threshold: number;
  forMinutes: number;
  channels: string[];
}

export function RuleList() {
  return (
    <List filters={filters} sort={{ field: 'name', order: 'ASC' }}>
      <Datagrid bulkActionButtons={false}>
        <TextField source="name" />
        <FunctionField label="Condition" render={(r: Rule) => `${r.aggregation}(${r.metric}) ${CONDITION_SIGN[r.condition]} ${r.threshold} for ${r.forMinutes} min`} />
        <ChipField source="severity" />
        <FunctionField label="Channels" render={(r: Rule) => r.channels.join(', ') || '—'} />
        <BooleanField source="enabled" />
      </Datagrid>
    </List>
  );
}
