import { ArrayInput, AutocompleteInput, BooleanInput, ReferenceInput, SimpleFormIterator, TextInput, required } from 'react-admin';
import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import { commaList } from './list-inputs.ts';

/** Form entries as the API takes them: `enabled: false` for "the parent must be off", variants only when on. */
export function dependenciesToApi(dependencies: unknown): { flag: string; enabled?: boolean; variants?: string[] }[] {
  if (!Array.isArray(dependencies)) return [];
  return dependencies
    .filter((entry): entry is Record<string, any> => entry && typeof entry.flag === 'string' && entry.flag !== '')
    .map((entry) => {
      const off = entry.enabled === false;
      const dependency: { flag: string; enabled?: boolean; variants?: string[] } = { flag: entry.flag };
      if (off) dependency.enabled = false;
      else if (Array.isArray(entry.variants) && entry.variants.length > 0) dependency.variants = entry.variants;
      return dependency;
    });
}

/** Parent flags: pick a flag, whether it must be on or off, and (when on) which variants satisfy it. */
export function DependenciesInput() {
  return (
    <Box sx={{ width: '100%', maxWidth: 900 }}>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
        This flag is on only while every parent requirement holds for the same context. A parent cannot have parents
        of its own; a missing parent switches this flag off.
      </Typography>
      <ArrayInput source="dependencies" label="Parent flags">
        <SimpleFormIterator inline>
          <ReferenceInput source="flag" reference="feature-flags/flags">
            <AutocompleteInput label="Parent flag" optionText="key" optionValue="key" validate={required()} />
          </ReferenceInput>
          <BooleanInput source="enabled" label="Parent must be on (off: must be off)" format={(value: unknown) => value !== false} />
          <TextInput source="variants" label="Variants (comma-separated, optional)" {...commaList} />
        </SimpleFormIterator>
      </ArrayInput>
    </Box>
  );
}
