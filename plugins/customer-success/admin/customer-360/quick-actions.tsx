import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useNotify } from 'react-admin';
import { useCanCall } from '@platform/sdk/admin/use-can-call';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import { customerPath, useConsoleApi } from './panel-api.ts';

type Action = 'extend-trial' | 'change-plan' | 'suspend' | 'contact';

const FORMS: Record<Action, { label: string; fields: { name: string; label: string; type?: string; multiline?: boolean }[] }> = {
  'extend-trial': { label: 'Extend trial', fields: [{ name: 'days', label: 'Days', type: 'number' }, { name: 'reason', label: 'Reason' }] },
  'change-plan': { label: 'Change plan', fields: [{ name: 'planKey', label: 'Plan key' }, { name: 'reason', label: 'Reason' }] },
  suspend: { label: 'Suspend', fields: [{ name: 'reason', label: 'Reason' }] },
  contact: { label: 'Contact', fields: [{ name: 'to', label: 'To (email)' }, { name: 'subject', label: 'Subject' }, { name: 'body', label: 'Message', multiline: true }] },
};

/** Extend trial, change plan, suspend, contact: each a small form posting to `customers/:tenantId/actions/...`. */
export function QuickActions({ tenantId, status }: { tenantId: string; status: string }) {
  const { canCall } = useCanCall('POST', `/customer-success/customers/${tenantId}/actions/suspend`);
  const [open, setOpen] = useState<Action | null>(null);
  const [values, setValues] = useState<Record<string, string>>({});
  const api = useConsoleApi();
  const qc = useQueryClient();
  const notify = useNotify();
  if (!canCall) return null;
  const submit = async () => {
    if (!open) return;
    const body: Record<string, unknown> = { ...values };
    if (open === 'extend-trial') body.days = Number(values.days);
    try {
      await api(customerPath(tenantId, `actions/${open}`), { method: 'POST', body });
      notify(`${FORMS[open].label}: done`, { type: 'success' });
      setOpen(null);
      setValues({});
      await qc.invalidateQueries({ queryKey: ['customer-360'] });
    } catch (err) {
      notify((err as Error).message, { type: 'error' });
    }
  };
  return (
    <>
      <Stack direction="row" spacing={1} sx={{ mt: 1.5, flexWrap: 'wrap', gap: 0.5 }}>
        {(Object.keys(FORMS) as Action[]).map((a) => (
          <Button key={a} size="small" variant="outlined" color={a === 'suspend' ? 'error' : 'primary'} disabled={a === 'suspend' && status !== 'active'} onClick={() => setOpen(a)}>
            {FORMS[a].label}
          </Button>
        ))}
      </Stack>
      <Dialog open={open !== null} onClose={() => setOpen(null)} fullWidth maxWidth="sm">
        <DialogTitle>{open ? FORMS[open].label : ''}</DialogTitle>
        <DialogContent>
          <Stack spacing={2} sx={{ mt: 1 }}>
            {open
              ? FORMS[open].fields.map((f) => (
                  <TextField key={f.name} label={f.label} type={f.type} multiline={f.multiline} minRows={f.multiline ? 3 : undefined} value={values[f.name] ?? ''} onChange={(e) => setValues((v) => ({ ...v, [f.name]: e.target.value }))} />
                ))
              : null}
          </Stack>
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setOpen(null)}>Cancel</Button>
          <Button variant="contained" onClick={submit}>
            {open ? FORMS[open].label : ''}
          </Button>
        </DialogActions>
      </Dialog>
    </>
  );
}
