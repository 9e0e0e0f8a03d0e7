import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useNotify } from 'react-admin';
import { useCanCall } from '@platform/sdk/admin/use-can-call';
import type { Customer360PanelProps } from '@platform/sdk/admin';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import ListItemText from '@mui/material/ListItemText';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { customerPath, useConsoleApi, usePanelData, when } from './panel-api.ts';

interface Note {
  id: string;
  body: string;
  authorLabel: string | null;
  createdAt: string;
}
interface Contact {
  id: string;
  channel: string;
  summary: string;
  contactedAt: string;
  authorLabel: string | null;
}

const CHANNELS = ['phone', 'meeting', 'email', 'chat', 'other'];

/** Internal notes (staff only; on a user's page, the notes on that user) and the contact log, with forms to add to both. */
export function NotesPanel({ tenantId, userId }: Customer360PanelProps) {
  const notesPath = customerPath(tenantId, userId ? `notes?userId=${userId}` : 'notes');
  const notes = usePanelData<Note[]>(['notes', tenantId, userId], notesPath);
  const contacts = usePanelData<Contact[]>(['contacts', tenantId], customerPath(tenantId, 'contacts'));
  const { canCall: canWrite } = useCanCall('POST', `/customer-success/customers/${tenantId}/notes`);
  const api = useConsoleApi();
  const qc = useQueryClient();
  const notify = useNotify();
  const [note, setNote] = useState('');
  const [contact, setContact] = useState({ channel: 'phone', summary: '' });
  const post = async (path: string, body: unknown, key: string) => {
    try {
      await api(customerPath(tenantId, path), { method: 'POST', body });
      await qc.invalidateQueries({ queryKey: ['customer-360', key, tenantId] });
      return true;
    } catch (err) {
      notify((err as Error).message, { type: 'error' });
      return false;
    }
  };
  return (
    <Box data-testid="notes-panel">
      <Typography variant="overline">Internal notes (staff only)</Typography>
      {notes.length === 0 ? <Typography variant="body2">No notes yet</Typography> : null}
      <List dense disablePadding>
        {notes.slice(0, 10).map((n) => (
          <ListItem key={n.id} disableGutters>
            <ListItemText primary={n.body} secondary={`${n.authorLabel ?? 'someone'} · ${when(n.createdAt)}`} />
          </ListItem>
        ))}
      </List>
      {canWrite ? (
        <Stack direction="row" spacing={1} sx={{ mb: 2 }}>
          <TextField size="small" label="New note" value={note} onChange={(e) => setNote(e.target.value)} fullWidth />
          <Button size="small" variant="contained" disabled={!note.trim()} onClick={async () => (await post('notes', { body: note, ...(userId ? { userId } : {}) }, 'notes')) && setNote('')}>
            Add
          </Button>
        </Stack>
      ) : null}
      <Typography variant="overline">Contact log</Typography>
      {contacts.length === 0 ? <Typography variant="body2">No contact logged</Typography> : null}
      <List dense disablePadding>
        {contacts.slice(0, 10).map((c) => (
          <ListItem key={c.id} disableGutters>
            <ListItemText primary={`${c.channel}: ${c.summary}`} secondary={`${c.authorLabel ?? 'someone'} · ${when(c.contactedAt)}`} />
          </ListItem>
        ))}
      </List>
      {canWrite ? (
        <Stack direction="row" spacing={1}>
          <TextField select size="small" label="Channel" value={contact.channel} onChange={(e) => setContact((c) => ({ ...c, channel: e.target.value }))} sx={{ minWidth: 110 }}>
            {CHANNELS.map((c) => (
              <MenuItem key={c} value={c}>
                {c}
              </MenuItem>
            ))}
          </TextField>
          <TextField size="small" label="Summary" value={contact.summary} onChange={(e) => setContact((c) => ({ ...c, summary: e.target.value }))} fullWidth />
          <Button size="small" variant="contained" disabled={!contact.summary.trim()} onClick={async () => (await post('contacts', contact, 'contacts')) && setContact({ channel: 'phone', summary: '' })}>
            Log
          </Button>
        </Stack>
      ) : null}
    </Box>
  );
}
