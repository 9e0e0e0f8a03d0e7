import { useEffect, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { BooleanField, Datagrid, DateField, FunctionField, List, SelectInput, TextField as RaTextField, TextInput, Title, useNotify, useRedirect, useRefresh } from 'react-admin';
import { useParams } from 'react-router-dom';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import FormControlLabel from '@mui/material/FormControlLabel';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import Switch from '@mui/material/Switch';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useCanCall } from '@platform/sdk/admin/use-can-call';
import { CHANNEL_CHOICES, errorText, problemField, useMessagingApi, type ProviderConfig, type ProviderType } from './messaging-api.ts';
import { defaultsOf, ProviderConfigFields } from './provider-config-fields.tsx';

const filters = [
  <SelectInput key="channel" source="channel" choices={CHANNEL_CHOICES} alwaysOn />,
  <TextInput key="q" source="q" label="Search" alwaysOn />,
];

function useProviderTypes() {
  const api = useMessagingApi();
  return useQuery({ queryKey: ['messaging', 'provider-types'], queryFn: () => api<ProviderType[]>('/messaging/provider-types') });
}

/** "Test connection": calls the provider with the stored settings and shows what it answered. */
export function TestConnectionButton({ config }: { config: Pick<ProviderConfig, 'id'> }) {
  const api = useMessagingApi();
  const refresh = useRefresh();
  const { canCall } = useCanCall('POST', '/messaging/providers/:id/test');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ ok: boolean; detail: string | null } | null>(null);
  if (!canCall) return null;
  return (
    <Stack direction="row" spacing={1} alignItems="center" onClick={(e) => e.stopPropagation()}>
      <Button
        size="small"
        variant="outlined"
        disabled={busy}
        onClick={async () => {
          setBusy(true);
          try {
            const r = await api<{ ok: boolean; detail: string | null }>(`/messaging/providers/${config.id}/test`, { method: 'POST', body: {} });
            setResult(r);
            refresh();
          } catch (err) {
            setResult({ ok: false, detail: errorText(err) });
          } finally {
            setBusy(false);
          }
        }}
      >
        {busy ? 'Testing…' : 'Test connection'}
      </Button>
      {result && <Alert severity={result.ok ? 'success' : 'error'} sx={{ py: 0 }} data-testid="test-connection-result">{result.ok ? 'Connected' : 'Failed'}{result.detail ? `: ${result.detail}` : ''}</Alert>}
    </Stack>
  );
}

/** Provider configurations: channel, provider, last connection test; secrets never leave the API unmasked. */
export function ProviderList() {
  return (
    <List filters={filters} exporter={false} empty={<ProvidersEmpty />}>
      <Datagrid bulkActionButtons={false} rowClick="edit">
        <RaTextField source="name" />
        <RaTextField source="channel" />
        <FunctionField label="Provider" render={(c: ProviderConfig) => `${c.providerName ?? c.providerId}${c.providerInstalled ? '' : ' (not installed)'}`} />
        <BooleanField source="enabled" sortable={false} />
        <FunctionField label="Last test" render={(c: ProviderConfig) => (c.lastTestAt ? `${c.lastTestOk ? 'ok' : 'failed'} ${new Date(c.lastTestAt).toLocaleString()}` : 'never')} />
        <DateField source="updatedAt" showTime />
        <FunctionField label="" render={(c: ProviderConfig) => <TestConnectionButton config={c} />} />
      </Datagrid>
    </List>
  );
}

function ProvidersEmpty() {
  const redirect = useRedirect();
  const { canCall } = useCanCall('POST', '/messaging/providers');
  return (
    <Box sx={{ p: 4, textAlign: 'center' }}>
      <Typography variant="h6">No messaging provider configured yet</Typography>
      <Typography color="text.secondary" sx={{ mb: 2 }}>Add an SMS or email provider account; tenants send through the ones assigned to them.</Typography>
      {canCall && <Button variant="contained" onClick={() => redirect('/messaging/providers/create')}>Add a provider</Button>}
    </Box>
  );
}

