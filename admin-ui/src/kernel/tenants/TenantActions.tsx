import { useState, type ReactElement } from 'react';
import { useDataProvider, useNotify, useRecordContext, useRefresh } from 'react-admin';
import { useQueryClient } from '@tanstack/react-query';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import PauseCircleOutlineIcon from '@mui/icons-material/PauseCircleOutline';
import PlayCircleOutlineIcon from '@mui/icons-material/PlayCircleOutline';
import DeleteOutlineIcon from '@mui/icons-material/DeleteOutline';
import RestoreIcon from '@mui/icons-material/Restore';
import type { PlatformDataProvider } from '../../api/dataProvider.ts';
import { ALL_TENANTS, getTenantSelection, setTenantSelection } from '../../api/tenantSelection.ts';
import { ReasonDialog } from '../../components/ReasonDialog.tsx';
import { refreshConsole } from '../../layout/refreshConsole.ts';
import { useSession } from '../../layout/useSession.ts';
import { lifecycleActionsFor, type LifecycleAction } from './lifecycle.ts';
import type { Tenant } from './types.ts';


const COPY: Record<LifecycleAction, { label: string; done: string; color: 'warning' | 'success' | 'error' | 'primary'; describe(name: string): string; icon: ReactElement }> = {
  suspend: {
    label: 'Suspend',
    done: 'suspended',
    color: 'warning',
    describe: (n) => `${n}'s users, API keys and public endpoints are refused until it is activated again.`,
    icon: <PauseCircleOutlineIcon />,
  },
  activate: { label: 'Activate', done: 'activated', color: 'success', describe: (n) => `${n} becomes usable again.`, icon: <PlayCircleOutlineIcon /> },
  delete: {
    label: 'Delete',
    done: 'deleted',
    color: 'error',
    describe: (n) => `${n} is soft-deleted: nothing is lost during the grace period, and it can be restored until it is purged.`,
    icon: <DeleteOutlineIcon />,
  },
  restore: { label: 'Restore', done: 'restored', color: 'primary', describe: (n) => `${n} comes back as it was before deletion.`, icon: <RestoreIcon /> },
};

/** Suspend / Activate / Delete / Restore for the tenant in context, each behind a reason dialog. */
export const TenantLifecycleActions = ({ variant = 'row' }: { variant?: 'row' | 'toolbar' }) => {
  const record = useRecordContext<Tenant>();
  const dataProvider = useDataProvider<PlatformDataProvider>();
  const notify = useNotify();
  const refresh = useRefresh();
  const queryClient = useQueryClient();
  const { can } = useSession();
  const [pending, setPending] = useState<LifecycleAction | null>(null);
  if (!record || !can('platform.tenants.write')) return null;

  const run = async (action: LifecycleAction, reason: string) => {
    try {
      if (action === 'delete') await dataProvider.delete('tenants', { id: record.id, previousData: record, meta: { reason } });
      else await dataProvider.tenantTransition(String(record.id), action, reason);
      notify(`Tenant “${record.name}” ${COPY[action].done}`, { type: 'success' });
      setPending(null);
      if ((action === 'suspend' || action === 'delete') && getTenantSelection() === record.id) {
        setTenantSelection(ALL_TENANTS);
        await refreshConsole(queryClient);
      } else refresh();
    } catch (err) {
      notify((err as Error).message || 'The action failed', { type: 'error' });
    }
  };

  const actions = lifecycleActionsFor(record.status);
  return (
    <Box sx={{ display: 'flex', gap: 0.5, justifyContent: variant === 'row' ? 'flex-end' : 'flex-start' }} onClick={(e) => e.stopPropagation()}>
      {actions.map((a) => (
        <Button
          key={a}
          size="small"
          color={COPY[a].color}
          variant={variant === 'toolbar' ? 'outlined' : 'text'}
          startIcon={variant === 'toolbar' ? COPY[a].icon : undefined}
          onClick={(e) => {
            e.stopPropagation();
            setPending(a);
          }}
        >
          {COPY[a].label}
        </Button>
      ))}
      {pending && (
        <ReasonDialog
          open
          title={`${COPY[pending].label} ${record.name}?`}
          description={COPY[pending].describe(record.name)}
          actionLabel={COPY[pending].label}
          color={COPY[pending].color}
          onConfirm={(reason) => run(pending, reason)}
          onClose={() => setPending(null)}
        />
      )}
    </Box>
  );
};
