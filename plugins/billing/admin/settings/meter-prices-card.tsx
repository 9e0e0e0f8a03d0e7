import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { errorText, money, useBillingApi } from '../billing-api.ts';
import { useBillingMutation } from './use-billing-mutation.ts';

interface MeterPrice { id: string; meter: string; planId: string | null; currency: string; unitPriceMinor: number }

const EMPTY = { meter: '', currency: 'USD', unitPriceMinor: '' };

/** What one unit of a meter beyond the plan's quota costs (integer minor units per currency). */
export function MeterPricesCard() {
  const api = useBillingApi();
  const mutate = useBillingMutation();
  const [form, setForm] = useState(EMPTY);
  const prices = useQuery({ queryKey: ['billing', 'meter-prices'], queryFn: () => api<MeterPrice[]>('/billing/meter-prices') });

  const save = async () => {
    const body = { meter: form.meter.trim(), currency: form.currency.trim(), unitPriceMinor: /^\d+$/.test(form.unitPriceMinor) ? Number(form.unitPriceMinor) : form.unitPriceMinor };
    if (await mutate('/billing/meter-prices', { method: 'PUT', body }, 'Overage price saved')) setForm(EMPTY);
  };

  return (
    <Card data-testid="meter-prices">
      <CardContent>
        <Typography variant="subtitle1" gutterBottom>Overage prices</Typography>
        {prices.error && <Alert severity="error">{errorText(prices.error)}</Alert>}
        {prices.data?.length === 0 && <Typography color="text.secondary">No overage price: usage beyond quotas is not charged.</Typography>}
        {prices.data && prices.data.length > 0 && (
          <Table size="small">
            <TableHead><TableRow><TableCell>Meter</TableCell><TableCell>Plan</TableCell><TableCell align="right">Per unit over quota</TableCell><TableCell /></TableRow></TableHead>
            <TableBody>
              {prices.data.map((p) => (
                <TableRow key={p.id} data-testid={`meter-price-row-${p.meter}`}>
                  <TableCell>{p.meter}</TableCell>
                  <TableCell>{p.planId ? p.planId.slice(0, 8) : 'every plan'}</TableCell>
                  <TableCell align="right">{money(p.unitPriceMinor, p.currency)}</TableCell>
                  <TableCell align="right"><Button size="small" color="error" onClick={() => mutate(`/billing/meter-prices/${p.id}`, { method: 'DELETE' }, 'Overage price removed')}>Remove</Button></TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
        <Stack direction="row" spacing={1} alignItems="center" sx={{ mt: 2 }}>
          <TextField size="small" label="Meter" value={form.meter} onChange={(e) => setForm({ ...form, meter: e.target.value })} sx={{ flex: 1 }} inputProps={{ 'data-testid': 'meter-key' }} />
          <TextField size="small" label="Currency" value={form.currency} onChange={(e) => setForm({ ...form, currency: e.target.value })} sx={{ width: 100 }} inputProps={{ 'data-testid': 'meter-currency' }} />
          <TextField size="small" label="Unit price (minor units)" value={form.unitPriceMinor} onChange={(e) => setForm({ ...form, unitPriceMinor: e.target.value })} sx={{ width: 190 }} inputProps={{ 'data-testid': 'meter-unit-price' }} />
          <Button variant="contained" onClick={save} disabled={!form.meter.trim()} data-testid="meter-save">Save price</Button>
        </Stack>
      </CardContent>
    </Card>
  );
}
