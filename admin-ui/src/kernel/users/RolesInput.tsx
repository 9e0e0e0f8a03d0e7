import { AutocompleteArrayInput, required, useGetList } from 'react-admin';
import { useWatch } from 'react-hook-form';

interface RoleRecord {
  id: string;
  key: string;
  name: string;
  scope: 'platform' | 'tenant';
}

/** Roles by key, limited to the ones that fit the user's kind (tenant users get tenant-scoped roles). */
export const RolesInput = ({ kind: fixedKind }: { kind?: 'staff' | 'tenant' }) => {
  const watched = useWatch({ name: 'kind' }) as 'staff' | 'tenant' | undefined;
  const kind = fixedKind ?? watched ?? 'tenant';
  const { data, isPending } = useGetList<RoleRecord>('roles', { pagination: { page: 1, perPage: 200 }, sort: { field: 'name', order: 'ASC' } });
  const choices = (data ?? []).filter((r) => (kind === 'tenant' ? r.scope === 'tenant' : r.scope === 'platform'));
  return (
    <AutocompleteArrayInput
      source="roles"
      label="Roles"
      choices={choices}
      optionValue="key"
      optionText="name"
      isPending={isPending}
      validate={required('Give the user at least one role')}
      helperText={kind === 'tenant' ? 'Tenant roles' : 'Platform roles'}
    />
  );
};
