import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Title, useNotify } from 'react-admin';
import { useNavigate } from 'react-router-dom';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import CircularProgress from '@mui/material/CircularProgress';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { useCanCall } from '@platform/sdk/admin/use-can-call';
import { errorText, KIND_LABELS, money, priceText, useMarketplaceApi, type Purchase, type PurchaseDetail } from './marketplace-api.ts';

const STATUS_COLORS = { active: 'success', cancelled: 'default', expired: 'warning' } as const;

/** "Cancel": a confirmation showing what comes back (the unused share of a recurring period; nothing for a one-off). */
function CancelButton({ purchase, onDone }: { purchase: Purchase; onDone: () => void }) {
  const api = useMarketplaceApi();
  const notify = useNotify();
  const { canCall } = useCanCall('POST', '/marketplace/my/purchases/:id/cancel');
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const detail = useQuery({ queryKey: ['marketplace', 'purchase', purchase.id], queryFn: () => api<PurchaseDetail>(`/marketplace/my/purchases/${purchase.id}`), enabled: open });
  // Credits bought once are in the balance: nothing to cancel (the API refuses it too).
  if (!canCall || purchase.status !== 'active' || (purchase.kind === 'sms_credits' && purchase.pricing === 'one_off')) return null;
  const c = detail.data?.cancellation;
  const confirm = async () => {
    setBusy(true);
    try {
      await api(`/marketplace/my/purchases/${purchase.id}/cancel`, { method: 'POST', body: {} });
      notify(`${purchase.addonName} cancelled`, { type: 'success' });
      setOpen(false);
      onDone();
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Button size="small" color="error" onClick={() => setOpen(true)}>Cancel</Button>
      <Dialog open={open} onClose={() => setOpen(false)} fullWidth maxWidth="xs">
        <DialogTitle>Cancel {purchase.addonName}?</DialogTitle>
        <DialogContent>
          {detail.isPending && <CircularProgress size={24} />}
          {c && !c.cancellable && <Alert severity="info">{c.reason}</Alert>}
          {c?.cancellable && (
            <Stack spacing={1}>
              <DialogContentText data-testid="cancel-refund">
                {c.refundMinor > 0 ? <>You get <b>{money(c.refundMinor, purchase.currency)}</b> back on your next invoice.</> : <>No refund: {c.rule}</>}
              </DialogContentText>
              {c.refundMinor > 0 && <Typography variant="body2" color="text.secondary">{c.rule}</Typography>}
              <Typography variant="body2">It stops working for your tenant at once.</Typography>
            </Stack>
          )}
          {error && <Alert severity="error" sx={{ mt: 1 }}>{error}</Alert>}
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setOpen(false)}>Keep it</Button>
          <Button color="error" variant="contained" disabled={busy || !c?.cancellable} onClick={confirm}>Confirm cancellation</Button>
        </DialogActions>
      </Dialog>
    </>
  );
}

/** The tenant's add-ons: every purchase (history), cancellation with the refund shown first, and buying again. */
export function MyAddonsPage() {
  const api = useMarketplaceApi();
  const navigate = useNavigate();
  const client = useQueryClient();
  const { canCall: canBuy } = useCanCall('POST', '/marketplace/my/purchases');
  const list = useQuery({ queryKey: ['marketplace', 'my', 'purchases'], queryFn: () => api<Purchase[]>('/marketplace/my/purchases') });
  const refresh = () => void client.invalidateQueries({ queryKey: ['marketplace'] });
  return (
    <Stack spacing={2} sx={{ mt: 2 }}>
      <Title title="My add-ons" />
      {list.error && <Alert severity="error">{errorText(list.error)}</Alert>}
      {list.data?.length === 0 && <Typography color="text.secondary">You have not bought any add-on yet.</Typography>}
      {!!list.data?.length && (
        <Paper>
          <Table size="small" data-testid="my-addons">
            <TableHead>
              <TableRow>
                <TableCell>Add-on</TableCell>
                <TableCell>Kind</TableCell>
                <TableCell>Price</TableCell>
                <TableCell>Bought</TableCell>
                <TableCell>Paid until</TableCell>
                <TableCell>Status</TableCell>
                <TableCell>Refund</TableCell>
                <TableCell />
              </TableRow>
            </TableHead>
            <TableBody>
              {list.data.map((p) => (
                <TableRow key={p.id}>
                  <TableCell>{p.addonName}</TableCell>
                  <TableCell>{KIND_LABELS[p.kind]}</TableCell>
                  <TableCell>{priceText(p)}</TableCell>
                  <TableCell>{new Date(p.createdAt).toLocaleDateString()}</TableCell>
                  <TableCell>{p.periodEnd ? new Date(p.periodEnd).toLocaleDateString() : 'for good'}</TableCell>
                  <TableCell><Chip size="small" color={STATUS_COLORS[p.status]} label={p.status} /></TableCell>
                  <TableCell>{p.refundMinor ? money(p.refundMinor, p.currency) : ''}</TableCell>
                  <TableCell align="right">
                    <CancelButton purchase={p} onDone={refresh} />
                    {canBuy && (p.status !== 'active' || p.kind === 'sms_credits') && (
                      <Button size="small" onClick={() => navigate(`/marketplace/store/${p.addonId}`)}>Buy again</Button>
                    )}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </Paper>
      )}
    </Stack>
  );
}
