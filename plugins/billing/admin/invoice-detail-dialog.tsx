import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useNotify } from 'react-admin';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { downloadPdf, errorText, money, useBillingApi, useBillingSession, type Invoice } from './billing-api.ts';
import { InvoiceStateChip } from './invoice-table.tsx';

type Action = { kind: 'finalize' } | { kind: 'void' } | { kind: 'uncollectible' } | { kind: 'payment' };

/** One invoice: lines and totals, and (staff with billing.write) its state actions and payment recording, each confirmed. */
export function InvoiceDetailDialog({ invoiceId, onClose }: { invoiceId: string; onClose: () => void }) {
  const api = useBillingApi();
  const session = useBillingSession();
  const notify = useNotify();
  const client = useQueryClient();
  const invoice = useQuery({ queryKey: ['billing', 'invoice', invoiceId], queryFn: () => api<Invoice>(`/billing/invoices/${invoiceId}`) });
  const [action, setAction] = useState<Action | null>(null);
  const [reason, setReason] = useState('');
  const [amount, setAmount] = useState('');
  const [method, setMethod] = useState('bank_transfer');
  const [busy, setBusy] = useState(false);
  const i = invoice.data;
  const canWrite = session.can('billing.write');

  const confirm = async () => {
    if (!action || !i) return;
    setBusy(true);
    try {
      if (action.kind === 'finalize') await api(`/billing/invoices/${i.id}/finalize`, { method: 'POST' });
      else if (action.kind === 'payment') {
        const digits = amount.trim();
        if (!/^\d+$/.test(digits)) throw new Error('Enter the amount in minor units (an integer, e.g. 1250 for 12.50)');
        await api(`/billing/invoices/${i.id}/payments`, { method: 'POST', body: { amountMinor: Number(digits), method, reason } });
      } else await api(`/billing/invoices/${i.id}/${action.kind}`, { method: 'POST', body: { reason } });
      notify('Done', { type: 'success' });
      setAction(null);
      setReason('');
      setAmount('');
      await client.invalidateQueries({ queryKey: ['billing'] });
    } catch (err) {
      notify(errorText(err), { type: 'error' });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog open onClose={onClose} maxWidth="md" fullWidth>
      <DialogTitle>
        {i ? `Invoice ${i.number ?? '(draft)'}` : 'Invoice'} {i && <InvoiceStateChip state={i.state} />}
      </DialogTitle>
      <DialogContent>
        {invoice.error && <Alert severity="error">{errorText(invoice.error)}</Alert>}
        {i && (
          <Stack spacing={2}>
            <Typography variant="body2" color="text.secondary">
              {i.periodStart ? `Period ${i.periodStart} – ${i.periodEnd}. ` : ''}Issued {i.issuedAt?.slice(0, 10) ?? '—'}, due {i.dueAt?.slice(0, 10) ?? '—'}. Failed collections: {i.paymentFailures}.
            </Typography>
            <Table size="small" data-testid="invoice-lines">
              <TableBody>
                {(i.lines ?? []).map((l) => (
                  <TableRow key={l.id}>
                    <TableCell>{l.description}</TableCell>
                    <TableCell align="right">{l.quantity}</TableCell>
                    <TableCell align="right">{money(l.amountMinor, i.currency)}</TableCell>
                  </TableRow>
                ))}
                <TableRow><TableCell colSpan={2}>Subtotal</TableCell><TableCell align="right">{money(i.subtotalMinor, i.currency)}</TableCell></TableRow>
                <TableRow><TableCell colSpan={2}>{i.tax.label ?? 'Tax'} ({i.tax.mode})</TableCell><TableCell align="right">{money(i.taxMinor, i.currency)}</TableCell></TableRow>
                <TableRow><TableCell colSpan={2}><b>Total</b></TableCell><TableCell align="right" data-testid="invoice-total"><b>{money(i.totalMinor, i.currency)}</b></TableCell></TableRow>
                <TableRow><TableCell colSpan={2}>Due</TableCell><TableCell align="right" data-testid="invoice-due">{money(i.amountDueMinor, i.currency)}</TableCell></TableRow>
              </TableBody>
            </Table>
            {action && (
              <Stack spacing={1} data-testid="invoice-action-form">
                <Alert severity="warning">
                  {action.kind === 'finalize' && 'Finalizing gives the invoice the next number and opens it. This cannot be undone (void it instead).'}
                  {action.kind === 'void' && 'Voiding keeps the invoice and its number but cancels what it asks for.'}
                  {action.kind === 'uncollectible' && 'The invoice is written off; it can still be paid or voided later.'}
                  {action.kind === 'payment' && `Record money received outside the payment provider. Due: ${money(i.amountDueMinor, i.currency)}.`}
                </Alert>
                {action.kind === 'payment' && (
                  <Stack direction="row" spacing={1}>
                    <TextField label={`Amount (minor units of ${i.currency})`} value={amount} onChange={(e) => setAmount(e.target.value)} size="small" inputProps={{ inputMode: 'numeric', 'data-testid': 'payment-amount' }} />
                    <TextField select label="Method" value={method} onChange={(e) => setMethod(e.target.value)} size="small" sx={{ minWidth: 160 }}>
                      {['bank_transfer', 'cash', 'cheque', 'other'].map((m) => <MenuItem key={m} value={m}>{m.replace('_', ' ')}</MenuItem>)}
                    </TextField>
                  </Stack>
                )}
                {action.kind !== 'finalize' && <TextField label="Reason" value={reason} onChange={(e) => setReason(e.target.value)} size="small" required inputProps={{ 'data-testid': 'action-reason' }} />}
                <Stack direction="row" spacing={1}>
                  <Button variant="contained" disabled={busy || (action.kind !== 'finalize' && !reason.trim())} onClick={confirm} data-testid="confirm-action">Confirm</Button>
                  <Button onClick={() => setAction(null)}>Cancel</Button>
                </Stack>
              </Stack>
            )}
          </Stack>
        )}
      </DialogContent>
      <DialogActions>
        {i?.number && <Button onClick={() => downloadPdf(i, session.headers).catch((e) => notify(errorText(e), { type: 'error' }))}>PDF</Button>}
        {i && canWrite && i.state === 'draft' && <Button onClick={() => setAction({ kind: 'finalize' })}>Finalize</Button>}
        {i && canWrite && (i.state === 'open' || i.state === 'uncollectible') && <Button onClick={() => setAction({ kind: 'payment' })} data-testid="record-payment">Record payment</Button>}
        {i && canWrite && i.state === 'open' && <Button onClick={() => setAction({ kind: 'uncollectible' })}>Mark uncollectible</Button>}
        {i && canWrite && ['draft', 'open', 'uncollectible'].includes(i.state) && <Button color="error" onClick={() => setAction({ kind: 'void' })}>Void</Button>}
        <Button onClick={onClose}>Close</Button>
      </DialogActions>
    </Dialog>
  );
}
