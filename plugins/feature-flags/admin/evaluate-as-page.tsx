import { useState } from 'react';
import { Title, useDataProvider, useGetList, usePermissions, type DataProvider } from 'react-admin';
import Alert from '@mui/material/Alert';
import Autocomplete from '@mui/material/Autocomplete';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import type { ConsoleApi, PlatformSession } from '@platform/sdk/admin';
import type { FlagEvaluationView, FlagRecordView } from './flag-types.ts';

interface TenantOption {
  id: string;
  name: string;
  slug: string;
}

interface EvaluateAsAnswer {
  context: Record<string, unknown>;
  at: string;
  version: number;
  results: Record<string, FlagEvaluationView>;
}

const REASON_COLOR: Record<string, 'success' | 'default' | 'warning' | 'error' | 'info'> = { TARGETING_MATCH: 'success', SPLIT: 'info', STATIC: 'success', DEFAULT: 'default', DISABLED: 'warning', ERROR: 'error' };

/** "Evaluate as": pick a tenant and a user (and optionally a plan or an instant) and see each flag's value and why. */
export function EvaluateAsPage() {
  const dataProvider = useDataProvider<DataProvider & ConsoleApi>();
  const { permissions: session } = usePermissions<PlatformSession>();
  // A tenant user evaluates in their own tenant (the API allows nothing else): no tenant list to load.
  const ownTenant: TenantOption | null = session?.user.kind === 'tenant' && session.tenant ? { id: session.tenant.id, name: session.tenant.name, slug: session.tenant.slug } : null;
  const staff = session?.user.kind === 'staff';
  const tenants = useGetList<TenantOption & { id: string }>('tenants', { pagination: { page: 1, perPage: 500 }, sort: { field: 'name', order: 'ASC' } }, { enabled: staff });
  const flags = useGetList<FlagRecordView>('feature-flags/flags', { pagination: { page: 1, perPage: 500 }, sort: { field: 'key', order: 'ASC' }, filter: { archived: false } });
  const [tenant, setTenant] = useState<TenantOption | null>(null);
  const [userId, setUserId] = useState('');
  const [plan, setPlan] = useState('');
  const [at, setAt] = useState('');
  const [selected, setSelected] = useState<string[]>([]);
  const [answer, setAnswer] = useState<EvaluateAsAnswer | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const run = async () => {
    setBusy(true);
    setError(null);
    try {
      const body: Record<string, unknown> = {};
      const chosen = ownTenant ?? tenant;
      if (chosen) body.tenantId = chosen.id;
      if (userId.trim()) body.userId = userId.trim();
      if (plan.trim()) body.plan = plan.trim();
      if (at) body.at = new Date(at).toISOString();
      if (selected.length) body.flags = selected;
      setAnswer(await dataProvider.api<EvaluateAsAnswer>('/feature-flags/evaluate-as', { method: 'POST', body }));
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Box sx={{ p: 2 }}>
      <Title title="Evaluate as" />
      <Paper variant="outlined" sx={{ p: 2, mb: 2 }}>
        <Stack direction={{ xs: 'column', md: 'row' }} spacing={2} alignItems={{ md: 'center' }} sx={{ flexWrap: 'wrap' }}>
          {ownTenant ? (
            <TextField label="Tenant" value={`${ownTenant.name} (${ownTenant.slug})`} slotProps={{ input: { readOnly: true } }} helperText="Your tenant" />
          ) : (
            <Autocomplete
              sx={{ minWidth: 240 }}
              options={tenants.data ?? []}
              loading={tenants.isPending && staff}
              getOptionLabel={(t) => `${t.name} (${t.slug})`}
              value={tenant}
              onChange={(_, value) => setTenant(value)}
              renderInput={(params) => <TextField {...params} label="Tenant" />}
            />
          )}
          <TextField label="User id" value={userId} onChange={(e) => setUserId(e.target.value)} />
          <TextField label="Plan (default: the tenant's)" value={plan} onChange={(e) => setPlan(e.target.value)} />
          <TextField label="At (default: now)" type="datetime-local" InputLabelProps={{ shrink: true }} value={at} onChange={(e) => setAt(e.target.value)} />
          <Autocomplete
            multiple
            sx={{ minWidth: 320, flex: 1 }}
            options={(flags.data ?? []).map((f) => f.key)}
            value={selected}
            onChange={(_, value) => setSelected(value)}
            renderInput={(params) => <TextField {...params} label="Flags (default: all)" />}
          />
          <Button variant="contained" onClick={() => void run()} disabled={busy}>
            Evaluate
          </Button>
        </Stack>
      </Paper>
      {error ? <Alert severity="error">{error}</Alert> : null}
      {answer ? (
        <Paper variant="outlined">
          <Typography variant="caption" sx={{ display: 'block', p: 1.5 }} color="text.secondary">
            Context {JSON.stringify(answer.context)} at {new Date(answer.at).toLocaleString()} · configuration version {answer.version}
          </Typography>
          <Table size="small">
            <TableHead>
              <TableRow>
                <TableCell>Flag</TableCell>
                <TableCell>Value</TableCell>
                <TableCell>Variant</TableCell>
                <TableCell>Reason</TableCell>
                <TableCell>Rule that decided</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {Object.values(answer.results).map((r) => (
                <TableRow key={r.key}>
                  <TableCell sx={{ fontFamily: 'monospace' }}>{r.key}</TableCell>
                  <TableCell>
                    <Chip size="small" color={r.enabled ? 'success' : 'default'} label={JSON.stringify(r.value)} />
                  </TableCell>
                  <TableCell>{r.variant ?? '—'}</TableCell>
                  <TableCell>
                    <Chip size="small" variant="outlined" color={REASON_COLOR[r.reason] ?? 'default'} label={r.reason} />
                  </TableCell>
                  <TableCell>
                    {r.rule}
                    {r.errorMessage ? ` — ${r.errorMessage}` : ''}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </Paper>
      ) : null}
    </Box>
  );
}
