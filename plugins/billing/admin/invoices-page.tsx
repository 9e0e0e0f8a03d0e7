import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Title, useNotify } from 'react-admin';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { downloadPdf, errorText, money, useBillingApi, useBillingSession, type Invoice } from './billing-api.ts';
import { InvoiceTable } from './invoice-table.tsx';
import { InvoiceDetailDialog } from './invoice-detail-dialog.tsx';

interface OverageRow { tenantId: string; meter: string; currency: string; quantity: number; amountMinor: number; invoices: number }

/**
 * Staff: every invoice (of the selected tenant, or all tenants), by state; the detail with its actions; a manual
 * invoice for the selected tenant; and the overage report.
 */
export function InvoicesPage() {
  const api = useBillingApi();
  const session = useBillingSession();
  const notify = useNotify();
  const client = useQueryClient();
  const [state, setState] = useState('');
  const [open, setOpen] = useState<string | null>(null);
  const [line, setLine] = useState({ description: '', quantity: '1', unitAmountMinor: '' });
  const invoices = useQuery({ queryKey: ['billing', 'invoices', state, session.headers['X-Tenant-Id'] ?? '*'], queryFn: () => api<Invoice[]>(`/billing/invoices?limit=200${state ? `&state=${state}` : ''}`) });
  const overage = useQuery({ queryKey: ['billing', 'overage'], queryFn: () => api<OverageRow[]>('/billing/overage-report') });
  const tenantSelected = !!session.headers['X-Tenant-Id'];

  const createManual = async () => {
    try {
      if (!/^\d+$/.test(line.unitAmountMinor) || !/^\d+$/.test(line.quantity)) throw new Error('Quantity and unit amount are integers (minor units)');
      const created = await api<Invoice>('/billing/invoices', { method: 'POST', body: { lines: [{ description: line.description, quantity: Number(line.quantity), unitAmountMinor: Number(line.unitAmountMinor) }] } });
      notify('Draft created', { type: 'success' });
      setLine({ description: '', quantity: '1', unitAmountMinor: '' });
      await client.invalidateQueries({ queryKey: ['billing'] });
      setOpen(created.id);
    } catch (err) {
      notify(errorText(err), { type: 'error' });
    }
  };

  return (
    <Stack spacing={2} sx={{ mt: 2 }}>
      <Title title="Invoices" />
      <Card>
        <CardContent>
          <Stack direction="row" spacing={2} alignItems="center" sx={{ mb: 1 }}>
            <Typography variant="subtitle1">Invoices</Typography>
            <TextField select size="small" label="State" value={state} onChange={(e) => setState(e.target.value)} sx={{ minWidth: 160 }}>
              <MenuItem value="">All</MenuItem>
              {['draft', 'open', 'paid', 'void', 'uncollectible'].map((s) => <MenuItem key={s} value={s}>{s}</MenuItem>)}
            </TextField>
          </Stack>
          {invoices.error && <Alert severity="error">{errorText(invoices.error)}</Alert>}
          {invoices.data?.length === 0 && <Typography color="text.secondary">No invoice.</Typography>}
          {invoices.data && invoices.data.length > 0 && <InvoiceTable invoices={invoices.data} showTenant={!tenantSelected} onOpen={(i) => setOpen(i.id)} onPdf={(i) => downloadPdf(i, session.headers).catch((e) => notify(errorText(e), { type: 'error' }))} />}
        </CardContent>
      </Card>
      {session.can('billing.write') && (
        <Card>
          <CardContent>
            <Typography variant="subtitle1" gutterBottom>Manual invoice</Typography>
            {!tenantSelected ? (
              <Typography color="text.secondary">Select a tenant to write a manual invoice.</Typography>
            ) : (
              <Stack direction="row" spacing={1} alignItems="center">
                <TextField size="small" label="Description" value={line.description} onChange={(e) => setLine({ ...line, description: e.target.value })} sx={{ flex: 1 }} />
                <TextField size="small" label="Quantity" value={line.quantity} onChange={(e) => setLine({ ...line, quantity: e.target.value })} sx={{ width: 100 }} />
                <TextField size="small" label="Unit amount (minor units)" value={line.unitAmountMinor} onChange={(e) => setLine({ ...line, unitAmountMinor: e.target.value })} sx={{ width: 200 }} />
                <Button variant="contained" disabled={!line.description.trim()} onClick={createManual}>Create draft</Button>
              </Stack>
            )}
          </CardContent>
        </Card>
      )}
      <Card>
        <CardContent>
          <Typography variant="subtitle1" gutterBottom>Overage report (last 90 days)</Typography>
          {overage.data?.length === 0 && <Typography color="text.secondary">No overage billed.</Typography>}
          {overage.data && overage.data.length > 0 && (
            <Table size="small" data-testid="overage-report">
              <TableHead><TableRow><TableCell>Tenant</TableCell><TableCell>Meter</TableCell><TableCell align="right">Units over quota</TableCell><TableCell align="right">Billed</TableCell><TableCell align="right">Invoices</TableCell></TableRow></TableHead>
              <TableBody>
                {overage.data.map((r) => (
                  <TableRow key={`${r.tenantId}/${r.meter}/${r.currency}`}>
                    <TableCell sx={{ fontFamily: 'monospace', fontSize: 12 }}>{r.tenantId.slice(0, 8)}</TableCell>
                    <TableCell>{r.meter}</TableCell>
                    <TableCell align="right">{r.quantity}</TableCell>
                    <TableCell align="right">{money(r.amountMinor, r.currency)}</TableCell>
                    <TableCell align="right">{r.invoices}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          )}
        </CardContent>
      </Card>
      {open && <InvoiceDetailDialog invoiceId={open} onClose={() => setOpen(null)} />}
    </Stack>
  );
}
