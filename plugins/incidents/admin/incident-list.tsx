import { BooleanInput, ChipField, CreateButton, Datagrid, DateField, FunctionField, List, SelectInput, TextField, TextInput, TopToolbar, FilterButton, useResourceContext } from 'react-admin';
import { durationText, STATUSES } from './incidents-api.ts';
import { useFollowIncidents } from './use-incident-changes.ts';

const filters = [
  <TextInput key="q" source="q" label="Search" alwaysOn />,
  <BooleanInput key="open" source="open" label="Open only" alwaysOn />,
  <SelectInput key="severity" source="severity" choices={[1, 2, 3, 4].map((s) => ({ id: s, name: `SEV${s}` }))} />,
  <SelectInput key="status" source="status" choices={STATUSES.map((s) => ({ id: s, name: s }))} />,
  <TextInput key="affectedSystem" source="affectedSystem" label="Affected system" />,
];

const Actions = () => (
  <TopToolbar>
    <FilterButton />
    <CreateButton label="Declare incident" />
  </TopToolbar>
);

/** Incident history: search by severity, status, affected system. */
export function IncidentList() {
  useFollowIncidents(useResourceContext() ?? 'incidents/incidents');
  return (
    <List filters={filters} actions={<Actions />} sort={{ field: 'startedAt', order: 'DESC' }}>
      <Datagrid rowClick="show" bulkActionButtons={false}>
        <FunctionField label="Severity" sortBy="severity" render={(r: { severity: number }) => `SEV${r.severity}`} />
        <TextField source="title" />
        <ChipField source="status" />
        <FunctionField label="Affected" render={(r: { affectedSystems: string[] }) => r.affectedSystems.join(', ') || '—'} />
        <DateField source="startedAt" showTime />
        <FunctionField label="Duration" render={(r: { durationMinutes: number }) => durationText(r.durationMinutes)} />
        <TextField source="createdByLabel" label="Declared by" sortable={false} />
      </Datagrid>
    </List>
  );
}
