import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { BooleanInput, Datagrid, DateField, FunctionField, List, NumberField, TextField as RaTextField, TextInput, Title, useNotify } from 'react-admin';
import { useParams } from 'react-router-dom';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Chip from '@mui/material/Chip';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TablePagination from '@mui/material/TablePagination';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useCanCall } from '@platform/sdk/admin/use-can-call';
import { errorText, problemField, useMessagingApi } from './messaging-api.ts';

export interface CreditMovementRow {
  id: string;
  seq: number;
  kind: string;
  amount: number;
  expiresAt: string | null;
  messageId: string | null;
  reason: string | null;
  actorLabel: string;
  at: string;
}

export interface CreditAccount {
  tenantId: string;
  balance: number;
  threshold: number;
  low: boolean;
  movements: CreditMovementRow[];
  total: number;
}

const filters = [<TextInput key="q" source="q" label="Search tenants" alwaysOn />, <BooleanInput key="low" source="low" label="Low balance only" />];

/** Every tenant's SMS credit account: balance against its low-balance threshold. */
export function CreditAccountList() {
  return (
    <List filters={filters} sort={{ field: 'slug', order: 'ASC' }} exporter={false}>
      <Datagrid bulkActionButtons={false} rowClick="show">
        <RaTextField source="name" label="Tenant" />
        <RaTextField source="slug" />
        <NumberField source="balance" />
        <NumberField source="threshold" label="Low below" />
        <FunctionField label="" render={(r: { low: boolean }) => (r.low ? <Chip size="small" color="warning" label="low" /> : null)} />
        <DateField source="updatedAt" label="Last movement" showTime />
      </Datagrid>
    </List>
  );
}