/** The create and edit form: channel and provider (create only), name, enabled, the provider's own settings. */
function ProviderForm({ existing }: { existing: ProviderConfig | null }) {
  const api = useMessagingApi();
  const notify = useNotify();
  const redirect = useRedirect();
  const types = useProviderTypes();
  const [channel, setChannel] = useState<'sms' | 'email'>(existing?.channel ?? 'sms');
  const [providerId, setProviderId] = useState(existing?.providerId ?? '');
  const [name, setName] = useState(existing?.name ?? '');
  const [enabled, setEnabled] = useState(existing?.enabled ?? true);
  const [config, setConfig] = useState<Record<string, unknown>>(existing?.config ?? {});
  const [error, setError] = useState<{ field: string | null; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const { canCall } = useCanCall(existing ? 'PATCH' : 'POST', existing ? '/messaging/providers/:id' : '/messaging/providers');
  const type = types.data?.find((t) => t.id === providerId && t.channel === channel) ?? null;
  useEffect(() => {
    if (!existing && type) setConfig(defaultsOf(type));
  }, [existing, type?.id]); // eslint-disable-line react-hooks/exhaustive-deps

  const save = async () => {
    setBusy(true);
    setError(null);
    try {
      if (existing) await api(`/messaging/providers/${existing.id}`, { method: 'PATCH', body: { name, enabled, config } });
      else await api('/messaging/providers', { method: 'POST', body: { channel, providerId, name, enabled, config } });
      notify(existing ? 'Provider saved' : 'Provider added', { type: 'success' });
      redirect('/messaging/providers');
    } catch (err) {
      setError({ field: problemField(err), text: errorText(err) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card sx={{ mt: 2, maxWidth: 720 }}>
      <CardContent>
        <Stack spacing={2}>
          {types.error && <Alert severity="error">{errorText(types.error)}</Alert>}
          <Stack direction="row" spacing={2}>
            <TextField select label="Channel" value={channel} disabled={!!existing} onChange={(e) => { setChannel(e.target.value as 'sms' | 'email'); setProviderId(''); }} sx={{ minWidth: 140 }}>
              {CHANNEL_CHOICES.map((c) => <MenuItem key={c.id} value={c.id}>{c.name}</MenuItem>)}
            </TextField>
            <TextField select label="Provider" name="providerId" value={providerId} disabled={!!existing} onChange={(e) => setProviderId(e.target.value)} sx={{ minWidth: 240 }} error={error?.field === 'providerId'} helperText={types.data && types.data.filter((t) => t.channel === channel).length === 0 ? 'No provider plugin installed for this channel' : undefined}>
              {(types.data ?? []).filter((t) => t.channel === channel).map((t) => <MenuItem key={t.id} value={t.id}>{t.name}</MenuItem>)}
            </TextField>
          </Stack>
          <TextField label="Name" name="name" value={name} onChange={(e) => setName(e.target.value)} error={error?.field === 'name'} helperText={error?.field === 'name' ? error.text : 'e.g. "Twilio EU account"'} fullWidth />
          <FormControlLabel control={<Switch checked={enabled} onChange={(e) => setEnabled(e.target.checked)} />} label="Enabled" />
          {type ? (
            <ProviderConfigFields type={type} value={config} onChange={setConfig} errorField={error?.field} errorText={error?.text} />
          ) : existing && types.data ? (
            <Alert severity="warning">The plugin providing “{existing.providerId}” is not installed.</Alert>
          ) : null}
          {existing && <Typography variant="body2" color="text.secondary">Callback URL to give the provider: <code>{existing.callbackUrl}</code></Typography>}
          {error && <Alert severity="error">{error.text}</Alert>}
          <Stack direction="row" spacing={1}>
            {canCall && <Button variant="contained" disabled={busy || !providerId || !name.trim()} onClick={save}>Save</Button>}
            <Button onClick={() => redirect('/messaging/providers')}>Cancel</Button>
            {existing && <TestConnectionButton config={existing} />}
          </Stack>
        </Stack>
      </CardContent>
    </Card>
  );
}

export function ProviderCreate() {
  return (
    <>
      <Title title="Add a messaging provider" />
      <ProviderForm existing={null} />
    </>
  );
}

export function ProviderEdit() {
  const { id } = useParams();
  const api = useMessagingApi();
  const config = useQuery({ queryKey: ['messaging', 'provider', id], queryFn: () => api<ProviderConfig>(`/messaging/providers/${id}`) });
  return (
    <>
      <Title title={config.data ? `Provider ${config.data.name}` : 'Provider'} />
      {config.error ? <Alert severity="error">{errorText(config.error)}</Alert> : config.data ? <ProviderForm key={config.data.id} existing={config.data} /> : null}
    </>
  );
}
