import {
  BooleanInput,
  Create,
  Edit,
  FormDataConsumer,
  NumberInput,
  SaveButton,
  SelectInput,
  TabbedForm,
  TextInput,
  Toolbar,
  TopToolbar,
  regex,
  required,
  useRecordContext,
} from 'react-admin';
import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import { FlagAuditTimeline } from './audit-timeline.tsx';
import { DependenciesInput, dependenciesToApi } from './dependencies-input.tsx';
import { FLAG_TYPES, VALUE_TYPES, withoutEmpty, type FlagRecordView } from './flag-types.ts';
import { FlagValueInput } from './flag-value-input.tsx';
import { commaList } from './list-inputs.ts';
import { FlagOverridesPanel } from './overrides.tsx';
import { StartRolloutButton } from './start-rollout-dialog.tsx';
import { TargetingBuilder } from './targeting-builder.tsx';
import { VariantWeightsInput } from './variant-weights-input.tsx';

const KEY_RULE = regex(/^[a-z][a-z0-9_-]*(\.[a-z][a-z0-9_-]*)+$/, 'Dotted lower-case segments, e.g. checkout.new_flow');

/** Save with the reason every change needs. */
const ReasonToolbar = () => (
  <Toolbar sx={{ gap: 2, alignItems: 'center' }}>
    <TextInput source="reason" label="Reason for this change" validate={required()} sx={{ flex: 1, maxWidth: 600 }} helperText="Kept in the audit trail" defaultValue="" />
    <SaveButton alwaysEnable />
  </Toolbar>
);

/** Cleans what the form leaves behind before it reaches the API's strict schemas. */
function toApi(data: Record<string, any>): Record<string, any> {
  const out = { ...data };
  const targeting = withoutEmpty(out.targeting) ?? {};
  if (targeting.variants && !Array.isArray(targeting.variants.variants)) delete targeting.variants;
  if (targeting.schedule && !targeting.schedule.start && !targeting.schedule.end) delete targeting.schedule;
  out.targeting = targeting;
  out.dependencies = dependenciesToApi(out.dependencies);
  for (const field of ['lastEvaluatedAt', 'rolloutPercentage', 'killedAt', 'killedReason', 'fullyOnSince', 'createdBy', 'updatedBy', 'createdAt', 'updatedAt']) delete out[field];
  if (out.enabledValue === '' || out.enabledValue === undefined) delete out.enabledValue;
  if (out.owner === '') out.owner = null;
  return out;
}

function GeneralTab({ creating }: { creating: boolean }) {
  return (
    <>
      <TextInput source="key" label="Key" validate={creating ? [required(), KEY_RULE] : undefined} disabled={!creating} helperText={creating ? 'Cannot change later' : false} />
      <TextInput source="name" label="Name" validate={required()} fullWidth />
      <TextInput source="description" label="Description" multiline minRows={2} fullWidth />
      <Box sx={{ display: 'flex', gap: 2, flexWrap: 'wrap' }}>
        <SelectInput source="type" label="Type" choices={FLAG_TYPES} validate={required()} defaultValue="boolean" />
        <SelectInput source="valueType" label="Value type" choices={VALUE_TYPES} defaultValue="boolean" disabled={!creating} />
      </Box>
      <FormDataConsumer>
        {({ formData }) => (
          <Box sx={{ display: 'flex', gap: 2, flexWrap: 'wrap' }}>
            <FlagValueInput source="defaultValue" valueType={formData.valueType ?? 'boolean'} label="Default value (served when off)" />
            {formData.valueType && formData.valueType !== 'boolean' ? <FlagValueInput source="enabledValue" valueType={formData.valueType} label="Value when on" /> : null}
          </Box>
        )}
      </FormDataConsumer>
      <Box sx={{ display: 'flex', gap: 2, flexWrap: 'wrap' }}>
        <BooleanInput source="enabled" label="Enabled" />
        <BooleanInput source="killSwitch" label="Kill switch (critical flag)" />
        <BooleanInput source="archived" label="Archived" />
      </Box>
      <Box sx={{ display: 'flex', gap: 2, flexWrap: 'wrap' }}>
        <TextInput source="owner" label="Owner" />
        <TextInput source="tags" label="Tags (comma-separated)" {...commaList} />
        <NumberInput source="staleAfterDays" label="Stale after (days at 100%)" min={1} max={3650} defaultValue={14} />
      </Box>
    </>
  );
}

function VariantsTab() {
  return (
    <FormDataConsumer>
      {({ formData }) => (
        <Box sx={{ width: '100%', maxWidth: 900 }}>
          <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
            When the flag is on for a context, a variant is picked by weight (sticky per user by default) and its value served.
          </Typography>
          <VariantWeightsInput source="targeting.variants" valueType={formData.valueType ?? 'boolean'} />
        </Box>
      )}
    </FormDataConsumer>
  );
}

function FlagKeyed({ children }: { children: (flag: FlagRecordView) => React.ReactNode }) {
  const flag = useRecordContext<FlagRecordView>();
  return flag ? <>{children(flag)}</> : null;
}

export const FlagCreate = () => (
  <Create title="New feature flag" redirect="edit" transform={toApi}>
    <TabbedForm toolbar={<ReasonToolbar />} defaultValues={{ valueType: 'boolean', defaultValue: false, enabled: false, targeting: {} }}>
      <TabbedForm.Tab label="General">
        <GeneralTab creating />
      </TabbedForm.Tab>
      <TabbedForm.Tab label="Targeting">
        <TargetingBuilder />
      </TabbedForm.Tab>
      <TabbedForm.Tab label="Variants">
        <VariantsTab />
      </TabbedForm.Tab>
      <TabbedForm.Tab label="Dependencies">
        <DependenciesInput />
      </TabbedForm.Tab>
    </TabbedForm>
  </Create>
);

/** The editor's actions: start a staged or gradual rollout of this flag. */
const FlagEditActions = () => (
  <TopToolbar>
    <FlagKeyed>{(flag) => <StartRolloutButton flag={flag} />}</FlagKeyed>
  </TopToolbar>
);

export const FlagEdit = () => (
  <Edit title="Edit feature flag" mutationMode="pessimistic" transform={toApi} actions={<FlagEditActions />}>
    <TabbedForm toolbar={<ReasonToolbar />}>
      <TabbedForm.Tab label="General">
        <GeneralTab creating={false} />
      </TabbedForm.Tab>
      <TabbedForm.Tab label="Targeting">
        <TargetingBuilder />
      </TabbedForm.Tab>
      <TabbedForm.Tab label="Variants">
        <VariantsTab />
      </TabbedForm.Tab>
      <TabbedForm.Tab label="Dependencies">
        <DependenciesInput />
      </TabbedForm.Tab>
      <TabbedForm.Tab label="Overrides">
        <FlagKeyed>{(flag) => <FlagOverridesPanel flagKey={flag.key} />}</FlagKeyed>
      </TabbedForm.Tab>
      <TabbedForm.Tab label="Audit">
        <FlagKeyed>{(flag) => <FlagAuditTimeline flagKey={flag.key} />}</FlagKeyed>
      </TabbedForm.Tab>
    </TabbedForm>
  </Edit>
);
