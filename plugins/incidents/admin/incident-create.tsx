import { ArrayInput, BooleanInput, Create, SelectInput, SimpleForm, SimpleFormIterator, TextInput, required } from 'react-admin';
import { SeverityPicker } from './severity-picker.tsx';

/** Declare an incident: title, severity (definitions shown), status, affected systems, status page message, description. */
export function IncidentCreate() {
  return (
    <Create redirect="show" transform={(d: Record<string, unknown>) => ({ ...d, affectedSystems: ((d.affectedSystems as { name: string }[] | undefined) ?? []).map((s) => s.name).filter(Boolean) })}>
      <SimpleForm defaultValues={{ status: 'investigating', publishToStatusPage: false }}>
        <TextInput source="title" validate={required()} fullWidth />
        <SeverityPicker />
        <SelectInput source="status" choices={['investigating', 'identified', 'monitoring'].map((s) => ({ id: s, name: s }))} />
        <ArrayInput source="affectedSystems" label="Affected systems">
          <SimpleFormIterator inline disableReordering>
            <TextInput source="name" label="System" helperText={false} />
          </SimpleFormIterator>
        </ArrayInput>
        <TextInput source="statusPageMessage" label="Status page message" multiline fullWidth helperText="Public wording; no internal details" />
        <BooleanInput source="publishToStatusPage" label="Publish to the status page" />
        <TextInput source="description" label="Initial description" multiline fullWidth />
      </SimpleForm>
    </Create>
  );
}
