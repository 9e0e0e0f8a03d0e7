import { useState } from 'react';
import {
  AutocompleteInput,
  Datagrid,
  DateField,
  DateTimeInput,
  FilterButton,
  FunctionField,
  List,
  ReferenceField,
  ReferenceInput,
  SearchInput,
  TextField,
  TextInput,
  TopToolbar,
  useDataProvider,
  useListContext,
  useNotify,
  useRecordContext,
} from 'react-admin';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import CircularProgress from '@mui/material/CircularProgress';
import Typography from '@mui/material/Typography';
import DownloadIcon from '@mui/icons-material/Download';
import HistoryIcon from '@mui/icons-material/History';
import type { PlatformDataProvider } from '../../api/dataProvider.ts';
import { EmptyState } from '../../components/EmptyState.tsx';
import { useSession } from '../../layout/useSession.ts';

interface AuditEntry {
  id: string | number;
  at: string;
  actorType: string;
  actorId: string | null;
  actorLabel: string | null;
  tenantId: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  before: unknown;
  after: unknown;
  reason: string | null;
  requestId: string | null;
}

/** `<input type=datetime-local>` gives local time without a zone; the API gets an instant. */
const toIso = (v: string) => (v ? new Date(v).toISOString() : null);

/** Downloads `GET /api/audit/export.csv` with exactly the filters and sort on screen. */
const ExportCsvButton = () => {
  const { filterValues, sort, total } = useListContext();
  const dataProvider = useDataProvider<PlatformDataProvider>();
  const notify = useNotify();
  const [busy, setBusy] = useState(false);
  const onClick = async () => {
    setBusy(true);
    try {
      const { blob, filename } = await dataProvider.exportAuditCsv({ filter: filterValues, sort });
      const url = URL.createObjectURL(blob);
      const a = document.createElement('a');
      a.href = url;
      a.download = filename;
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (err) {
      notify((err as Error).message || 'Export failed', { type: 'error' });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button size="small" onClick={onClick} disabled={busy || total === 0} startIcon={busy ? <CircularProgress size={14} /> : <DownloadIcon />}>
      Export CSV
    </Button>
  );
};

const Json = ({ label, value }: { label: string; value: unknown }) => (
  <Box sx={{ flex: 1, minWidth: 0 }}>
    <Typography variant="caption" color="text.secondary" sx={{ fontWeight: 600, textTransform: 'uppercase' }}>
      {label}
    </Typography>
    <Box
      component="pre"
      sx={{ m: 0, mt: 0.5, p: 1.5, borderRadius: 1, bgcolor: 'action.hover', fontSize: '0.78rem', overflow: 'auto', maxHeight: 280, whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}
    >
      {value == null ? '—' : JSON.stringify(value, null, 2)}
    </Box>
  </Box>
);

const AuditDetails = () => {
  const e = useRecordContext<AuditEntry>();
  if (!e) return null;
  return (
    <Box sx={{ py: 1 }}>
      <Box sx={{ display: 'flex', gap: 2, flexWrap: 'wrap', mb: 1 }}>
        <Typography variant="body2">
          <b>Actor</b> {e.actorType} {e.actorId ?? ''}
        </Typography>
        <Typography variant="body2">
          <b>Request</b> <code>{e.requestId ?? '—'}</code>
        </Typography>
        {e.reason && (
          <Typography variant="body2">
            <b>Reason</b> {e.reason}
          </Typography>
        )}
      </Box>
      <Box sx={{ display: 'flex', gap: 2 }}>
        <Json label="Before" value={e.before} />
        <Json label="After" value={e.after} />
      </Box>
    </Box>
  );
};

const AuditList = () => {
  const { session } = useSession();
  const isStaff = session?.user.kind === 'staff';
  const tenant = session?.tenant ?? null;
  const filters = [
    <SearchInput key="q" source="q" alwaysOn placeholder="Search" />,
    <TextInput key="action" source="action" label="Action" alwaysOn helperText={false} placeholder="e.g. tenant.suspended or tenant.*" />,
    ...(isStaff && !tenant
      ? [
          <ReferenceInput key="tenantId" source="tenantId" reference="tenants">
            <AutocompleteInput label="Tenant" optionText="name" />
          </ReferenceInput>,
        ]
      : []),
    <TextInput key="actorId" source="actorId" label="Actor id" />,
    <TextInput key="targetType" source="targetType" label="Target type" />,
    <TextInput key="targetId" source="targetId" label="Target id" />,
    <DateTimeInput key="from" source="from" label="From" parse={toIso} />,
    <DateTimeInput key="to" source="to" label="To" parse={toIso} />,
  ];
  return (
    <List
      title={tenant ? `Audit log of ${tenant.name}` : 'Audit log'}
      filters={filters}
      sort={{ field: 'at', order: 'DESC' }}
      perPage={50}
      empty={<EmptyState icon={<HistoryIcon />} title="The audit log is empty" description="Every change anyone makes is recorded here, with who, when and why." />}
      actions={
        <TopToolbar>
          <FilterButton />
          <ExportCsvButton />
        </TopToolbar>
      }
    >
      <Datagrid bulkActionButtons={false} rowClick="expand" expand={<AuditDetails />} expandSingle>
        <DateField source="at" label="When" showTime />
        <FunctionField
          label="Actor"
          sortable={false}
          render={(e: AuditEntry) => (
            <Box>
              <Typography variant="body2">{e.actorLabel ?? e.actorId ?? '—'}</Typography>
              <Typography variant="caption" color="text.secondary">
                {e.actorType}
              </Typography>
            </Box>
          )}
        />
        <FunctionField source="action" label="Action" render={(e: AuditEntry) => <Chip label={e.action} variant="outlined" sx={{ fontFamily: 'monospace' }} />} />
        <FunctionField
          label="Target"
          sortable={false}
          render={(e: AuditEntry) =>
            e.targetType ? (
              <Typography variant="body2">
                {e.targetType}{' '}
                <Typography component="span" variant="caption" color="text.secondary" sx={{ fontFamily: 'monospace' }}>
                  {e.targetId ?? ''}
                </Typography>
              </Typography>
            ) : (
              '—'
            )
          }
        />
        {isStaff && !tenant && (
          <ReferenceField source="tenantId" reference="tenants" label="Tenant" link={false} emptyText="—" sortable={false}>
            <TextField source="name" />
          </ReferenceField>
        )}
        <TextField source="reason" label="Reason" emptyText="—" sortable={false} />
      </Datagrid>
    </List>
  );
};

export default AuditList;
