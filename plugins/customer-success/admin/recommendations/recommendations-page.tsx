import { useState } from 'react';
import { Link, Title } from 'react-admin';
import { useQuery } from '@tanstack/react-query';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import MenuItem from '@mui/material/MenuItem';
import Skeleton from '@mui/material/Skeleton';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useHealthApi } from '../health-api.ts';
import { customerPath } from '../digest/digest-api.ts';

interface Recommendation {
  tenantId: string;
  tenantName: string;
  kind: string;
  title: string;
  reasons: string[];
  evidence: Record<string, number>;
  severity: 'info' | 'warning';
}

const KINDS = [
  { id: '', name: 'Every kind' },
  { id: 'unused-entitlement', name: 'Unused entitlement' },
  { id: 'upgrade', name: 'Near a limit (upgrade)' },
  { id: 'usage-drop', name: 'Usage drop' },
  { id: 'usage-spike', name: 'Usage spike' },
  { id: 'error-spike', name: 'Error spike' },
];
const kindName = (id: string) => KINDS.find((k) => k.id === id)?.name ?? id;

/** Recommendations (staff): one row per tenant and rule, with the reasons the rule found; the tenant links to its 360 page. */
export function RecommendationsPage() {
  const api = useHealthApi();
  const [kind, setKind] = useState('');
  const recs = useQuery({ queryKey: ['customer-success', 'recommendations', kind], queryFn: () => api<Recommendation[]>(`/customer-success/recommendations${kind ? `?kind=${kind}` : ''}`) });
  return (
    <Box sx={{ p: 2 }}>
      <Title title="Recommendations" />
      <Typography variant="h5" component="h1" gutterBottom>
        Recommendations
      </Typography>
      <Typography color="text.secondary" gutterBottom>
        Simple rules over each tenant's plan, usage and errors; every line says why.
      </Typography>
      <TextField select size="small" label="Kind" value={kind} onChange={(e) => setKind(e.target.value)} sx={{ minWidth: 240, my: 1 }}>
        {KINDS.map((k) => (
          <MenuItem key={k.id} value={k.id}>
            {k.name}
          </MenuItem>
        ))}
      </TextField>
      {recs.error && <Alert severity="error">{(recs.error as Error).message}</Alert>}
      {recs.isLoading && <Skeleton variant="rounded" height={240} />}
      {recs.data && recs.data.length === 0 && <Alert severity="success">No recommendation: no rule found anything to act on.</Alert>}
      {recs.data && recs.data.length > 0 && (
        <Table size="small" data-testid="recommendations">
          <TableHead>
            <TableRow>
              <TableCell>Tenant</TableCell>
              <TableCell>Kind</TableCell>
              <TableCell>Recommendation</TableCell>
              <TableCell>Why</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {recs.data.map((r, i) => (
              <TableRow key={`${r.tenantId}-${r.kind}-${i}`}>
                <TableCell>
                  <Link to={customerPath(r.tenantId)}>{r.tenantName}</Link>
                </TableCell>
                <TableCell>
                  <Chip size="small" label={kindName(r.kind)} color={r.severity === 'warning' ? 'warning' : 'default'} />
                </TableCell>
                <TableCell>{r.title}</TableCell>
                <TableCell>
                  {r.reasons.map((reason) => (
                    <Typography key={reason} variant="body2">
                      {reason}
                    </Typography>
                  ))}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </Box>
  );
}
