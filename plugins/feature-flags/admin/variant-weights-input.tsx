import { ArrayInput, NumberInput, SelectInput, SimpleFormIterator, TextInput, required, useSourceContext } from 'react-admin';
import { useWatch } from 'react-hook-form';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import { FlagValueInput } from './flag-value-input.tsx';
import { totalOf, weightsSumTo100, type VariantDraft } from './variant-weights.ts';

export { totalOf, weightsSumTo100 } from './variant-weights.ts';

function WeightTotal({ source }: { source: string }) {
  const sourceContext = useSourceContext();
  const variants = useWatch({ name: sourceContext.getSource(source) }) as VariantDraft[] | undefined;
  if (!variants || variants.length === 0) return null;
  const total = totalOf(variants);
  return (
    <Alert severity={total === 100 ? 'success' : 'warning'} sx={{ my: 1 }}>
      Weights total {total}%{total === 100 ? '' : ' — they must sum to 100%'}
    </Alert>
  );
}

/** Weighted variants with a value each: weights in percent, enforced to sum to 100. */
export function VariantWeightsInput({ source, valueType }: { source: string; valueType: string }) {
  return (
    <Box sx={{ width: '100%' }}>
      <SelectInput
        source={`${source}.stickiness`}
        label="Variant stickiness"
        choices={[
          { id: 'userId', name: 'User' },
          { id: 'tenantId', name: 'Tenant' },
          { id: 'sessionId', name: 'Session' },
        ]}
        emptyText="User (default)"
      />
      <ArrayInput source={`${source}.variants`} label="Variants" validate={weightsSumTo100}>
        <SimpleFormIterator inline disableReordering>
          <TextInput source="name" label="Name" validate={required()} helperText={false} />
          <NumberInput source="weight" label="Weight %" min={0} max={100} step={0.1} validate={required()} helperText={false} />
          <FlagValueInput source="value" valueType={valueType} label="Value" />
        </SimpleFormIterator>
      </ArrayInput>
      <WeightTotal source={`${source}.variants`} />
    </Box>
  );
}
