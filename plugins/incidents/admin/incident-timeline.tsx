import { useState } from 'react';
import { useNotify, useRefresh } from 'react-admin';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import ListItemText from '@mui/material/ListItemText';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useIncidentsApi, type TimelineEntry } from './incidents-api.ts';

/** The append-only timeline: entries are never edited; a correction is a new entry pointing at the old one. */
export function IncidentTimeline({ incidentId, entries }: { incidentId: string; entries: TimelineEntry[] }) {
  const api = useIncidentsApi();
  const notify = useNotify();
  const refresh = useRefresh();
  const [message, setMessage] = useState('');
  const [correcting, setCorrecting] = useState<TimelineEntry | null>(null);
  const corrected = new Set(entries.map((e) => e.correctsEntryId).filter(Boolean));
  const submit = async () => {
    try {
      await api(`/incidents/incidents/${incidentId}/timeline`, { method: 'POST', body: correcting ? { message, entryType: 'correction', correctsEntryId: correcting.id } : { message } });
      setMessage('');
      setCorrecting(null);
      refresh();
    } catch (err) {
      notify((err as Error).message, { type: 'error' });
    }
  };
  return (
    <Box>
      <List dense>
        {entries.map((e) => (
          <ListItem
            key={e.id}
            secondaryAction={e.entryType === 'manual' ? <Button size="small" onClick={() => setCorrecting(e)}>Correct</Button> : undefined}
            sx={{ opacity: corrected.has(e.id) ? 0.6 : 1 }}
          >
            <ListItemText
              primary={
                <>
                  <Chip size="small" label={e.entryType.replace('_', ' ')} sx={{ mr: 1 }} />
                  {e.message}
                </>
              }
              secondary={`${new Date(e.at).toLocaleString()} · ${e.author}${corrected.has(e.id) ? ' · corrected below' : ''}`}
            />
          </ListItem>
        ))}
      </List>
      {correcting && (
        <Typography variant="caption">
          Correcting: “{correcting.message}” <Button size="small" onClick={() => setCorrecting(null)}>cancel</Button>
        </Typography>
      )}
      <Box sx={{ display: 'flex', gap: 1, mt: 1 }}>
        <TextField fullWidth size="small" label={correcting ? 'Correction' : 'Add an update'} value={message} onChange={(e) => setMessage(e.target.value)} />
        <Button variant="contained" disabled={!message.trim()} onClick={submit}>
          Add
        </Button>
      </Box>
    </Box>
  );
}
