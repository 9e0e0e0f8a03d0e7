import { useState } from 'react';
import { useNotify, useRefresh } from 'react-admin';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import IconButton from '@mui/material/IconButton';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import DeleteIcon from '@mui/icons-material/Delete';
import { useIncidentsApi, type ActionItem, type Postmortem } from './incidents-api.ts';

const FIELDS = [
  ['whatHappened', 'What happened'],
  ['impact', 'Impact (users affected, duration, revenue)'],
  ['rootCause', 'Root cause (5 whys)'],
  ['lessonsLearned', "What we'll do differently"],
] as const;

/** Postmortem: what happened, impact, root cause, lessons, action items with owner, due date and status. */
export function PostmortemForm({ incidentId, postmortem, required }: { incidentId: string; postmortem: Postmortem | null; required: boolean }) {
  const api = useIncidentsApi();
  const notify = useNotify();
  const refresh = useRefresh();
  const [draft, setDraft] = useState<Record<string, string>>(() => Object.fromEntries(FIELDS.map(([k]) => [k, postmortem?.[k] ?? ''])));
  const [items, setItems] = useState<ActionItem[]>(postmortem?.actionItems ?? []);
  const save = async () => {
    try {
      await api(`/incidents/incidents/${incidentId}/postmortem`, {
        method: 'PUT',
        body: { ...Object.fromEntries(FIELDS.map(([k]) => [k, draft[k] || null])), actionItems: items.filter((i) => i.title && i.owner).map((i) => ({ ...i, dueDate: i.dueDate || null })) },
      });
      notify('Postmortem saved', { type: 'success' });
      refresh();
    } catch (err) {
      notify((err as Error).message, { type: 'error' });
    }
  };
  const setItem = (i: number, patch: Partial<ActionItem>) => setItems(items.map((it, j) => (j === i ? { ...it, ...patch } : it)));
  return (
    <Stack spacing={2}>
      {required && <Typography color="warning.main">Required before this incident can be resolved (what happened and root cause).</Typography>}
      {FIELDS.map(([k, label]) => (
        <TextField key={k} label={label} multiline minRows={2} value={draft[k]} onChange={(e) => setDraft({ ...draft, [k]: e.target.value })} />
      ))}
      <Typography variant="subtitle2">Action items</Typography>
      {items.map((it, i) => (
        <Box key={i} sx={{ display: 'flex', gap: 1, alignItems: 'center', flexWrap: 'wrap' }}>
          <TextField size="small" label="Title" value={it.title} onChange={(e) => setItem(i, { title: e.target.value })} />
          <TextField size="small" label="Owner" value={it.owner} onChange={(e) => setItem(i, { owner: e.target.value })} />
          <TextField size="small" type="date" label="Due" InputLabelProps={{ shrink: true }} value={it.dueDate ?? ''} onChange={(e) => setItem(i, { dueDate: e.target.value })} />
          <TextField size="small" select label="Status" value={it.status} onChange={(e) => setItem(i, { status: e.target.value as ActionItem['status'] })}>
            {['open', 'in_progress', 'done'].map((s) => (
              <MenuItem key={s} value={s}>{s}</MenuItem>
            ))}
          </TextField>
          <IconButton aria-label="Remove" onClick={() => setItems(items.filter((_, j) => j !== i))}>
            <DeleteIcon fontSize="small" />
          </IconButton>
        </Box>
      ))}
      <Box>
        <Button size="small" onClick={() => setItems([...items, { title: '', owner: '', dueDate: null, status: 'open' }])}>Add action item</Button>
      </Box>
      <Box>
        <Button variant="contained" onClick={save}>Save postmortem</Button>
        {postmortem && <Typography variant="caption" sx={{ ml: 2 }}>Last saved by {postmortem.updatedByLabel} at {new Date(postmortem.updatedAt).toLocaleString()}</Typography>}
      </Box>
    </Stack>
  );
}
