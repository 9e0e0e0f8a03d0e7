import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Show, TopToolbar, ListButton, useDataProvider, useNotify, useRecordContext } from 'react-admin';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import CardHeader from '@mui/material/CardHeader';
import Chip from '@mui/material/Chip';
import FormControlLabel from '@mui/material/FormControlLabel';
import Skeleton from '@mui/material/Skeleton';
import Switch from '@mui/material/Switch';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import type { PlatformDataProvider } from '../../api/dataProvider.ts';
import { refreshConsole } from '../../layout/refreshConsole.ts';
import { useSession } from '../../layout/useSession.ts';
import { SECRET_MASK, settingsFields, settingsPatch } from './settingsModel.ts';
import { PluginEnabledToggle } from './PluginEnabledToggle.tsx';
import type { PluginRecord } from './types.ts';

interface SettingsResponse {
  plugin: string;
  tenantId: string | null;
  schema: unknown;
  values: Record<string, unknown>;
}

/** Settings form generated from the plugin's settings schema; secrets stay masked until replaced. */
const SettingsCard = ({ name }: { name: string }) => {
  const dataProvider = useDataProvider<PlatformDataProvider>();
  const notify = useNotify();
  const { session } = useSession();
  const settings = useQuery({
    queryKey: ['platform', 'pluginSettings', name, session?.tenant?.id ?? null],
    queryFn: () => dataProvider.api<SettingsResponse>(`/plugins/${encodeURIComponent(name)}/settings`),
    retry: false,
  });
  const [draft, setDraft] = useState<Record<string, unknown>>({});
  const [saving, setSaving] = useState(false);
  useEffect(() => {
    if (settings.data) setDraft(settings.data.values ?? {});
  }, [settings.data]);
  const fields = useMemo(() => settingsFields(settings.data?.schema, settings.data?.values ?? {}), [settings.data]);
  const scopeLabel = session?.tenant ? `for ${session.tenant.name}` : 'platform defaults';

  const save = async () => {
    setSaving(true);
    try {
      const patch = settingsPatch(draft, settings.data?.values ?? {});
      await dataProvider.api(`/plugins/${encodeURIComponent(name)}/settings`, { method: 'PUT', body: patch });
      notify(`Settings saved (${scopeLabel})`, { type: 'success' });
      await settings.refetch();
    } catch (e) {
      notify((e as Error).message, { type: 'error' });
    } finally {
      setSaving(false);
    }
  };

  const set = (key: string, value: unknown) => setDraft((d) => ({ ...d, [key]: value }));
  return (
    <Card>
      <CardHeader title="Settings" subheader={scopeLabel} slotProps={{ title: { variant: 'subtitle1', fontWeight: 600 } }} />
      <CardContent sx={{ pt: 0 }}>
        {settings.isPending ? (
          <Skeleton variant="rounded" height={80} />
        ) : settings.error ? (
          <Alert severity="info">{(settings.error as Error).message}</Alert>
        ) : fields.length === 0 ? (
          <Typography variant="body2" color="text.secondary">
            This plugin has no settings.
          </Typography>
        ) : (
          <Box sx={{ maxWidth: 560 }} component="form" aria-label={`${name} settings`} onSubmit={(e: FormEvent) => { e.preventDefault(); void save(); }}>
            {fields.map((f) => {
              const v = draft[f.key] ?? '';
              if (f.kind === 'boolean')
                return (
                  <FormControlLabel
                    key={f.key}
                    sx={{ display: 'flex' }}
                    control={<Switch checked={!!draft[f.key]} onChange={(e) => set(f.key, e.target.checked)} />}
                    label={f.label}
                  />
                );
              if (f.kind === 'enum')
                return (
                  <TextField key={f.key} select label={f.label} value={v} helperText={f.description} onChange={(e) => set(f.key, e.target.value)} slotProps={{ select: { native: true } }}>
                    <option value="" />
                    {f.options!.map((o) => (
                      <option key={o} value={o}>
                        {o}
                      </option>
                    ))}
                  </TextField>
                );
              return (
                <TextField
                  key={f.key}
                  label={f.label}
                  value={f.kind === 'json' && typeof v === 'object' ? JSON.stringify(v) : String(v)}
                  type={f.kind === 'number' || f.kind === 'integer' ? 'number' : f.secret ? 'password' : 'text'}
                  placeholder={f.defaultValue !== undefined ? String(f.defaultValue) : undefined}
                  helperText={f.secret ? 'Secret: stored encrypted; type a new value to replace it' : f.description}
                  disabled={f.kind === 'json'}
                  autoComplete="off"
                  onFocus={() => draft[f.key] === SECRET_MASK && set(f.key, '')}
                  onBlur={() => f.secret && draft[f.key] === '' && settings.data?.values?.[f.key] === SECRET_MASK && set(f.key, SECRET_MASK)}
                  onChange={(e) => set(f.key, f.kind === 'number' || f.kind === 'integer' ? (e.target.value === '' ? null : Number(e.target.value)) : e.target.value)}
                />
              );
            })}
            <Button type="submit" variant="contained" sx={{ mt: 2 }} disabled={saving || Object.keys(settingsPatch(draft, settings.data?.values ?? {})).length === 0}>
              Save settings
            </Button>
          </Box>
        )}
      </CardContent>
    </Card>
  );
};

interface TenantEnablement {
  tenantId: string;
  slug: string;
  name: string;
  enabled: boolean;
}

