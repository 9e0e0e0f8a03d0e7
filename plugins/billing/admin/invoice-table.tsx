import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import { money, type Invoice } from './billing-api.ts';

const STATE_COLORS: Record<Invoice['state'], 'default' | 'info' | 'success' | 'warning' | 'error'> = { draft: 'default', open: 'info', paid: 'success', void: 'default', uncollectible: 'error' };

export function InvoiceStateChip({ state }: { state: Invoice['state'] }) {
  return <Chip size="small" label={state} color={STATE_COLORS[state]} />;
}

/** Invoices as a table; `onOpen` shows one, `onPdf` downloads its PDF. */
export function InvoiceTable({ invoices, onOpen, onPdf, showTenant }: { invoices: Invoice[]; onOpen?: (i: Invoice) => void; onPdf?: (i: Invoice) => void; showTenant?: boolean }) {
  return (
    <Table size="small" data-testid="invoice-table">
      <TableHead>
        <TableRow>
          <TableCell>Number</TableCell>
          {showTenant && <TableCell>Tenant</TableCell>}
          <TableCell>Period</TableCell>
          <TableCell>State</TableCell>
          <TableCell align="right">Total</TableCell>
          <TableCell align="right">Due</TableCell>
          <TableCell />
        </TableRow>
      </TableHead>
      <TableBody>
        {invoices.map((i) => (
          <TableRow key={i.id} hover data-testid={`invoice-row-${i.number ?? i.id}`}>
            <TableCell>{i.number ?? 'draft'}</TableCell>
            {showTenant && <TableCell sx={{ fontFamily: 'monospace', fontSize: 12 }}>{i.tenantId.slice(0, 8)}</TableCell>}
            <TableCell>{i.periodStart ? `${i.periodStart} – ${i.periodEnd}` : '—'}</TableCell>
            <TableCell><InvoiceStateChip state={i.state} /></TableCell>
            <TableCell align="right">{money(i.totalMinor, i.currency)}</TableCell>
            <TableCell align="right">{money(i.amountDueMinor, i.currency)}</TableCell>
            <TableCell align="right">
              {onOpen && <Button size="small" onClick={() => onOpen(i)}>Open</Button>}
              {onPdf && i.number && <Button size="small" onClick={() => onPdf(i)}>PDF</Button>}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
