import { Datagrid, FunctionField, List, Pagination, SearchInput, SelectInput } from 'react-admin';
import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import ExtensionIcon from '@mui/icons-material/Extension';
import { EmptyState } from '../../components/EmptyState.tsx';
import { useSession } from '../../layout/useSession.ts';
import { PluginEnabledToggle } from './PluginEnabledToggle.tsx';
import type { PluginRecord } from './types.ts';

const filters = [
  <SearchInput key="q" source="q" alwaysOn placeholder="Search plugins" />,
  <SelectInput
    key="scope"
    source="scope"
    label="Scope"
    alwaysOn
    emptyText="Any scope"
    choices={[
      { id: 'platform', name: 'Platform-wide' },
      { id: 'tenant', name: 'Per tenant' },
    ]}
  />,
];

const PluginList = () => {
  const { session } = useSession();
  return (
    <List
      title={session?.tenant ? `Plugins for ${session.tenant.name}` : 'Plugins'}
      filters={filters}
      sort={{ field: 'name', order: 'ASC' }}
      perPage={50}
      pagination={<Pagination rowsPerPageOptions={[50, 100]} />}
      actions={false}
      empty={<EmptyState icon={<ExtensionIcon />} title="No plugins installed" description="List plugin packages in platform.config.json and restart." />}
    >
      <Datagrid rowClick="show" bulkActionButtons={false}>
        <FunctionField
          source="name"
          label="Plugin"
          render={(p: PluginRecord) => (
            <Box sx={{ maxWidth: 460 }}>
              <Typography variant="body2" sx={{ fontWeight: 600 }}>
                {p.name}
              </Typography>
              {p.description && (
                <Typography variant="caption" color="text.secondary">
                  {p.description}
                </Typography>
              )}
            </Box>
          )}
        />
        <FunctionField source="version" label="Version" render={(p: PluginRecord) => <Chip label={`v${p.version}`} variant="outlined" sx={{ fontFamily: 'monospace' }} />} />
        <FunctionField source="scope" label="Scope" render={(p: PluginRecord) => (p.scope === 'tenant' ? 'Per tenant' : 'Platform-wide')} />
        <FunctionField
          label="Depends on"
          sortable={false}
          render={(p: PluginRecord) =>
            p.dependsOn?.length ? (
              <Stack direction="row" spacing={0.5}>
                {p.dependsOn.map((d) => (
                  <Chip key={d} label={d} variant="outlined" />
                ))}
              </Stack>
            ) : (
              '—'
            )
          }
        />
        <FunctionField label={session?.tenant ? `In ${session.tenant.name}` : 'Enabled'} sortable={false} render={() => <PluginEnabledToggle />} />
      </Datagrid>
    </List>
  );
};

export default PluginList;
