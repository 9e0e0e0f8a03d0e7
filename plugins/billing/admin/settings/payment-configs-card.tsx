import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Checkbox from '@mui/material/Checkbox';
import FormControlLabel from '@mui/material/FormControlLabel';
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

interface SchemaField { type?: string; description?: string; default?: unknown; [key: string]: unknown }
interface Provider { id: string; name: string; description: string; configSchema: { properties?: Record<string, SchemaField>; required?: string[] } }
interface Config { id: string; providerId: string; name: string; isDefault: boolean; providerInstalled: boolean; webhookUrl: string; settings: Record<string, unknown> }

/** `Secret()` fields (`x-secret` in the schema) are typed as passwords. */
const isSecret = (f: SchemaField) => f['x-secret'] === true;

/** Payment provider configurations: the installed providers' settings forms (secrets masked once saved) and the default. */
export function PaymentConfigsCard() {
  const api = useBillingApi();
  const mutate = useBillingMutation();
  const [providerId, setProviderId] = useState('');
  const [name, setName] = useState('');
  const [values, setValues] = useState<Record<string, string>>({});
  const [isDefault, setIsDefault] = useState(true);
  const providers = useQuery({ queryKey: ['billing', 'payment-providers'], queryFn: () => api<Provider[]>('/billing/payment-providers') });
  const configs = useQuery({ queryKey: ['billing', 'payment-configs'], queryFn: () => api<Config[]>('/billing/payment-configs') });
  const provider = providers.data?.find((p) => p.id === providerId);
  const fields = Object.entries(provider?.configSchema.properties ?? {});

  const save = async () => {
    const settings = Object.fromEntries(Object.entries(values).filter(([, v]) => v !== ''));
    if (await mutate('/billing/payment-configs', { method: 'POST', body: { providerId, name, settings, isDefault } }, 'Payment provider added')) {
      setProviderId('');
      setName('');
      setValues({});
    }
  };

  return (
    <Card data-testid="payment-configs">
      <CardContent>
        <Typography variant="subtitle1" gutterBottom>Payment providers</Typography>
        {(providers.error || configs.error) && <Alert severity="error">{errorText(providers.error ?? configs.error)}</Alert>}
        {configs.data?.length === 0 && <Typography color="text.secondary">No payment provider configured: invoices are paid by bank transfer only.</Typography>}
        {configs.data && configs.data.length > 0 && (
          <Table size="small">
            <TableHead><TableRow><TableCell>Name</TableCell><TableCell>Provider</TableCell><TableCell>Default</TableCell><TableCell>Webhook URL (give it to the provider)</TableCell></TableRow></TableHead>
            <TableBody>
              {configs.data.map((c) => (
                <TableRow key={c.id} data-testid={`payment-config-row-${c.name}`}>
                  <TableCell>{c.name}</TableCell>
                  <TableCell>{c.providerId}{c.providerInstalled ? '' : ' (not installed)'}</TableCell>
                  <TableCell>{c.isDefault ? 'default' : ''}</TableCell>
                  <TableCell sx={{ fontFamily: 'monospace', fontSize: 12 }}>{c.webhookUrl}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
        <Stack spacing={1} sx={{ mt: 2, maxWidth: 560 }}>
          <TextField select size="small" label="Provider" value={providerId} onChange={(e) => { setProviderId(e.target.value); setValues({}); }} inputProps={{ 'data-testid': 'config-provider' }}>
            {(providers.data ?? []).map((p) => <MenuItem key={p.id} value={p.id}>{p.name}</MenuItem>)}
          </TextField>
          {provider && (
            <>
              <TextField size="small" label="Name" value={name} onChange={(e) => setName(e.target.value)} inputProps={{ 'data-testid': 'config-name' }} />
              {fields.map(([key, field]) => (
                <TextField
                  key={key}
                  size="small"
                  label={key}
                  type={isSecret(field) ? 'password' : 'text'}
                  helperText={field.description ?? (field.default !== undefined ? `default: ${String(field.default)}` : undefined)}
                  value={values[key] ?? ''}
                  onChange={(e) => setValues({ ...values, [key]: e.target.value })}
                  inputProps={{ 'data-testid': `config-setting-${key}` }}
                />
              ))}
              <FormControlLabel control={<Checkbox checked={isDefault} onChange={(e) => setIsDefault(e.target.checked)} />} label="Default: collections charge through it" />
              <Button variant="contained" onClick={save} disabled={!name.trim()} data-testid="config-save">Add provider</Button>
            </>
          )}
        </Stack>
      </CardContent>
    </Card>
  );
}
