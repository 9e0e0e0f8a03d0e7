import { AutocompleteInput, NumberInput, RadioButtonGroupInput, ReferenceInput, required, TextInput } from 'react-admin';
import { useWatch } from 'react-hook-form';
import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';

const Subject = ({ creating }: { creating: boolean }) => {
  const appliesTo = useWatch({ name: 'appliesTo' });
  if (appliesTo === 'tenant')
    return (
      <ReferenceInput source="tenantId" reference="tenants" sort={{ field: 'name', order: 'ASC' }}>
        <AutocompleteInput label="Tenant" optionText="name" validate={required()} disabled={!creating} helperText="This tenant’s override replaces its plan’s policy" />
      </ReferenceInput>
    );
  return <TextInput source="planKey" label="Plan key" validate={required()} disabled={!creating} helperText="The plan’s key, e.g. pro: every tenant on that plan gets this policy" />;
};

/** The fields of a rate-limit policy: what it applies to (fixed once created) and its limits. */
export const RateLimitFields = ({ creating = false }: { creating?: boolean }) => (
  <Box sx={{ width: '100%', maxWidth: 560 }}>
    <RadioButtonGroupInput
      source="appliesTo"
      label="Applies to"
      disabled={!creating}
      choices={[
        { id: 'plan', name: 'A plan' },
        { id: 'tenant', name: 'One tenant (override)' },
      ]}
    />
    <Subject creating={creating} />
    <Typography variant="subtitle2" sx={{ mt: 1 }}>
      API requests
    </Typography>
    <NumberInput source="requestsPerSecond" label="Requests per second" min={1} step={1} validate={required()} helperText="Sustained rate, counted across every instance" />
    <NumberInput source="burst" label="Burst" min={1} step={1} helperText="Requests allowed at once after a quiet spell (default: the rate)" />
    <Typography variant="subtitle2" sx={{ mt: 1 }}>
      Streams
    </Typography>
    <NumberInput source="concurrentStreams" label="Concurrent streams" min={0} step={1} helperText="Live streams (server-sent events) open at once; empty: not limited" />
    <TextInput source="note" label="Note" multiline helperText="Why this limit (shown in the list and the audit log)" />
    <Typography variant="caption" color="text.secondary">
      Limits apply to a tenant’s users and API keys. Platform staff are not limited. Over the limit the API answers 429 with RateLimit and Retry-After headers.
    </Typography>
  </Box>
);
