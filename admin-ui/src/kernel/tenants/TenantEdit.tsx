import { Edit, SaveButton, SimpleForm, Toolbar, TopToolbar, useRecordContext } from 'react-admin';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import { StatusChip } from '../../components/StatusChip.tsx';
import { TenantLifecycleActions } from './TenantActions.tsx';
import { TenantFields } from './TenantForm.tsx';
import type { Tenant } from './types.ts';

const TenantTitle = () => {
  const t = useRecordContext<Tenant>();
  return <>{t ? `Tenant ${t.name}` : 'Tenant'}</>;
};

const StatusPanel = () => {
  const t = useRecordContext<Tenant>();
  if (!t) return null;
  const date = (v: string | null) => (v ? new Date(v).toLocaleString() : '—');
  return (
    <Box sx={{ width: '100%', maxWidth: 760, mb: 1 }}>
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, mb: 1 }}>
        <Typography variant="subtitle2" color="text.secondary">
          Status
        </Typography>
        <StatusChip status={t.status} />
      </Box>
      {t.status === 'suspended' && (
        <Alert severity="warning">Suspended{t.statusReason ? `: ${t.statusReason}` : ''}. Its requests are refused until it is activated.</Alert>
      )}
      {t.status === 'deleted' && (
        <Alert severity="error">
          Deleted on {date(t.deletedAt)}
          {t.statusReason ? ` (${t.statusReason})` : ''}. It can be restored until {date(t.purgeAfter)}, when it may be purged.
        </Alert>
      )}
    </Box>
  );
};

const TenantEdit = () => (
  <Edit
    title={<TenantTitle />}
    mutationMode="pessimistic"
    actions={
      <TopToolbar>
        <TenantLifecycleActions variant="toolbar" />
      </TopToolbar>
    }
  >
    <SimpleForm
      toolbar={
        <Toolbar>
          <SaveButton />
        </Toolbar>
      }
    >
      <StatusPanel />
      <TenantFields />
    </SimpleForm>
  </Edit>
);

export default TenantEdit;
