import { useEffect, useState } from 'react';
import { useGetList, useNotify } from 'react-admin';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import MenuItem from '@mui/material/MenuItem';
import Skeleton from '@mui/material/Skeleton';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import { formatMoney } from './money-format.ts';
import { ProrationSummary } from './proration-summary.tsx';
import { usePlansApi, type ChangePreview, type PlanRecord } from './plans-api.ts';

/**
 * Change the selected tenant's plan: pick a plan (and optionally a future start), see the proration
 * preview from `POST /api/plans/change/preview`, give a reason, confirm.
 */
export function ChangePlanDialog({ open, onClose, tenantId, currentPlanId }: { open: boolean; onClose: () => void; tenantId: string; currentPlanId: string | null }) {
  const api = usePlansApi();
  const notify = useNotify();
  const queryClient = useQueryClient();
  const [planId, setPlanId] = useState('');
  const [effectiveFrom, setEffectiveFrom] = useState('');
  const [reason, setReason] = useState('');
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const { data: plans = [] } = useGetList<PlanRecord>('plans/plans', { pagination: { page: 1, perPage: 100 }, sort: { field: 'sortOrder', order: 'ASC' }, filter: { archived: false } }, { enabled: open });

  useEffect(() => {
    if (!open) {
      setPlanId('');
      setEffectiveFrom('');
      setReason('');
      setError(null);
    }
  }, [open]);

  const body = { planId, ...(effectiveFrom ? { effectiveFrom: new Date(effectiveFrom).toISOString() } : {}) };
  const preview = useQuery({
    queryKey: ['plans', 'preview', tenantId, planId, effectiveFrom],
    queryFn: () => api<ChangePreview>('/plans/change/preview', { method: 'POST', body }),
    enabled: open && !!planId,
    retry: false,
  });

  const confirm = async () => {
    setSaving(true);
    setError(null);
    try {
      await api('/plans/change', { method: 'POST', body: { ...body, reason } });
      notify('Plan changed: it applies at once', { type: 'success' });
      await queryClient.invalidateQueries({ queryKey: ['plans'] });
      onClose();
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Dialog open={open} onClose={onClose} maxWidth="sm" fullWidth>
      <DialogTitle>Change plan</DialogTitle>
      <DialogContent>
        <Stack spacing={2} sx={{ mt: 1 }}>
          <TextField select label="New plan" value={planId} onChange={(e) => setPlanId(e.target.value)} fullWidth>
            {plans.filter((p) => p.id !== currentPlanId).map((p) => (
              <MenuItem key={p.id} value={p.id}>
                {p.name} — {formatMoney(p.priceAmount, p.currency)} / {p.interval === 'annual' ? 'year' : 'month'}
              </MenuItem>
            ))}
          </TextField>
          <TextField
            type="datetime-local"
            label="Effective from (optional)"
            helperText="Leave empty to change now; a future date schedules the change"
            value={effectiveFrom}
            onChange={(e) => setEffectiveFrom(e.target.value)}
            slotProps={{ inputLabel: { shrink: true } }}
          />
          {planId && preview.isPending && <Skeleton variant="rounded" height={120} />}
          {preview.error && <Alert severity="warning">{(preview.error as Error).message}</Alert>}
          {preview.data && <ProrationSummary preview={preview.data} />}
          <TextField label="Reason" required value={reason} onChange={(e) => setReason(e.target.value)} helperText="Kept in the plan history and the audit log" multiline minRows={2} />
          {error && <Alert severity="error">{error}</Alert>}
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Cancel</Button>
        <Button variant="contained" onClick={confirm} disabled={!planId || !reason.trim() || !preview.data || saving}>
          {saving ? 'Changing…' : 'Change plan'}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
