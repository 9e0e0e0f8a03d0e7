import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
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
import { errorText, useBillingApi, useBillingSession } from '../billing-api.ts';
import { useBillingMutation } from './use-billing-mutation.ts';

interface Account { id: string; tenantId: string; cycle: 'monthly' | 'annual'; anchorDay: number; currency: string; contactEmail: string | null; country: string | null; taxId: string | null }

const EMPTY = { cycle: 'monthly', anchorDay: '1', currency: 'USD', contactEmail: '', country: '', taxId: '' };

/** Every tenant's billing account; the selected tenant's can be created or changed. */
export function AccountsCard() {
  const api = useBillingApi();
  const session = useBillingSession();
  const mutate = useBillingMutation();
  const [form, setForm] = useState(EMPTY);
  const accounts = useQuery({ queryKey: ['billing', 'accounts'], queryFn: () => api<Account[]>('/billing/accounts') });
  const selected = session.headers['X-Tenant-Id'];

  const save = async () => {
    const body = { cycle: form.cycle, anchorDay: /^\d+$/.test(form.anchorDay) ? Number(form.anchorDay) : form.anchorDay, currency: form.currency.trim(), contactEmail: form.contactEmail.trim() || null, country: form.country.trim() || null, taxId: form.taxId.trim() || null };
    if (await mutate('/billing/account', { method: 'PUT', body }, 'Billing account saved')) setForm(EMPTY);
  };

  return (
    <Card data-testid="billing-accounts">
      <CardContent>
        <Typography variant="subtitle1" gutterBottom>Billing accounts</Typography>
        {accounts.error && <Alert severity="error">{errorText(accounts.error)}</Alert>}
        {accounts.data?.length === 0 && <Typography color="text.secondary">No billing account yet.</Typography>}
        {accounts.data && accounts.data.length > 0 && (
          <Table size="small">
            <TableHead><TableRow><TableCell>Tenant</TableCell><TableCell>Cycle</TableCell><TableCell>Anchor day</TableCell><TableCell>Currency</TableCell><TableCell>Contact</TableCell><TableCell>Country</TableCell><TableCell>Tax id</TableCell></TableRow></TableHead>
            <TableBody>
              {accounts.data.map((a) => (
                <TableRow key={a.id} data-testid={`account-row-${a.tenantId}`}>
                  <TableCell sx={{ fontFamily: 'monospace', fontSize: 12 }}>{a.tenantId.slice(0, 8)}</TableCell>
                  <TableCell>{a.cycle}</TableCell>
                  <TableCell>{a.anchorDay}</TableCell>
                  <TableCell>{a.currency}</TableCell>
                  <TableCell>{a.contactEmail ?? '—'}</TableCell>
                  <TableCell>{a.country ?? '—'}</TableCell>
                  <TableCell>{a.taxId ?? '—'}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
        {!selected ? (
          <Typography color="text.secondary" sx={{ mt: 1 }}>Select a tenant to create or change its billing account.</Typography>
        ) : (
          <Stack direction="row" spacing={1} alignItems="center" sx={{ mt: 2 }} data-testid="account-form">
            <TextField select size="small" label="Cycle" value={form.cycle} onChange={(e) => setForm({ ...form, cycle: e.target.value })} sx={{ width: 120 }}>
              <MenuItem value="monthly">monthly</MenuItem>
              <MenuItem value="annual">annual</MenuItem>
            </TextField>
            <TextField size="small" label="Anchor day" value={form.anchorDay} onChange={(e) => setForm({ ...form, anchorDay: e.target.value })} sx={{ width: 110 }} inputProps={{ 'data-testid': 'account-anchor-day' }} />
            <TextField size="small" label="Currency" value={form.currency} onChange={(e) => setForm({ ...form, currency: e.target.value })} sx={{ width: 100 }} inputProps={{ 'data-testid': 'account-currency' }} />
            <TextField size="small" label="Contact email" value={form.contactEmail} onChange={(e) => setForm({ ...form, contactEmail: e.target.value })} sx={{ flex: 1 }} inputProps={{ 'data-testid': 'account-contact' }} />
            <TextField size="small" label="Country" value={form.country} onChange={(e) => setForm({ ...form, country: e.target.value })} sx={{ width: 100 }} inputProps={{ 'data-testid': 'account-country' }} />
            <TextField size="small" label="Tax id" value={form.taxId} onChange={(e) => setForm({ ...form, taxId: e.target.value })} sx={{ width: 140 }} />
            <Button variant="contained" onClick={save} data-testid="account-save">Save account</Button>
          </Stack>
        )}
      </CardContent>
    </Card>
  );
}
