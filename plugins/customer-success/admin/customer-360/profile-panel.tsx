import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useNotify } from 'react-admin';
import { useCanCall } from '@platform/sdk/admin/use-can-call';
import type { Customer360PanelProps } from '@platform/sdk/admin';
import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { customerPath, useConsoleApi, usePanelData, when } from './panel-api.ts';
import { QuickActions } from './quick-actions.tsx';

interface Profile {
  tenant: { id: string; name: string; slug: string; status: string; locale: string; primaryDomain: string | null; createdAt?: string };
  tags: string[];
  latestContacts: { id: string; channel: string; summary: string; contactedAt: string }[];
}

/** Profile and tags: who the tenant is, its admin tags (add, remove) and the quick actions. */
export function ProfilePanel({ tenantId }: Customer360PanelProps) {
  const p = usePanelData<Profile>(['profile', tenantId], customerPath(tenantId, '360/profile'));
  const api = useConsoleApi();
  const qc = useQueryClient();
  const notify = useNotify();
  const { canCall: canTag } = useCanCall('PUT', `/customer-success/customers/${tenantId}/tags/:tag`);
  const [draft, setDraft] = useState('');
  const refresh = () => qc.invalidateQueries({ queryKey: ['customer-360', 'profile', tenantId] });
  const change = async (method: 'PUT' | 'DELETE', tag: string) => {
    try {
      await api(customerPath(tenantId, `tags/${encodeURIComponent(tag)}`), { method });
      await refresh();
    } catch (err) {
      notify((err as Error).message, { type: 'error' });
    }
  };
  const t = p.tenant;
  return (
    <Box data-testid="profile-panel">
      <Typography variant="body1" sx={{ fontWeight: 600 }}>
        {t.name} <Typography component="span" variant="caption" sx={{ fontFamily: 'monospace' }}>{t.slug}</Typography>
      </Typography>
      <Typography variant="body2" color="text.secondary">
        {t.status} · {t.locale}
        {t.primaryDomain ? ` · ${t.primaryDomain}` : ''}
        {t.createdAt ? ` · customer since ${new Date(t.createdAt).toLocaleDateString()}` : ''}
      </Typography>
      <Stack direction="row" spacing={1} sx={{ my: 1, flexWrap: 'wrap', gap: 0.5 }}>
        {p.tags.length === 0 ? <Typography variant="body2">No tags</Typography> : null}
        {p.tags.map((tag) => (
          <Chip key={tag} size="small" color={tag === 'vip' ? 'secondary' : 'default'} label={tag} onDelete={canTag ? () => change('DELETE', tag) : undefined} />
        ))}
      </Stack>
      {canTag ? (
        <TextField
          size="small"
          label="Add a tag (vip, high-touch...)"
          value={draft}
          onChange={(e) => setDraft(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && draft.trim()) {
              void change('PUT', draft.trim().toLowerCase());
              setDraft('');
            }
          }}
          fullWidth
        />
      ) : null}
      {p.latestContacts[0] ? (
        <Typography variant="body2" sx={{ mt: 1 }}>
          Last contact: {p.latestContacts[0].channel}, {when(p.latestContacts[0].contactedAt)} — {p.latestContacts[0].summary}
        </Typography>
      ) : (
        <Typography variant="body2" sx={{ mt: 1 }}>No contact logged yet</Typography>
      )}
      <QuickActions tenantId={tenantId} status={t.status} />
    </Box>
  );
}