/** Every tenant's switch for a tenant-scoped plugin (`GET /api/plugins/:name/tenants`). */
const TenantsCard = ({ name }: { name: string }) => {
  const dataProvider = useDataProvider<PlatformDataProvider>();
  const notify = useNotify();
  const queryClient = useQueryClient();
  const { can } = useSession();
  const list = useQuery({ queryKey: ['platform', 'pluginTenants', name], queryFn: () => dataProvider.api<TenantEnablement[]>(`/plugins/${encodeURIComponent(name)}/tenants`) });
  const [busy, setBusy] = useState<string | null>(null);
  const toggle = async (t: TenantEnablement, enabled: boolean) => {
    setBusy(t.tenantId);
    try {
      await dataProvider.setPluginEnabled(name, t.tenantId, enabled);
      notify(`${name} ${enabled ? 'enabled' : 'disabled'} for ${t.name}`, { type: 'success' });
      await list.refetch();
      await refreshConsole(queryClient);
    } catch (e) {
      notify((e as Error).message, { type: 'error' });
    } finally {
      setBusy(null);
    }
  };
  return (
    <Card>
      <CardHeader title="Tenants" subheader="Where this plugin is enabled" slotProps={{ title: { variant: 'subtitle1', fontWeight: 600 } }} />
      {list.isPending ? (
        <CardContent>
          <Skeleton variant="rounded" height={80} />
        </CardContent>
      ) : list.error ? (
        <CardContent>
          <Alert severity="info">{(list.error as Error).message}</Alert>
        </CardContent>
      ) : (
        <Table size="small" aria-label={`Tenants using ${name}`}>
          <TableBody>
            {(list.data ?? []).map((t) => (
              <TableRow key={t.tenantId}>
                <TableCell>
                  {t.name}{' '}
                  <Typography component="span" variant="caption" color="text.secondary" sx={{ fontFamily: 'monospace' }}>
                    {t.slug}
                  </Typography>
                </TableCell>
                <TableCell align="right">
                  <Switch
                    checked={t.enabled}
                    disabled={!can('plugins.manage') || busy === t.tenantId}
                    onChange={(e) => toggle(t, e.target.checked)}
                    slotProps={{ input: { 'aria-label': `Enable ${name} for ${t.name}` } }}
                  />
                </TableCell>
              </TableRow>
            ))}
            {list.data?.length === 0 && (
              <TableRow>
                <TableCell>No tenants yet.</TableCell>
              </TableRow>
            )}
          </TableBody>
        </Table>
      )}
    </Card>
  );
};

const PluginDetails = () => {
  const p = useRecordContext<PluginRecord>();
  const { session, can } = useSession();
  if (!p) return null;
  return (
    <Box sx={{ p: 2, display: 'grid', gap: 2 }}>
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 1.5, flexWrap: 'wrap' }}>
        <Typography variant="h5" component="h1">
          {p.name}
        </Typography>
        <Chip label={`v${p.version}`} variant="outlined" sx={{ fontFamily: 'monospace' }} />
        <Chip label={p.scope === 'tenant' ? 'Per tenant' : 'Platform-wide'} />
        <Box sx={{ flex: 1 }} />
        <PluginEnabledToggle />
      </Box>
      {p.description && <Typography color="text.secondary">{p.description}</Typography>}
      {p.dependsOn?.length ? (
        <Typography variant="body2">
          Depends on: {p.dependsOn.map((d) => <Chip key={d} label={d} size="small" sx={{ mr: 0.5 }} />)}
        </Typography>
      ) : null}
      <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', lg: '1fr 1fr' }, gap: 2 }}>
        <Card>
          <CardHeader title="Permissions" slotProps={{ title: { variant: 'subtitle1', fontWeight: 600 } }} />
          <Table size="small">
            <TableBody>
              {(p.permissions ?? []).map((perm) => (
                <TableRow key={perm.key}>
                  <TableCell sx={{ fontFamily: 'monospace' }}>{perm.key}</TableCell>
                  <TableCell>{perm.label}</TableCell>
                </TableRow>
              ))}
              {!p.permissions?.length && (
                <TableRow>
                  <TableCell>None</TableCell>
                </TableRow>
              )}
            </TableBody>
          </Table>
        </Card>
        <Card>
          <CardHeader title="Menu items" slotProps={{ title: { variant: 'subtitle1', fontWeight: 600 } }} />
          <Table size="small">
            <TableHead>
              <TableRow>
                <TableCell>Label</TableCell>
                <TableCell>Path</TableCell>
                <TableCell>Section</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {(p.nav ?? []).map((n) => (
                <TableRow key={n.id}>
                  <TableCell>{n.label}</TableCell>
                  <TableCell sx={{ fontFamily: 'monospace' }}>{n.path}</TableCell>
                  <TableCell>{n.section ?? 'platform'}</TableCell>
                </TableRow>
              ))}
              {!p.nav?.length && (
                <TableRow>
                  <TableCell colSpan={3}>None</TableCell>
                </TableRow>
              )}
            </TableBody>
          </Table>
        </Card>
      </Box>
      {p.scope === 'tenant' && session?.user.kind === 'staff' && <TenantsCard name={p.name} />}
      {can('plugins.manage') && p.hasSettings !== false && <SettingsCard name={p.name} />}
    </Box>
  );
};

const PluginShow = () => (
  <Show
    title="Plugin"
    actions={
      <TopToolbar>
        <ListButton label="All plugins" />
      </TopToolbar>
    }
  >
    <PluginDetails />
  </Show>
);

export default PluginShow;
