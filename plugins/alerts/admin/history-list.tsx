import { AutocompleteInput, Datagrid, ReferenceInput, DateField, DateTimeInput, FunctionField, List, SelectInput, TextField, TextInput, TopToolbar, FilterButton, useListContext } from 'react-admin';
import Button from '@mui/material/Button';
import DownloadIcon from '@mui/icons-material/Download';
import { labelsText, valueText } from './alerts-api.ts';

const filters = [
  <TextInput key="q" source="q" label="Search" alwaysOn />,
  <ReferenceInput key="ruleId" source="ruleId" reference="alerts/rules" alwaysOn>
    <AutocompleteInput label="Rule" optionText="name" filterToQuery={(q: string) => ({ q })} sx={{ minWidth: 240 }} />
  </ReferenceInput>,
  <SelectInput key="severity" source="severity" choices={['critical', 'warning', 'info'].map((s) => ({ id: s, name: s }))} />,
  <SelectInput key="event" source="event" choices={['pending', 'fired', 'acknowledged', 'resolved', 'no_data', 'error', 'normal'].map((s) => ({ id: s, name: s }))} />,
  <DateTimeInput key="from" source="from" />,
  <DateTimeInput key="to" source="to" />,
];

/** The CSV export of the history with the list's current filters (same origin: the session cookie goes along). */
function CsvExportButton() {
  const { filterValues } = useListContext();
  const href = `/api/alerts/history.csv?filter=${encodeURIComponent(JSON.stringify(filterValues ?? {}))}`;
  return (
    <Button size="small" startIcon={<DownloadIcon />} href={href}>
      Export CSV
    </Button>
  );
}

const Actions = () => (
  <TopToolbar>
    <FilterButton />
    <CsvExportButton />
  </TopToolbar>
);

/** Every alert state change, acknowledgement and resolution. */
export function AlertHistoryList() {
  return (
    <List filters={filters} actions={<Actions />} sort={{ field: 'at', order: 'DESC' }} exporter={false}>
      <Datagrid bulkActionButtons={false} rowClick={false}>
        <DateField source="at" showTime />
        <TextField source="ruleName" label="Rule" />
        <TextField source="severity" />
        <TextField source="event" sortable={false} />
        <FunctionField label="Labels" render={(r: { labels: Record<string, string> }) => labelsText(r.labels)} />
        <FunctionField label="Value" render={(r: { value: number | null }) => valueText(r.value)} />
        <TextField source="actor" emptyText="evaluator" sortable={false} />
        <TextField source="comment" emptyText="" sortable={false} />
      </Datagrid>
    </List>
  );
}
