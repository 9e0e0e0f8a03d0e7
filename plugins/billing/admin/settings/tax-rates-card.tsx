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
import { errorText, useBillingApi } from '../billing-api.ts';
import { useBillingMutation } from './use-billing-mutation.ts';

interface TaxRate { id: string; country: string | null; tenantId: string | null; label: string; rateBp: number; mode: 'inclusive' | 'exclusive' }

/** Basis points shown as a percentage without floating point: 2000 → "20.00 %". */
const percent = (bp: number) => `${Math.trunc(bp / 100)}.${String(bp % 100).padStart(2, '0')} %`;
const EMPTY = { scope: 'country', target: '', label: '', rateBp: '', mode: 'exclusive' };

/** Tax rates by country or for one tenant (which takes precedence over its country's), inclusive or exclusive. */
export function TaxRatesCard() {
  const api = useBillingApi();
  const mutate = useBillingMutation();
  const [form, setForm] = useState(EMPTY);
  const rates = useQuery({ queryKey: ['billing', 'tax-rates'], queryFn: () => api<TaxRate[]>('/billing/tax-rates') });

  const save = async () => {
    const target = form.target.trim();
    const body = { ...(form.scope === 'country' ? { country: target.toUpperCase() } : { tenantId: target }), label: form.label, rateBp: /^\d+$/.test(form.rateBp) ? Number(form.rateBp) : form.rateBp, mode: form.mode };
    if (await mutate('/billing/tax-rates', { method: 'PUT', body }, 'Tax rate saved')) setForm(EMPTY);
  };

  return (
    <Card data-testid="tax-rates">
      <CardContent>
        <Typography variant="subtitle1" gutterBottom>Tax rates</Typography>
        {rates.error && <Alert severity="error">{errorText(rates.error)}</Alert>}
        {rates.data?.length === 0 && <Typography color="text.secondary">No tax rate: invoices carry no tax.</Typography>}
        {rates.data && rates.data.length > 0 && (
          <Table size="small">
            <TableHead><TableRow><TableCell>For</TableCell><TableCell>Label</TableCell><TableCell align="right">Rate</TableCell><TableCell>Mode</TableCell><TableCell /></TableRow></TableHead>
            <TableBody>
              {rates.data.map((r) => (
                <TableRow key={r.id} data-testid={`tax-rate-row-${r.country ?? r.tenantId}`}>
                  <TableCell>{r.country ?? `tenant ${r.tenantId?.slice(0, 8)}`}</TableCell>
                  <TableCell>{r.label}</TableCell>
                  <TableCell align="right">{percent(r.rateBp)}</TableCell>
                  <TableCell>{r.mode}</TableCell>
                  <TableCell align="right"><Button size="small" color="error" onClick={() => mutate(`/billing/tax-rates/${r.id}`, { method: 'DELETE' }, 'Tax rate removed')}>Remove</Button></TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
        <Stack direction="row" spacing={1} alignItems="center" sx={{ mt: 2 }}>
          <TextField select size="small" label="For" value={form.scope} onChange={(e) => setForm({ ...form, scope: e.target.value })} sx={{ width: 120 }}>
            <MenuItem value="country">country</MenuItem>
            <MenuItem value="tenant">tenant</MenuItem>
          </TextField>
          <TextField size="small" label={form.scope === 'country' ? 'Country (ISO code)' : 'Tenant id'} value={form.target} onChange={(e) => setForm({ ...form, target: e.target.value })} sx={{ width: 200 }} inputProps={{ 'data-testid': 'tax-target' }} />
          <TextField size="small" label="Label" value={form.label} onChange={(e) => setForm({ ...form, label: e.target.value })} sx={{ flex: 1 }} inputProps={{ 'data-testid': 'tax-label' }} />
          <TextField size="small" label="Rate (basis points)" helperText="2000 = 20 %" value={form.rateBp} onChange={(e) => setForm({ ...form, rateBp: e.target.value })} sx={{ width: 160 }} inputProps={{ 'data-testid': 'tax-rate-bp' }} />
          <TextField select size="small" label="Mode" value={form.mode} onChange={(e) => setForm({ ...form, mode: e.target.value })} sx={{ width: 130 }}>
            <MenuItem value="exclusive">exclusive</MenuItem>
            <MenuItem value="inclusive">inclusive</MenuItem>
          </TextField>
          <Button variant="contained" onClick={save} disabled={!form.target.trim() || !form.label.trim()} data-testid="tax-save">Save rate</Button>
        </Stack>
      </CardContent>
    </Card>
  );
}
