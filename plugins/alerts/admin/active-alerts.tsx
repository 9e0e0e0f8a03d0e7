import { Datagrid, DateField, FunctionField, List, SelectInput, BooleanInput, TextField } from 'react-admin';
import { CONDITION_SIGN, labelsText, valueText, type AlertRow } from './alerts-api.ts';
import { AlertStateChip } from './alert-state-chip.tsx';
import { AlertActionButtons } from './alert-actions.tsx';
import { AckStatsCard } from './ack-stats-card.tsx';

const filters = [
  <BooleanInput key="open" source="open" label="Open only" alwaysOn />,
  <SelectInput key="state" source="state" choices={['firing', 'pending', 'no_data', 'error', 'resolved'].map((s) => ({ id: s, name: s }))} />,
  <SelectInput key="severity" source="severity" choices={['critical', 'warning', 'info'].map((s) => ({ id: s, name: s }))} />,
];

/** Current alerts (firing first) with acknowledge, resolve and create-incident actions, under the time-to-acknowledge card. */
export function ActiveAlertList() {
  return (
    <>
      <AckStatsCard />
      <List filters={filters} filterDefaultValues={{ open: true }} perPage={25} queryOptions={{ refetchInterval: 15_000 }} exporter={false}>
        <Datagrid rowClick="show" bulkActionButtons={false}>
          <FunctionField label="State" render={(a: AlertRow) => <AlertStateChip alert={a} />} />
          <TextField source="ruleName" label="Rule" />
          <TextField source="severity" sortable />
          <FunctionField label="Labels" render={(a: AlertRow) => labelsText(a.labels)} />
          <FunctionField label="Value" render={(a: AlertRow) => `${valueText(a.value)} ${CONDITION_SIGN[a.condition]} ${a.threshold}`} />
          <DateField source="firingSince" label="Firing since" showTime emptyText="—" />
          <FunctionField label="Acknowledged" render={(a: AlertRow) => (a.acknowledgement ? `${a.acknowledgement.author}: ${a.acknowledgement.comment}` : '—')} />
          <FunctionField label="" render={(a: AlertRow) => <AlertActionButtons alert={a} />} />
        </Datagrid>
      </List>
    </>
  );
}
