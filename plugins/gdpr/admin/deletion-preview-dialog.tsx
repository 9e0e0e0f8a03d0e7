import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useNotify } from 'react-admin';
import { useCanCall } from '@platform/sdk/admin/use-can-call';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { errorText, useGdprApi, type DeletionPreview, type GdprRequest } from './gdpr-api.ts';

/**
 * What a deletion will do, per table (deleted, anonymized, retained and why) and per category; with the
 * permission, an admin reason and the Execute button (only once the person's identity is verified).
 */
export function DeletionPreviewDialog({ request, onClose, onDone }: { request: GdprRequest; onClose: () => void; onDone: () => void }) {
  const api = useGdprApi();
  const notify = useNotify();
  const { canCall: canExecute } = useCanCall('POST', `/gdpr/requests/${request.id}/execute`);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const preview = useQuery({ queryKey: ['gdpr', 'preview', request.id], queryFn: () => api<DeletionPreview>(`/gdpr/requests/${request.id}/preview`) });
  const execute = async () => {
    setBusy(true);
    try {
      await api(`/gdpr/requests/${request.id}/execute`, { method: 'POST', body: { reason } });
      notify('Deletion executed; certificate issued', { type: 'success' });
      onDone();
    } catch (err) {
      notify(errorText(err), { type: 'error' });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog open onClose={onClose} maxWidth="md" fullWidth>
      <DialogTitle>Deletion preview</DialogTitle>
      <DialogContent>
        {preview.error && <Alert severity="error">{errorText(preview.error)}</Alert>}
        {preview.data && (
          <>
            <Typography variant="subtitle2" sx={{ mt: 1 }}>Per category</Typography>
            <Table size="small" data-testid="gdpr-preview-categories">
              <TableHead><TableRow><TableCell>Category</TableCell><TableCell align="right">Deleted</TableCell><TableCell align="right">Anonymized</TableCell><TableCell align="right">Retained</TableCell></TableRow></TableHead>
              <TableBody>
                {preview.data.categories.map((c) => (
                  <TableRow key={c.category}><TableCell>{c.category}</TableCell><TableCell align="right">{c.deleted}</TableCell><TableCell align="right">{c.anonymized}</TableCell><TableCell align="right">{c.retained}</TableCell></TableRow>
                ))}
              </TableBody>
            </Table>
            <Typography variant="subtitle2" sx={{ mt: 2 }}>Per table</Typography>
            <Table size="small" data-testid="gdpr-preview-tables">
              <TableHead><TableRow><TableCell>Table</TableCell><TableCell>Outcome</TableCell><TableCell align="right">Rows</TableCell><TableCell>Why</TableCell></TableRow></TableHead>
              <TableBody>
                {preview.data.tables.filter((x) => x.rows > 0).map((x) => (
                  <TableRow key={x.table}><TableCell>{x.plugin} · {x.table}</TableCell><TableCell>{x.outcome}</TableCell><TableCell align="right">{x.rows}</TableCell><TableCell>{x.why}</TableCell></TableRow>
                ))}
              </TableBody>
            </Table>
            <Typography variant="body2" sx={{ mt: 1 }}>Audit keys to destroy: {preview.data.auditKeys}</Typography>
          </>
        )}
        {canExecute && request.status === 'verified' && (
          <TextField label="Reason (required, no personal data)" value={reason} onChange={(e) => setReason(e.target.value)} fullWidth multiline sx={{ mt: 2 }} inputProps={{ 'data-testid': 'gdpr-reason' }} />
        )}
        {canExecute && request.status === 'awaiting_verification' && <Alert severity="info" sx={{ mt: 2 }}>The person has not confirmed the emailed link yet.</Alert>}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Close</Button>
        {canExecute && request.status === 'verified' && (
          <Button color="error" variant="contained" disabled={busy || reason.trim().length < 3} onClick={execute} data-testid="gdpr-execute">Execute deletion</Button>
        )}
      </DialogActions>
    </Dialog>
  );
}
