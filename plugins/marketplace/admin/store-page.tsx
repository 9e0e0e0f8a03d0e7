import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Title, useNotify } from 'react-admin';
import { useNavigate, useParams } from 'react-router-dom';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import CardActionArea from '@mui/material/CardActionArea';
import CardContent from '@mui/material/CardContent';
import Chip from '@mui/material/Chip';
import CircularProgress from '@mui/material/CircularProgress';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Grid from '@mui/material/Grid';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useCanCall } from '@platform/sdk/admin/use-can-call';
import { errorText, KIND_LABELS, money, priceText, useMarketplaceApi, type Quote, type StoreAddon } from './marketplace-api.ts';

/** The tenant admin's Marketplace: published add-ons on the tenant's plan, searchable; a card opens the detail. */
export function StorePage() {
  const api = useMarketplaceApi();
  const navigate = useNavigate();
  const [q, setQ] = useState('');
  const filter = q.trim() ? `?filter=${encodeURIComponent(JSON.stringify({ q: q.trim() }))}` : '';
  const list = useQuery({ queryKey: ['marketplace', 'store', q.trim()], queryFn: () => api<StoreAddon[]>(`/marketplace/store/addons${filter}`) });
  return (
    <Stack spacing={2} sx={{ mt: 2 }}>
      <Title title="Marketplace" />
      <TextField label="Search add-ons" name="q" value={q} onChange={(e) => setQ(e.target.value)} sx={{ maxWidth: 400 }} />
      {list.error && <Alert severity="error">{errorText(list.error)}</Alert>}
      {list.data?.length === 0 && <Typography color="text.secondary">{q.trim() ? `No add-on matches "${q.trim()}".` : 'No add-ons are offered on your plan yet.'}</Typography>}
      <Grid container spacing={2} data-testid="store-addons">
        {list.data?.map((a) => (
          <Grid key={a.id} size={{ xs: 12, sm: 6, md: 4 }}>
            <Card sx={{ height: '100%' }}>
              <CardActionArea onClick={() => navigate(`/marketplace/store/${a.id}`)} sx={{ height: '100%' }}>
                <CardContent>
                  <Stack direction="row" justifyContent="space-between" alignItems="center">
                    <Typography variant="h6">{a.name}</Typography>
                    <Chip size="small" label={KIND_LABELS[a.kind]} />
                  </Stack>
                  <Typography variant="body2" color="text.secondary" sx={{ my: 1 }}>{a.summary}</Typography>
                  <Typography variant="subtitle1">{priceText(a)}</Typography>
                </CardContent>
              </CardActionArea>
            </Card>
          </Grid>
        ))}
      </Grid>
    </Stack>
  );
}

/** The next invoice as billing previews it, the purchase included. */
export function InvoicePreviewTable({ quote }: { quote: Quote }) {
  const invoice = quote.nextInvoice;
  if (!invoice)
    return <Alert severity="info" data-testid="no-billing">{quote.billing === 'not_installed' ? 'Billing is not installed on this platform: no invoice will show this purchase.' : 'The next invoice cannot be previewed yet.'}</Alert>;
  return (
    <Box data-testid="next-invoice">
      <Typography variant="subtitle2">Your next invoice ({invoice.issueDate})</Typography>
      <Table size="small">
        <TableBody>
          {invoice.lines.map((l, i) => (
            <TableRow key={i}><TableCell>{l.description}</TableCell><TableCell align="right">{money(l.amountMinor, invoice.currency)}</TableCell></TableRow>
          ))}
          {invoice.taxMinor !== 0 && <TableRow><TableCell>Tax</TableCell><TableCell align="right">{money(invoice.taxMinor, invoice.currency)}</TableCell></TableRow>}
          <TableRow><TableCell><b>Total</b></TableCell><TableCell align="right"><b>{money(invoice.totalMinor, invoice.currency)}</b></TableCell></TableRow>
        </TableBody>
      </Table>
    </Box>
  );
}

