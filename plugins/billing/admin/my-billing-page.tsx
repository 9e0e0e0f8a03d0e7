import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Title, useNotify } from 'react-admin';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Grid from '@mui/material/Grid';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { downloadPdf, errorText, money, useBillingApi, useBillingSession, type Invoice, type Payment } from './billing-api.ts';
import { InvoiceTable } from './invoice-table.tsx';
import { PaymentMethodsCard } from './payment-methods-card.tsx';

interface Preview { currency: string; periodStart: string; periodEnd: string; lines: { description: string; amountMinor: number }[]; subtotalMinor: number; taxMinor: number; totalMinor: number }
interface CurrentPlan { plan: { name: string; priceAmount: number; currency: string; interval: string } | null }
interface UsageRow { meter: string; label?: string; used: number; limit: number | null }

/**
 * A tenant admin's billing: plan, usage this period, the projected invoice, invoices (PDF, pay) and payments.
 * Tenant routes only: `/plans/current`, `/plans/usage`, `/billing/preview`, `/billing/invoices`, `/billing/payments`,
 * and for those who may pay, `/billing/payment-methods` (saved cards).
 */
export function MyBillingPage() {
  const api = useBillingApi();
  const session = useBillingSession();
  const notify = useNotify();
  const client = useQueryClient();
  const plan = useQuery({ queryKey: ['billing', 'my', 'plan'], queryFn: () => api<CurrentPlan>('/plans/current'), retry: false });
  const usage = useQuery({ queryKey: ['billing', 'my', 'usage'], queryFn: () => api<UsageRow[]>('/plans/usage'), retry: false });
  const preview = useQuery({ queryKey: ['billing', 'my', 'preview'], queryFn: () => api<Preview | null>('/billing/preview'), retry: false });
  const invoices = useQuery({ queryKey: ['billing', 'my', 'invoices'], queryFn: () => api<Invoice[]>('/billing/invoices?limit=100') });
  const payments = useQuery({ queryKey: ['billing', 'my', 'payments'], queryFn: () => api<Payment[]>('/billing/payments') });
  const canPay = session.can('billing.pay');
  const payable = (invoices.data ?? []).filter((i) => i.state === 'open' && i.amountDueMinor > 0);

  const pay = async (invoice: Invoice) => {
    try {
      const p = await api<Payment>(`/billing/invoices/${invoice.id}/pay`, { method: 'POST' });
      notify(p.status === 'succeeded' ? 'Paid' : `Payment ${p.status}`, { type: p.status === 'failed' ? 'error' : 'success' });
      await client.invalidateQueries({ queryKey: ['billing', 'my'] });
    } catch (err) {
      notify(errorText(err), { type: 'error' });
    }
  };

  return (
    <Stack spacing={2} sx={{ mt: 2 }}>
      <Title title="Billing" />
      <Grid container spacing={2}>
        <Grid size={{ xs: 12, md: 4 }}>
          <Card sx={{ height: '100%' }}>
            <CardContent>
              <Typography variant="overline">Plan</Typography>
              {plan.data?.plan ? (
                <>
                  <Typography variant="h5" data-testid="my-plan">{plan.data.plan.name}</Typography>
                  <Typography color="text.secondary">{money(plan.data.plan.priceAmount, plan.data.plan.currency)} / {plan.data.plan.interval === 'annual' ? 'year' : 'month'}</Typography>
                </>
              ) : <Typography color="text.secondary">{plan.error ? errorText(plan.error) : 'No plan'}</Typography>}
            </CardContent>
          </Card>
        </Grid>
        <Grid size={{ xs: 12, md: 8 }}>
          <Card sx={{ height: '100%' }}>
            <CardContent>
              <Typography variant="overline">Usage this period</Typography>
              {usage.data && usage.data.every((u) => u.used === 0 && u.limit === null) && <Typography color="text.secondary">No metered usage this period.</Typography>}
              {usage.data && (
                <Table size="small">
                  <TableBody>
                    {usage.data.filter((u) => u.used > 0 || u.limit !== null).map((u) => (
                      <TableRow key={u.meter}><TableCell>{u.label ?? u.meter}</TableCell><TableCell align="right">{u.used}{u.limit !== null ? ` / ${u.limit}` : ''}</TableCell></TableRow>
                    ))}
                  </TableBody>
                </Table>
              )}
            </CardContent>
          </Card>
        </Grid>
      </Grid>
      <Card>
        <CardContent>
          <Typography variant="subtitle1" gutterBottom>Projected invoice</Typography>
          {preview.error && <Typography color="text.secondary">{errorText(preview.error)}</Typography>}
          {preview.data === null && <Typography color="text.secondary" data-testid="no-billing-account">No invoice is coming: nothing is billed to this tenant yet.</Typography>}
          {preview.data && (
            <Table size="small" data-testid="projected-invoice">
              <TableBody>
                {preview.data.lines.map((l, n) => <TableRow key={n}><TableCell>{l.description}</TableCell><TableCell align="right">{money(l.amountMinor, preview.data!.currency)}</TableCell></TableRow>)}
                <TableRow><TableCell>Tax</TableCell><TableCell align="right">{money(preview.data.taxMinor, preview.data.currency)}</TableCell></TableRow>
                <TableRow><TableCell><b>Total on {preview.data.periodEnd}</b></TableCell><TableCell align="right" data-testid="projected-total"><b>{money(preview.data.totalMinor, preview.data.currency)}</b></TableCell></TableRow>
              </TableBody>
            </Table>
          )}
        </CardContent>
      </Card>
      <Card>
        <CardContent>
          <Typography variant="subtitle1" gutterBottom>Invoices</Typography>
          {invoices.error && <Alert severity="error">{errorText(invoices.error)}</Alert>}
          {invoices.data?.length === 0 && <Typography color="text.secondary">No invoice yet.</Typography>}
          {invoices.data && invoices.data.length > 0 && <InvoiceTable invoices={invoices.data} onPdf={(i) => downloadPdf(i, session.headers).catch((e) => notify(errorText(e), { type: 'error' }))} />}
          {canPay && payable.map((i) => (
            <Button key={i.id} variant="contained" sx={{ mt: 1, mr: 1 }} onClick={() => pay(i)} data-testid={`pay-${i.number}`}>Pay {i.number} ({money(i.amountDueMinor, i.currency)})</Button>
          ))}
        </CardContent>
      </Card>
      {canPay && <PaymentMethodsCard />}
      <Card>
        <CardContent>
          <Typography variant="subtitle1" gutterBottom>Payment history</Typography>
          {payments.data?.length === 0 && <Typography color="text.secondary">No payment yet.</Typography>}
          {payments.data && payments.data.length > 0 && (
            <Table size="small" data-testid="payment-history">
              <TableHead><TableRow><TableCell>Date</TableCell><TableCell>Method</TableCell><TableCell>Status</TableCell><TableCell align="right">Amount</TableCell></TableRow></TableHead>
              <TableBody>
                {payments.data.map((p) => (
                  <TableRow key={p.id}><TableCell>{p.createdAt.slice(0, 10)}</TableCell><TableCell>{p.method.replace('_', ' ')}</TableCell><TableCell>{p.status}{p.failureReason ? ` (${p.failureReason})` : ''}</TableCell><TableCell align="right">{money(p.amountMinor, p.currency)}</TableCell></TableRow>
                ))}
              </TableBody>
            </Table>
          )}
        </CardContent>
      </Card>
    </Stack>
  );
}
