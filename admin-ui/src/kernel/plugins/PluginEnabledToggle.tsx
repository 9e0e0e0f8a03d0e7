import { useState } from 'react';
import { useDataProvider, useNotify, useRecordContext } from 'react-admin';
import { useQueryClient } from '@tanstack/react-query';
import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import CircularProgress from '@mui/material/CircularProgress';
import Switch from '@mui/material/Switch';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import type { PlatformDataProvider } from '../../api/dataProvider.ts';
import { refreshConsole } from '../../layout/refreshConsole.ts';
import { useSession } from '../../layout/useSession.ts';
import type { PluginRecord } from './types.ts';

/** Per-tenant enablement of a tenant-scoped plugin; the menu follows at once. */
export const PluginEnabledToggle = () => {
  const p = useRecordContext<PluginRecord>();
  const { session, can } = useSession();
  const dataProvider = useDataProvider<PlatformDataProvider>();
  const notify = useNotify();
  const queryClient = useQueryClient();
  const [busy, setBusy] = useState(false);
  if (!p) return null;
  if (p.scope !== 'tenant') return <Chip label="Always on" variant="outlined" />;
  const tenant = session?.tenant;
  if (!tenant)
    return (
      <Typography variant="caption" color="text.secondary">
        Select a tenant
      </Typography>
    );
  const enabled = !!p.enabled;
  if (!can('plugins.manage')) return <Chip label={enabled ? 'Enabled' : 'Disabled'} color={enabled ? 'success' : 'default'} />;

  const toggle = async (next: boolean) => {
    setBusy(true);
    try {
      await dataProvider.setPluginEnabled(p.name, tenant.id, next);
      notify(`${p.name} ${next ? 'enabled' : 'disabled'} for ${tenant.name}`, { type: 'success' });
      await refreshConsole(queryClient);
    } catch (err) {
      notify((err as Error).message, { type: 'error' });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Box sx={{ display: 'flex', alignItems: 'center', gap: 0.5 }} onClick={(e) => e.stopPropagation()}>
      <Tooltip title={`${enabled ? 'Disable' : 'Enable'} for ${tenant.name}`}>
        <Switch
          checked={enabled}
          disabled={busy}
          onChange={(e) => toggle(e.target.checked)}
          slotProps={{ input: { 'aria-label': `Enable ${p.name}`, role: 'switch' } }}
        />
      </Tooltip>
      {busy ? <CircularProgress size={14} /> : <Typography variant="caption">{enabled ? 'Enabled' : 'Disabled'}</Typography>}
    </Box>
  );
};
