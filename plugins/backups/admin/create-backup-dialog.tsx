import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useGetList, useNotify } from 'react-admin';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import FormControlLabel from '@mui/material/FormControlLabel';
import MenuItem from '@mui/material/MenuItem';
import Radio from '@mui/material/Radio';
import RadioGroup from '@mui/material/RadioGroup';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import { errorText, useBackupsApi } from './backups-api.ts';

/** Starts a backup of one tenant: full, or of the chosen plugins. */
export function CreateBackupDialog({ open, onClose, onStarted }: { open: boolean; onClose: () => void; onStarted: () => void }) {
  const api = useBackupsApi();
  const notify = useNotify();
  const tenants = useGetList('tenants', { pagination: { page: 1, perPage: 200 }, sort: { field: 'slug', order: 'ASC' } });
  const plugins = useQuery({ queryKey: ['backups', 'plugins'], queryFn: () => api<{ plugin: string; tables: string[] }[]>('/backups/plugins'), enabled: open });
  const [tenantId, setTenantId] = useState('');
  const [scope, setScope] = useState<'full' | 'partial'>('full');
  const [chosen, setChosen] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const start = async () => {
    setBusy(true);
    try {
      await api('/backups/backups', { method: 'POST', body: { tenantId, plugins: scope === 'full' ? null : chosen } });
      notify('Backup started', { type: 'info' });
      onStarted();
      onClose();
    } catch (err) {
      notify(errorText(err), { type: 'error' });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog open={open} onClose={onClose} fullWidth maxWidth="sm">
      <DialogTitle>New backup</DialogTitle>
      <DialogContent>
        <Stack spacing={2} sx={{ mt: 1 }}>
          <TextField select label="Tenant" value={tenantId} onChange={(e) => setTenantId(e.target.value)} inputProps={{ 'data-testid': 'backup-tenant' }}>
            {(tenants.data ?? []).map((t) => (
              <MenuItem key={t.id} value={t.id}>{t.name} ({t.slug})</MenuItem>
            ))}
          </TextField>
          <RadioGroup row value={scope} onChange={(e) => setScope(e.target.value as 'full' | 'partial')}>
            <FormControlLabel value="full" control={<Radio />} label="Full (every plugin)" />
            <FormControlLabel value="partial" control={<Radio />} label="Chosen plugins" />
          </RadioGroup>
          {scope === 'partial' && (
            <Stack>
              {(plugins.data ?? []).map((p) => (
                <FormControlLabel
                  key={p.plugin}
                  label={`${p.plugin} (${p.tables.length} table${p.tables.length === 1 ? '' : 's'})`}
                  control={<Checkbox checked={chosen.includes(p.plugin)} onChange={(e) => setChosen(e.target.checked ? [...chosen, p.plugin] : chosen.filter((x) => x !== p.plugin))} />}
                />
              ))}
            </Stack>
          )}
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Cancel</Button>
        <Button variant="contained" disabled={busy || !tenantId || (scope === 'partial' && chosen.length === 0)} onClick={start}>Start backup</Button>
      </DialogActions>
    </Dialog>
  );
}
