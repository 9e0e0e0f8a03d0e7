import {
  ArrayInput,
  AutocompleteArrayInput,
  BooleanInput,
  ReferenceArrayInput,
  SelectInput,
  SimpleFormIterator,
  TextInput,
} from 'react-admin';
import Box from '@mui/material/Box';
import Divider from '@mui/material/Divider';
import Typography from '@mui/material/Typography';
import { commaList } from './list-inputs.ts';
import { RolloutSlider } from './rollout-slider.tsx';

const OPERATORS = [
  'IN', 'NOT_IN', 'STR_CONTAINS', 'STR_STARTS_WITH', 'STR_ENDS_WITH', 'NUM_EQ', 'NUM_GT', 'NUM_GTE', 'NUM_LT', 'NUM_LTE',
  'DATE_AFTER', 'DATE_BEFORE', 'SEMVER_EQ', 'SEMVER_GT', 'SEMVER_GTE', 'SEMVER_LT', 'SEMVER_LTE', 'IN_CIDR', 'REGEX',
].map((id) => ({ id, name: id }));

const STICKINESS = [
  { id: 'userId', name: 'User' },
  { id: 'tenantId', name: 'Tenant' },
  { id: 'sessionId', name: 'Session' },
  { id: 'random', name: 'Random' },
];

const timeZones = (): { id: string; name: string }[] => {
  const zones = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : ['UTC'];
  return ['UTC', ...zones.filter((z) => z !== 'UTC')].map((id) => ({ id, name: id }));
};

function Section({ title, hint }: { title: string; hint: string }) {
  return (
    <Box sx={{ mt: 3, mb: 1, width: '100%' }}>
      <Divider sx={{ mb: 2 }} />
      <Typography variant="subtitle1" sx={{ fontWeight: 600 }}>
        {title}
      </Typography>
      <Typography variant="body2" color="text.secondary">
        {hint}
      </Typography>
    </Box>
  );
}

/**
 * The targeting builder, in evaluation order: schedule; disabled tenants; enabled tenants, plans and
 * users; then rollout rules (percentage, stickiness, constraints). Overrides are edited on their tab.
 */
export function TargetingBuilder() {
  return (
    <Box sx={{ width: '100%', maxWidth: 900 }}>
      <Section title="Schedule" hint="Outside this window the flag serves its default value. Times without an offset are read in the time zone." />
      <Box sx={{ display: 'flex', gap: 2, flexWrap: 'wrap' }}>
        <TextInput source="targeting.schedule.start" label="Start" type="datetime-local" InputLabelProps={{ shrink: true }} helperText={false} />
        <TextInput source="targeting.schedule.end" label="End" type="datetime-local" InputLabelProps={{ shrink: true }} helperText={false} />
        <SelectInput source="targeting.schedule.timeZone" label="Time zone" choices={timeZones()} emptyText="UTC" helperText={false} />
      </Box>

      <Section title="Tenants" hint="A disabled tenant always gets the default value; an enabled tenant always gets the flag." />
      <ReferenceArrayInput source="targeting.disabledTenants" reference="tenants">
        <AutocompleteArrayInput label="Disabled tenants" optionText="name" helperText={false} />
      </ReferenceArrayInput>
      <ReferenceArrayInput source="targeting.enabledTenants" reference="tenants">
        <AutocompleteArrayInput label="Enabled tenants" optionText="name" helperText={false} />
      </ReferenceArrayInput>

      <Section title="Plans and users" hint="Tenants on these plans, and these users, get the flag." />
      <TextInput source="targeting.enabledPlans" label="Enabled plans (keys, comma-separated)" fullWidth {...commaList} helperText={false} />
      <TextInput source="targeting.enabledUsers" label="Enabled users (ids, comma-separated)" fullWidth multiline {...commaList} helperText={false} />

      <Section title="Rollout rules" hint="Tried in order; the first rule whose constraints match and whose bucket is within its percentage switches the flag on." />
      <ArrayInput source="targeting.rollouts" label={false}>
        <SimpleFormIterator fullWidth>
          <RolloutSlider source="percentage" />
          <SelectInput source="stickiness" label="Sticky on" choices={STICKINESS} emptyText="User (default)" helperText={false} />
          <ArrayInput source="constraints" label="Constraints (all must match)">
            <SimpleFormIterator inline disableReordering>
              <TextInput source="contextName" label="Attribute" helperText={false} />
              <SelectInput source="operator" label="Operator" choices={OPERATORS} helperText={false} />
              <TextInput source="values" label="Values (comma-separated)" {...commaList} helperText={false} />
              <TextInput source="value" label="Value (NUM/DATE/SEMVER)" helperText={false} />
              <BooleanInput source="inverted" label="Not" helperText={false} />
            </SimpleFormIterator>
          </ArrayInput>
        </SimpleFormIterator>
      </ArrayInput>
    </Box>
  );
}
