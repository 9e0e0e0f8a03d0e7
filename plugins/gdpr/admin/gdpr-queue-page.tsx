import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Title, useNotify } from 'react-admin';
import { useCanCall } from '@platform/sdk/admin/use-can-call';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import { downloadJson, errorText, useGdprApi, type GdprRequest } from './gdpr-api.ts';
import { RequestStatus } from './request-status.tsx';
import { DeletionPreviewDialog } from './deletion-preview-dialog.tsx';

const day = (iso: string | null) => (iso ? iso.slice(0, 10) : '—');

function NewRequestDialog({ onClose, onCreated }: { onClose: () => void; onCreated: () => void }) {
  const api = useGdprApi();
  const notify = useNotify();
  const [form, setForm] = useState({ tenantId: '', kind: 'export', email: '', name: '', phone: '' });
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) => setForm({ ...form, [k]: e.target.value });
  const submit = async () => {
    try {
      await api('/gdpr/requests', { method: 'POST', body: { tenantId: form.tenantId, kind: form.kind, email: form.email, name: form.name || null, phone: form.phone || null } });
      notify('Request opened; the person was emailed a verification link', { type: 'success' });
      onCreated();
    } catch (err) {
      notify(errorText(err), { type: 'error' });
    }
  };
  return (
    <Dialog open onClose={onClose} maxWidth="sm" fullWidth>
      <DialogTitle>New GDPR request</DialogTitle>
      <DialogContent>
        <Stack spacing={2} sx={{ mt: 1 }}>
          <TextField label="Tenant id" value={form.tenantId} onChange={set('tenantId')} required />
          <TextField select label="Kind" value={form.kind} onChange={set('kind')}>
            <MenuItem value="export">Export</MenuItem>
            <MenuItem value="deletion">Deletion</MenuItem>
            <MenuItem value="both">Export, then deletion</MenuItem>
          </TextField>
          <TextField label="Person's email" value={form.email} onChange={set('email')} required />
          <TextField label="Name (optional)" value={form.name} onChange={set('name')} />
          <TextField label="Phone, E.164 (optional)" value={form.phone} onChange={set('phone')} />
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Cancel</Button>
        <Button variant="contained" onClick={submit}>Open request</Button>
      </DialogActions>
    </Dialog>
  );
}

/**
 * Staff's GDPR queue across tenants: status, 30-day deadline with the overdue flag, the deletion preview (and
 * execution with a reason), certificate download, reject. Buttons appear only for routes the user may call.
 */
export function GdprQueuePage() {
  const api = useGdprApi();
  const notify = useNotify();
  const queryClient = useQueryClient();
  const [status, setStatus] = useState('');
  const [creating, setCreating] = useState(false);
  const [previewing, setPreviewing] = useState<GdprRequest | null>(null);
  const { canCall: canCreate } = useCanCall('POST', '/gdpr/requests');
  const { canCall: canReject } = useCanCall('POST', '/gdpr/requests/:id/reject');
  const { canCall: canCertificate } = useCanCall('GET', '/gdpr/certificates/:id');
  const { canCall: canPreview } = useCanCall('GET', '/gdpr/requests/:id/preview');
  const list = useQuery({ queryKey: ['gdpr', 'requests', status], queryFn: () => api<GdprRequest[]>(`/gdpr/requests${status ? `?status=${status}` : ''}`) });
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['gdpr'] });
  const reject = async (r: GdprRequest) => {
    const reason = window.prompt('Why is this request rejected? (no personal data)');
    if (!reason) return;
    try {
      await api(`/gdpr/requests/${r.id}/reject`, { method: 'POST', body: { reason } });
      refresh();
    } catch (err) {
      notify(errorText(err), { type: 'error' });
    }
  };
  const certificate = async (r: GdprRequest) => {
    try {
      downloadJson(`deletion-certificate-${r.certificateId}.json`, await api(`/gdpr/certificates/${r.certificateId}`));
    } catch (err) {
      notify(errorText(err), { type: 'error' });
    }
  };
  return (
    <Stack spacing={2} sx={{ mt: 2 }}>
      <Title title="GDPR requests" />
      <Stack direction="row" spacing={2} alignItems="center">
        <TextField select size="small" label="Status" value={status} onChange={(e) => setStatus(e.target.value)} sx={{ minWidth: 220 }}>
          <MenuItem value="">All</MenuItem>
          <MenuItem value="awaiting_verification">Awaiting verification</MenuItem>
          <MenuItem value="verified">Verified</MenuItem>
          <MenuItem value="completed">Completed</MenuItem>
          <MenuItem value="rejected">Rejected</MenuItem>
        </TextField>
        {canCreate && <Button variant="contained" onClick={() => setCreating(true)} data-testid="gdpr-new-request">New request</Button>}
      </Stack>
      {list.error && <Alert severity="error">{errorText(list.error)}</Alert>}
      <Card>
        <Table size="small" data-testid="gdpr-queue">
          <TableHead>
            <TableRow><TableCell>Opened</TableCell><TableCell>Tenant</TableCell><TableCell>Kind</TableCell><TableCell>About</TableCell><TableCell>Status</TableCell><TableCell>Deadline</TableCell><TableCell /></TableRow>
          </TableHead>
          <TableBody>
            {(list.data ?? []).map((r) => (
              <TableRow key={r.id}>
                <TableCell>{day(r.createdAt)}</TableCell>
                <TableCell>{r.tenantId.slice(0, 8)}</TableCell>
                <TableCell>{r.kind}</TableCell>
                <TableCell>{r.about === 'tenant' ? 'Whole tenant' : (r.subjectEmail ?? '[erased]')}</TableCell>
                <TableCell><RequestStatus request={r} /></TableCell>
                <TableCell>{day(r.deadlineAt)}</TableCell>
                <TableCell align="right">
                  {canPreview && r.about === 'person' && r.kind !== 'export' && r.status !== 'completed' && r.status !== 'rejected' && <Button size="small" onClick={() => setPreviewing(r)}>Preview</Button>}
                  {canCertificate && r.certificateId && <Button size="small" onClick={() => certificate(r)} data-testid="gdpr-certificate">Certificate</Button>}
                  {canReject && (r.status === 'awaiting_verification' || r.status === 'verified') && <Button size="small" color="warning" onClick={() => reject(r)}>Reject</Button>}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </Card>
      {creating && <NewRequestDialog onClose={() => setCreating(false)} onCreated={() => (setCreating(false), refresh())} />}
      {previewing && <DeletionPreviewDialog request={previewing} onClose={() => setPreviewing(null)} onDone={() => (setPreviewing(null), refresh())} />}
    </Stack>
  );
}
