import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Confirm, Title, useNotify } from 'react-admin';
import { useNavigate } from 'react-router-dom';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Chip from '@mui/material/Chip';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useCanCall } from '@platform/sdk/admin/use-can-call';
import { errorText, problemField, useMarketplaceApi } from './marketplace-api.ts';

interface SchemaProperty {
  type?: string;
  description?: string;
  'x-secret'?: boolean;
}

interface IntegrationType {
  id: string;
  name: string;
  description: string | null;
  configSchema: { properties?: Record<string, SchemaProperty>; required?: string[] };
  availability: 'free' | 'purchased' | 'needs_purchase';
  addonId: string | null;
}

interface Integration {
  id: string;
  type: string;
  name: string;
  config: Record<string, unknown>;
  enabled: boolean;
  validatedAt: string;
  validationDetail: string | null;
  webhookUrl: string;
  lastDelivery: { at: string; status: 'accepted' | 'bad_signature' | 'rejected'; error: string | null } | null;
  webhookSecret?: string;
}

const DELIVERY_COLORS = { accepted: 'success', bad_signature: 'error', rejected: 'warning' } as const;

/** Credentials form from the type's schema; checked with the provider when saved. The signing secret is shown once. */
function ConnectDialog({ type, onClose, onConnected }: { type: IntegrationType; onClose: () => void; onConnected: (i: Integration) => void }) {
  const api = useMarketplaceApi();
  const [values, setValues] = useState<Record<string, string>>({});
  const [error, setError] = useState<{ field: string | null; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const props = Object.entries(type.configSchema.properties ?? {});
  const save = async () => {
    setBusy(true);
    setError(null);
    try {
      onConnected(await api<Integration>('/marketplace/my/integrations', { method: 'POST', body: { type: type.id, config: values } }));
    } catch (err) {
      setError({ field: problemField(err), text: errorText(err) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog open onClose={onClose} fullWidth maxWidth="sm">
      <DialogTitle>Connect {type.name}</DialogTitle>
      <DialogContent>
        <Stack spacing={2} sx={{ mt: 1 }}>
          {type.description && <Typography variant="body2">{type.description}</Typography>}
          {props.map(([key, p]) => (
            <TextField
              key={key}
              label={key}
              name={key}
              type={p['x-secret'] ? 'password' : 'text'}
              value={values[key] ?? ''}
              onChange={(e) => setValues({ ...values, [key]: e.target.value })}
              error={error?.field === `config.${key}`}
              helperText={error?.field === `config.${key}` ? error.text : p.description}
              required={type.configSchema.required?.includes(key)}
            />
          ))}
          {error && !error.field?.startsWith('config.') && <Alert severity="error">{error.text}</Alert>}
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Cancel</Button>
        <Button variant="contained" disabled={busy} onClick={save}>{busy ? 'Checking with the provider…' : 'Check and connect'}</Button>
      </DialogActions>
    </Dialog>
  );
}

function IntegrationCard({ integration, onChanged }: { integration: Integration; onChanged: (secret?: string) => void }) {
  const api = useMarketplaceApi();
  const notify = useNotify();
  const { canCall: canWrite } = useCanCall('DELETE', '/marketplace/my/integrations/:id');
  const [confirm, setConfirm] = useState<'remove' | 'rotate' | null>(null);
  const last = integration.lastDelivery;
  const act = async () => {
    try {
      if (confirm === 'remove') {
        await api(`/marketplace/my/integrations/${integration.id}`, { method: 'DELETE' });
        notify(`${integration.name} disconnected`, { type: 'success' });
        onChanged();
      } else {
        const rotated = await api<Integration>(`/marketplace/my/integrations/${integration.id}/rotate-secret`, { method: 'POST', body: {} });
        onChanged(rotated.webhookSecret);
      }
    } catch (err) {
      notify(errorText(err), { type: 'error' });
    } finally {
      setConfirm(null);
    }
  };
  return (
    <Card data-testid="integration">
      <CardContent>
        <Stack direction="row" justifyContent="space-between" alignItems="center">
          <Typography variant="h6">{integration.name}</Typography>
          {!integration.enabled && <Chip size="small" label="disabled" />}
        </Stack>
        <Typography variant="body2" color="text.secondary">{integration.validationDetail} (checked {new Date(integration.validatedAt).toLocaleString()})</Typography>
        <Typography variant="body2" sx={{ mt: 1 }}>Webhook endpoint: <code>{integration.webhookUrl}</code></Typography>
        <Stack direction="row" spacing={1} alignItems="center" sx={{ mt: 1 }}>
          <Typography variant="body2">Last delivery:</Typography>
          {last ? <><Chip size="small" color={DELIVERY_COLORS[last.status]} label={last.status.replace('_', ' ')} /><Typography variant="body2">{new Date(last.at).toLocaleString()}</Typography></> : <Typography variant="body2" color="text.secondary">none yet</Typography>}
        </Stack>
        {canWrite && (
          <Stack direction="row" spacing={1} sx={{ mt: 2 }}>
            <Button size="small" onClick={() => setConfirm('rotate')}>Rotate signing secret</Button>
            <Button size="small" color="error" onClick={() => setConfirm('remove')}>Disconnect</Button>
          </Stack>
        )}
        <Confirm
          isOpen={confirm !== null}
          title={confirm === 'remove' ? `Disconnect ${integration.name}?` : 'Rotate the signing secret?'}
          content={confirm === 'remove' ? 'Its credentials and webhook endpoint are deleted.' : 'Deliveries signed with the current secret are refused from now on.'}
          onConfirm={act}
          onClose={() => setConfirm(null)}
        />
      </CardContent>
    </Card>
  );
}

/** The tenant's integrations: connected ones with their webhook endpoint and last delivery, and the types to connect. */
export function IntegrationsPage() {
  const api = useMarketplaceApi();
  const navigate = useNavigate();
  const client = useQueryClient();
  const { canCall: canConnect } = useCanCall('POST', '/marketplace/my/integrations');
  const [connecting, setConnecting] = useState<IntegrationType | null>(null);
  const [secret, setSecret] = useState<string | null>(null);
  const types = useQuery({ queryKey: ['marketplace', 'integration-types'], queryFn: () => api<IntegrationType[]>('/marketplace/integration-types') });
  const mine = useQuery({ queryKey: ['marketplace', 'integrations'], queryFn: () => api<Integration[]>('/marketplace/my/integrations') });
  const refresh = (newSecret?: string) => {
    if (newSecret) setSecret(newSecret);
    void client.invalidateQueries({ queryKey: ['marketplace'] });
  };
  const connected = new Set(mine.data?.map((i) => i.type));
  return (
    <Stack spacing={2} sx={{ mt: 2 }}>
      <Title title="Integrations" />
      {(types.error || mine.error) && <Alert severity="error">{errorText(types.error ?? mine.error)}</Alert>}
      {secret && (
        <Alert severity="warning" onClose={() => setSecret(null)} data-testid="webhook-secret">
          Webhook signing secret (shown once; sign <code>&lt;unix seconds&gt;.&lt;body&gt;</code> with HMAC-SHA256 in <code>X-Platform-Signature: t=&lt;unix seconds&gt;,sha256=&lt;hex&gt;</code>; deliveries more than 300 s old are refused): <code>{secret}</code>
        </Alert>
      )}
      {mine.data?.map((i) => <IntegrationCard key={i.id} integration={i} onChanged={refresh} />)}
      <Typography variant="h6">Available</Typography>
      {types.data && types.data.every((t) => connected.has(t.id)) && <Typography color="text.secondary">Every available integration is connected.</Typography>}
      {types.data?.filter((t) => !connected.has(t.id)).map((t) => (
        <Card key={t.id}>
          <CardContent>
            <Stack direction="row" justifyContent="space-between" alignItems="center">
              <Stack>
                <Typography variant="subtitle1">{t.name}</Typography>
                <Typography variant="body2" color="text.secondary">{t.description}</Typography>
              </Stack>
              {t.availability === 'needs_purchase' ? (
                t.addonId ? <Button onClick={() => navigate(`/marketplace/store/${t.addonId}`)}>See in the marketplace</Button> : <Chip label="not on sale" />
              ) : (
                canConnect && <Button variant="contained" onClick={() => setConnecting(t)}>Connect</Button>
              )}
            </Stack>
          </CardContent>
        </Card>
      ))}
      {connecting && (
        <ConnectDialog
          type={connecting}
          onClose={() => setConnecting(null)}
          onConnected={(i) => {
            setConnecting(null);
            refresh(i.webhookSecret);
          }}
        />
      )}
    </Stack>
  );
}
