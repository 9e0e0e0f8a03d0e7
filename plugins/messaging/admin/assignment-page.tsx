import { useEffect, useMemo, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Title, useGetList, useNotify } from 'react-admin';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import IconButton from '@mui/material/IconButton';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import ListItemText from '@mui/material/ListItemText';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import ArrowUpward from '@mui/icons-material/ArrowUpward';
import ArrowDownward from '@mui/icons-material/ArrowDownward';
import Close from '@mui/icons-material/Close';
import { useCanCall } from '@platform/sdk/admin/use-can-call';
import { dropped, moved } from './failover-order.ts';
import { CHANNEL_CHOICES, errorText, useMessagingApi, type Assignment, type Channel, type ProviderConfig } from './messaging-api.ts';

const PLATFORM = '__platform__';
const filterQuery = (f: Record<string, unknown>) => `filter=${encodeURIComponent(JSON.stringify(f))}`;


/**
 * Which provider configurations carry a tenant's messages, per channel, in failover order: the first takes
 * each message, the next one takes it when that one fails. Tenants without an order use the platform default.
 */
/** The page picks its tenant itself (the platform default included), whatever tenant the switcher has selected. */
const ACROSS_TENANTS = { tenant: '*' };

export function AssignmentPage() {
  const api = useMessagingApi();
  const notify = useNotify();
  const queryClient = useQueryClient();
  const [tenant, setTenant] = useState<string>(PLATFORM);
  const [channel, setChannel] = useState<Channel>('sms');
  const [order, setOrder] = useState<string[]>([]);
  const [dragged, setDragged] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  const { canCall: canSave } = useCanCall('PUT', '/messaging/assignments');
  const tenants = useGetList('tenants', { pagination: { page: 1, perPage: 200 }, sort: { field: 'slug', order: 'ASC' } });
  const configs = useQuery({ queryKey: ['messaging', 'providers', 'all'], queryFn: () => api<ProviderConfig[]>(`/messaging/providers?range=${encodeURIComponent('[0,499]')}`) });
  const tenantId = tenant === PLATFORM ? null : tenant;
  const current = useQuery({
    queryKey: ['messaging', 'assignment', tenantId, channel],
    queryFn: () => api<Assignment[]>(`/messaging/assignments?${filterQuery({ tenantId, channel })}`, ACROSS_TENANTS),
  });
  const all = useQuery({ queryKey: ['messaging', 'assignments'], queryFn: () => api<Assignment[]>(`/messaging/assignments?range=${encodeURIComponent('[0,499]')}`, ACROSS_TENANTS) });
  useEffect(() => setOrder(current.data?.[0]?.providerConfigIds ?? []), [current.data]);
  const byId = useMemo(() => new Map((configs.data ?? []).map((c) => [c.id, c])), [configs.data]);
  const tenantName = (id: string | null) => (id === null ? 'Platform default' : tenants.data?.find((t) => t.id === id)?.name ?? id);
  const addable = (configs.data ?? []).filter((c) => c.channel === channel && !order.includes(c.id));
  const save = async () => {
    setBusy(true);
    try {
      await api('/messaging/assignments', { method: 'PUT', body: { tenantId, channel, providerConfigIds: order }, ...ACROSS_TENANTS });
      notify('Failover order saved', { type: 'success' });
      await queryClient.invalidateQueries({ queryKey: ['messaging'] });
    } catch (err) {
      notify(errorText(err), { type: 'error' });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Stack spacing={2} sx={{ mt: 2 }}>
      <Title title="Provider assignments" />
      <Card>
        <CardContent>
          <Stack direction="row" spacing={2} sx={{ mb: 2 }}>
            <TextField select label="Tenant" data-testid="assignment-tenant" value={tenant} onChange={(e) => setTenant(e.target.value)} sx={{ minWidth: 260 }}>
              <MenuItem value={PLATFORM}>Platform default</MenuItem>
              {(tenants.data ?? []).map((t) => <MenuItem key={t.id} value={String(t.id)}>{t.name ?? t.slug}</MenuItem>)}
            </TextField>
            <TextField select label="Channel" value={channel} onChange={(e) => setChannel(e.target.value as Channel)} sx={{ minWidth: 140 }}>
              {CHANNEL_CHOICES.map((c) => <MenuItem key={c.id} value={c.id}>{c.name}</MenuItem>)}
            </TextField>
          </Stack>
          <Typography variant="subtitle2">Failover order (drag, or use the arrows)</Typography>
          {current.error && <Alert severity="error">{errorText(current.error)}</Alert>}
          {order.length === 0 ? (
            <Typography color="text.secondary" sx={{ my: 2 }}>
              {tenantId ? 'No order of its own: this tenant uses the platform default.' : 'No default order: tenants without their own cannot send on this channel.'}
            </Typography>
          ) : (
            <List dense data-testid="failover-order">
              {order.map((id, i) => (
                <ListItem
                  key={id}
                  draggable={canSave}
                  onDragStart={() => setDragged(i)}
                  onDragOver={(e) => e.preventDefault()}
                  onDrop={() => {
                    if (dragged !== null) setOrder(dropped(order, dragged, i));
                    setDragged(null);
                  }}
                  sx={{ border: 1, borderColor: 'divider', borderRadius: 1, mb: 0.5, cursor: canSave ? 'grab' : 'default' }}
                  secondaryAction={canSave && (
                    <>
                      <IconButton size="small" aria-label="Move up" disabled={i === 0} onClick={() => setOrder(moved(order, i, -1))}><ArrowUpward fontSize="small" /></IconButton>
                      <IconButton size="small" aria-label="Move down" disabled={i === order.length - 1} onClick={() => setOrder(moved(order, i, 1))}><ArrowDownward fontSize="small" /></IconButton>
                      <IconButton size="small" aria-label="Remove" onClick={() => setOrder(order.filter((x) => x !== id))}><Close fontSize="small" /></IconButton>
                    </>
                  )}
                >
                  <ListItemText primary={`${i + 1}. ${byId.get(id)?.name ?? id}`} secondary={byId.get(id) ? `${byId.get(id)!.providerName ?? byId.get(id)!.providerId}${byId.get(id)!.enabled ? '' : ' · disabled'}` : 'unknown configuration'} />
                </ListItem>
              ))}
            </List>
          )}
          {canSave && (
            <Stack direction="row" spacing={2} alignItems="center" sx={{ mt: 1 }}>
              <TextField select size="small" label="Add a provider" value="" onChange={(e) => setOrder([...order, e.target.value])} sx={{ minWidth: 260 }} disabled={addable.length === 0}>
                {addable.map((c) => <MenuItem key={c.id} value={c.id}>{c.name}</MenuItem>)}
              </TextField>
              <Button variant="contained" disabled={busy || order.length === 0} onClick={save}>Save order</Button>
            </Stack>
          )}
        </CardContent>
      </Card>
      <Card>
        <CardContent>
          <Typography variant="subtitle1" gutterBottom>All assignments</Typography>
          {all.error && <Alert severity="error">{errorText(all.error)}</Alert>}
          {all.data?.length === 0 && <Typography color="text.secondary">None yet.</Typography>}
          {(all.data ?? []).map((a) => (
            <Typography key={a.id} variant="body2" sx={{ cursor: 'pointer' }} onClick={() => { setTenant(a.tenantId ?? PLATFORM); setChannel(a.channel); }}>
              {tenantName(a.tenantId)} · {a.channel}: {a.providerConfigIds.map((id) => byId.get(id)?.name ?? id).join(' → ')}
            </Typography>
          ))}
        </CardContent>
      </Card>
    </Stack>
  );
}