/** "Buy": a confirmation showing the price, the paid period and the next invoice, then the purchase. */
function BuyButton({ addon }: { addon: StoreAddon }) {
  const api = useMarketplaceApi();
  const notify = useNotify();
  const navigate = useNavigate();
  const { canCall } = useCanCall('POST', '/marketplace/my/purchases');
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const quote = useQuery({ queryKey: ['marketplace', 'quote', addon.id], queryFn: () => api<Quote>(`/marketplace/store/addons/${addon.id}/quote`), enabled: open });
  if (!canCall) return null;
  const buy = async () => {
    setBusy(true);
    setError(null);
    try {
      await api('/marketplace/my/purchases', { method: 'POST', body: { addonId: addon.id } });
      notify(`${addon.name} is yours`, { type: 'success' });
      setOpen(false);
      navigate('/marketplace/my-addons');
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Button variant="contained" onClick={() => setOpen(true)}>Buy</Button>
      <Dialog open={open} onClose={() => setOpen(false)} fullWidth maxWidth="sm">
        <DialogTitle>Buy {addon.name}?</DialogTitle>
        <DialogContent>
          {quote.isPending && <CircularProgress size={24} />}
          {quote.error && <Alert severity="error">{errorText(quote.error)}</Alert>}
          {quote.data && (
            <Stack spacing={2} sx={{ mt: 1 }}>
              <Typography data-testid="buy-price">Price: <b>{priceText(quote.data.price)}</b></Typography>
              {quote.data.periodEnd && <Typography variant="body2">Paid period: {new Date(quote.data.periodStart).toLocaleDateString()} to {new Date(quote.data.periodEnd).toLocaleDateString()}, renewed until you cancel.</Typography>}
              {quote.data.blocked && <Alert severity="warning">{quote.data.blocked}</Alert>}
              <InvoicePreviewTable quote={quote.data} />
            </Stack>
          )}
          {error && <Alert severity="error" sx={{ mt: 2 }}>{error}</Alert>}
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setOpen(false)}>Cancel</Button>
          <Button variant="contained" disabled={busy || !quote.data || !!quote.data.blocked} onClick={buy}>Confirm purchase</Button>
        </DialogActions>
      </Dialog>
    </>
  );
}

/** One add-on: description, screenshots, what it needs, price, and Buy. */
export function StoreDetailPage() {
  const { id } = useParams();
  const api = useMarketplaceApi();
  const addon = useQuery({ queryKey: ['marketplace', 'store', 'detail', id], queryFn: () => api<StoreAddon>(`/marketplace/store/addons/${id}`) });
  const a = addon.data;
  return (
    <Stack spacing={2} sx={{ mt: 2 }}>
      <Title title={a?.name ?? 'Add-on'} />
      {addon.error && <Alert severity="error">{errorText(addon.error)}</Alert>}
      {a && (
        <Card>
          <CardContent>
            <Stack direction="row" justifyContent="space-between" alignItems="center">
              <Box>
                <Typography variant="h5">{a.name}</Typography>
                <Typography color="text.secondary">{a.summary}</Typography>
              </Box>
              <Stack alignItems="flex-end" spacing={1}>
                <Typography variant="h6">{priceText(a)}</Typography>
                <BuyButton addon={a} />
              </Stack>
            </Stack>
            <Typography sx={{ my: 2, whiteSpace: 'pre-wrap' }}>{a.description}</Typography>
            {a.screenshots.length > 0 && (
              <Stack direction="row" spacing={1} sx={{ overflowX: 'auto', mb: 2 }} data-testid="screenshots">
                {a.screenshots.map((src) => <Box key={src} component="img" src={src} alt={`${a.name} screenshot`} referrerPolicy="no-referrer" sx={{ maxHeight: 240, borderRadius: 1, border: 1, borderColor: 'divider' }} />)}
              </Stack>
            )}
            {a.permissions.length > 0 && (
              <Stack direction="row" spacing={1} alignItems="center" useFlexGap flexWrap="wrap">
                <Typography variant="body2">Needs:</Typography>
                {a.permissions.map((p) => <Chip key={p} size="small" variant="outlined" label={p} />)}
              </Stack>
            )}
            {a.kind === 'sms_credits' && <Typography variant="body2" sx={{ mt: 1 }}>{String(a.provision.credits)} SMS credits, added to your balance at once.</Typography>}
          </CardContent>
        </Card>
      )}
    </Stack>
  );
}