/** The ledger, newest first, a page at a time. */
export function CreditLedgerTable({ account, page, perPage, onPage }: { account: CreditAccount; page: number; perPage: number; onPage: (p: number) => void }) {
  if (account.total === 0) return <Typography color="text.secondary" sx={{ my: 2 }}>No movement yet.</Typography>;
  return (
    <>
      <Table size="small" data-testid="credit-ledger">
        <TableHead>
          <TableRow>
            <TableCell>When</TableCell>
            <TableCell>Movement</TableCell>
            <TableCell align="right">Amount</TableCell>
            <TableCell>Reason</TableCell>
            <TableCell>By</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {account.movements.map((m) => (
            <TableRow key={m.id}>
              <TableCell>{new Date(m.at).toLocaleString()}</TableCell>
              <TableCell>{m.kind.replace('_', ' ')}</TableCell>
              <TableCell align="right" sx={{ color: m.amount < 0 ? 'error.main' : 'success.main' }}>{m.amount > 0 ? `+${m.amount}` : m.amount}</TableCell>
              <TableCell>{m.reason ?? (m.messageId ? `message ${m.messageId.slice(0, 8)}` : '')}</TableCell>
              <TableCell>{m.actorLabel}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      <TablePagination component="div" count={account.total} page={page} rowsPerPage={perPage} rowsPerPageOptions={[perPage]} onPageChange={(_, p) => onPage(p)} />
    </>
  );
}

/** "Top up": an amount and a required reason, confirmed in a second step (the movement is permanent). */
function TopUpButton({ tenantId, onDone }: { tenantId: string; onDone: () => void }) {
  const api = useMessagingApi();
  const notify = useNotify();
  const { canCall } = useCanCall('POST', '/messaging/credits/:tenantId/top-up');
  const [open, setOpen] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [amount, setAmount] = useState('');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<{ field: string | null; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  if (!canCall) return null;
  const n = Number(amount);
  const amountOk = amount !== '' && Number.isInteger(n) && n > 0;
  const close = () => { setOpen(false); setConfirming(false); setError(null); };
  const submit = async () => {
    setBusy(true);
    try {
      await api(`/messaging/credits/${tenantId}/top-up`, { method: 'POST', body: { amount: n, reason: reason.trim() } });
      notify(`${n} credits added`, { type: 'success' });
      setAmount('');
      setReason('');
      close();
      onDone();
    } catch (err) {
      setError({ field: problemField(err), text: errorText(err) });
      setConfirming(false);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Button variant="contained" onClick={() => setOpen(true)}>Top up</Button>
      <Dialog open={open} onClose={close} fullWidth maxWidth="xs">
        <DialogTitle>{confirming ? 'Confirm the top-up' : 'Top up SMS credits'}</DialogTitle>
        <DialogContent>
          {confirming ? (
            <DialogContentText>Add <b>{n}</b> credits to this tenant, for “{reason.trim()}”? The ledger keeps this movement for good.</DialogContentText>
          ) : (
            <Stack spacing={2} sx={{ mt: 1 }}>
              <TextField autoFocus label="Credits" name="amount" type="number" value={amount} onChange={(e) => setAmount(e.target.value)} error={(amount !== '' && !amountOk) || error?.field === 'amount'} helperText={error?.field === 'amount' ? error.text : 'A whole number above zero'} inputProps={{ min: 1, step: 1 }} />
              <TextField label="Reason" name="reason" value={reason} onChange={(e) => setReason(e.target.value)} multiline required error={error?.field === 'reason'} helperText={error?.field === 'reason' ? error.text : 'Required: why these credits are granted (kept in the ledger and the audit log)'} />
              {error && !['amount', 'reason'].includes(error.field ?? '') && <Alert severity="error">{error.text}</Alert>}
            </Stack>
          )}
        </DialogContent>
        <DialogActions>
          <Button onClick={confirming ? () => setConfirming(false) : close}>{confirming ? 'Back' : 'Cancel'}</Button>
          {confirming ? (
            <Button variant="contained" disabled={busy} onClick={submit}>Confirm top-up</Button>
          ) : (
            <Button variant="contained" disabled={!amountOk || !reason.trim()} onClick={() => setConfirming(true)}>Continue</Button>
          )}
        </DialogActions>
      </Dialog>
    </>
  );
}

const PER_PAGE = 25;

/** One tenant's account: balance, threshold, the ledger and the top-up. */
export function CreditAccountShow() {
  const { id } = useParams();
  const api = useMessagingApi();
  const queryClient = useQueryClient();
  const [page, setPage] = useState(0);
  const tenant = useQuery({ queryKey: ['messaging', 'credit-tenant', id], queryFn: () => api<{ name: string; slug: string }>(`/tenants/${id}`) });
  const account = useQuery({
    queryKey: ['messaging', 'credits', id, page],
    queryFn: () => api<CreditAccount>(`/messaging/credits/${id}?range=${encodeURIComponent(JSON.stringify([page * PER_PAGE, page * PER_PAGE + PER_PAGE - 1]))}`),
  });
  return (
    <Card sx={{ mt: 2 }}>
      <Title title={`SMS credits${tenant.data ? ` · ${tenant.data.name}` : ''}`} />
      <CardContent>
        {account.error && <Alert severity="error">{errorText(account.error)}</Alert>}
        {account.data && (
          <>
            <Stack direction="row" spacing={3} alignItems="center" sx={{ mb: 2 }}>
              <div>
                <Typography variant="overline">Balance</Typography>
                <Typography variant="h4" data-testid="credit-balance">{account.data.balance}</Typography>
              </div>
              <div>
                <Typography variant="overline">Low below</Typography>
                <Typography variant="h6">{account.data.threshold}</Typography>
              </div>
              {account.data.low && <Chip color="warning" label="Low balance" />}
              <div style={{ flex: 1 }} />
              <TopUpButton tenantId={account.data.tenantId} onDone={() => { setPage(0); void queryClient.invalidateQueries({ queryKey: ['messaging', 'credits', id] }); }} />
            </Stack>
            <CreditLedgerTable account={account.data} page={page} perPage={PER_PAGE} onPage={setPage} />
          </>
        )}
      </CardContent>
    </Card>
  );
}
