import { useEffect, useRef } from 'react';
import { email, regex, required, TextInput } from 'react-admin';
import { useFormContext, useWatch } from 'react-hook-form';
import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import { slugify, SLUG_PATTERN } from '../format.ts';

const slugRules = [required(), regex(SLUG_PATTERN, 'Lowercase letters, digits and dashes (1–63), starting and ending with a letter or digit')];
const domainRule = regex(/^[a-z0-9.-]+\.[a-z]{2,}$/, 'A domain such as acme.example.com');
const localeRule = regex(/^[a-z]{2}(-[A-Z]{2})?$/, 'A locale such as en or fr-FR');

/** On create, the slug follows the name until someone edits the slug by hand. */
const SlugFollowsName = () => {
  const { setValue, getFieldState } = useFormContext();
  const name = useWatch({ name: 'name' }) as string | undefined;
  const touched = useRef(false);
  useEffect(() => {
    if (getFieldState('slug').isDirty && !touched.current) touched.current = true;
  });
  useEffect(() => {
    if (!touched.current && typeof name === 'string') setValue('slug', slugify(name), { shouldValidate: !!name });
  }, [name, setValue]);
  return null;
};

export const TenantFields = ({ creating }: { creating?: boolean }) => (
  <Box sx={{ width: '100%', maxWidth: 760 }}>
    <Typography variant="subtitle2" color="text.secondary" sx={{ mt: 1 }}>
      Identity
    </Typography>
    <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', md: '1fr 1fr' }, columnGap: 2 }}>
      <TextInput source="name" label="Name" validate={required()} />
      <TextInput
        source="slug"
        label="Slug"
        validate={slugRules}
        helperText={creating ? 'Used in URLs and the X-Tenant-Id header' : 'Changing it breaks links that use the old slug'}
      />
      <TextInput source="primaryDomain" label="Primary domain" validate={domainRule} helperText="Optional" />
      <TextInput source="locale" label="Locale" validate={localeRule} defaultValue={creating ? 'en' : undefined} />
    </Box>
    <Typography variant="subtitle2" color="text.secondary" sx={{ mt: 2 }}>
      Contact
    </Typography>
    <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', md: '1fr 1fr' }, columnGap: 2 }}>
      <TextInput source="contactName" label="Contact person" />
      <TextInput source="contactEmail" label="Contact email" type="email" validate={email()} />
    </Box>
    {creating && <SlugFollowsName />}
  </Box>
);
