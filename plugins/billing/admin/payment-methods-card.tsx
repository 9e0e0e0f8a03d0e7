import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useNotify } from 'react-admin';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Chip from '@mui/material/Chip';
import Link from '@mui/material/Link';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { errorText, useBillingApi } from './billing-api.ts';

interface SavedMethod { paymentMethodRef: string; kind: string; brand: string | null; last4: string | null; expMonth: number | null; expYear: number | null; isDefault: boolean }
interface MethodList { supported: boolean; providerId: string | null; methods: SavedMethod[] }
interface Setup { providerId: string; setupRef: string; clientSecret?: string; url?: string }

/**
 * A tenant admin's saved cards at the payment provider (`/billing/payment-methods`): the one collections charge, make
 * another the default, remove one, and add one — the provider's own page (or Stripe.js with the client secret)
 * collects the card, never this console. Hidden when the provider does not manage cards.
 */
export function PaymentMethodsCard() {
  const api = useBillingApi();
  const notify = useNotify();
  const client = useQueryClient();
  const [setup, setSetup] = useState<Setup | null>(null);
  const list = useQuery({ queryKey: ['billing', 'my', 'payment-methods'], queryFn: () => api<MethodList>('/billing/payment-methods') });

  const act = async (path: string, method: 'POST' | 'DELETE', done: string) => {
    try {
      await api(path, { method });
      notify(done, { type: 'success' });
      await client.invalidateQueries({ queryKey: ['billing', 'my'] });
    } catch (err) {
      notify(errorText(err), { type: 'error' });
    }
  };
  const startSetup = async () => {
    try {
      setSetup(await api<Setup>('/billing/payment-methods/setup', { method: 'POST' }));
    } catch (err) {
      notify(errorText(err), { type: 'error' });
    }
  };

  if (list.data && !list.data.supported) return null;
  return (
    <Card data-testid="payment-methods">
      <CardContent>
        <Typography variant="subtitle1" gutterBottom>Payment methods</Typography>
        {list.error && <Alert severity="error">{errorText(list.error)}</Alert>}
        {list.data?.methods.length === 0 && <Typography color="text.secondary">No saved card: invoices are collected once you add one.</Typography>}
        {list.data && list.data.methods.length > 0 && (
          <Table size="small">
            <TableBody>
              {list.data.methods.map((m) => (
                <TableRow key={m.paymentMethodRef} data-testid={`payment-method-${m.paymentMethodRef}`}>
                  <TableCell>{m.brand ?? m.kind} •••• {m.last4 ?? '????'}</TableCell>
                  <TableCell>{m.expMonth && m.expYear ? `expires ${String(m.expMonth).padStart(2, '0')}/${m.expYear}` : ''}</TableCell>
                  <TableCell>{m.isDefault && <Chip size="small" color="primary" label="charged for invoices" />}</TableCell>
                  <TableCell align="right">
                    {!m.isDefault && <Button size="small" onClick={() => act(`/billing/payment-methods/${encodeURIComponent(m.paymentMethodRef)}/default`, 'POST', 'Default card changed')}>Make default</Button>}
                    <Button size="small" color="error" onClick={() => act(`/billing/payment-methods/${encodeURIComponent(m.paymentMethodRef)}`, 'DELETE', 'Card removed')}>Remove</Button>
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
        <Button variant="outlined" sx={{ mt: 1 }} onClick={startSetup} data-testid="add-payment-method">Add a card</Button>
        {setup?.url && (
          <Typography sx={{ mt: 1 }} data-testid="payment-method-setup">
            <Link href={setup.url} target="_blank" rel="noopener noreferrer">Enter your card on {setup.providerId}'s secure page</Link>; it appears here once saved.
          </Typography>
        )}
        {setup && !setup.url && setup.clientSecret && (
          <Typography sx={{ mt: 1 }} color="text.secondary" data-testid="payment-method-setup">Card entry for {setup.providerId} runs in its own secure form (setup {setup.setupRef}).</Typography>
        )}
      </CardContent>
    </Card>
  );
}
