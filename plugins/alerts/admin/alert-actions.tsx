import { useState } from 'react';
import { useNotify, useRedirect, useRefresh } from 'react-admin';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import { useAlertsApi, type AlertRow } from './alerts-api.ts';
import { useCanCall } from '@platform/sdk/admin/use-can-call';

const OPEN = ['firing', 'no_data', 'error'];
const EXPIRY = [30, 60, 120, 240, 720, 1440];

/** Acknowledge (comment + expiry, stops repeat notifications), resolve by hand, open an incident from the alert. */
export function AlertActionButtons({ alert }: { alert: AlertRow }) {
  const api = useAlertsApi();
  const notify = useNotify();
  const refresh = useRefresh();
  const redirect = useRedirect();
  const [ackOpen, setAckOpen] = useState(false);
  const [comment, setComment] = useState('');
  const [minutes, setMinutes] = useState(60);
  const [busy, setBusy] = useState(false);
  const canAcknowledge = useCanCall('POST', '/alerts/active/:id/acknowledge').canCall;
  const canResolve = useCanCall('POST', '/alerts/active/:id/resolve').canCall;
  const canOpenIncident = useCanCall('POST', '/incidents/incidents/from-alert').canCall;
  const open = OPEN.includes(alert.state) && alert.firingSince !== null;
  const run = async (what: string, call: () => Promise<unknown>) => {
    setBusy(true);
    try {
      await call();
      notify(what, { type: 'success' });
      refresh();
    } catch (err) {
      notify((err as Error).message, { type: 'error' });
    } finally {
      setBusy(false);
    }
  };
  const stop = (e: React.MouseEvent) => e.stopPropagation();
  return (
    <Stack direction="row" spacing={1} onClick={stop}>
      {canAcknowledge && open && !alert.acknowledgement && (
        <Button size="small" variant="outlined" disabled={busy} onClick={() => setAckOpen(true)}>
          Acknowledge
        </Button>
      )}
      {canResolve && open && (
        <Button size="small" disabled={busy} onClick={() => run('Alert resolved', () => api(`/alerts/active/${alert.id}/resolve`, { method: 'POST', body: {} }))}>
          Resolve
        </Button>
      )}
      {canOpenIncident && <Button
        size="small"
        disabled={busy}
        onClick={async () => {
          try {
            const incident = await api<{ id: string; created: boolean }>('/incidents/incidents/from-alert', { method: 'POST', body: { alertId: alert.id } });
            notify(incident.created ? 'Incident opened' : 'This alert already has an incident', { type: 'info' });
            redirect(`/incidents/incidents/${incident.id}/show`);
          } catch (err) {
            notify((err as Error).message, { type: 'error' });
          }
        }}
      >
        Create incident
      </Button>}
      <Dialog open={ackOpen} onClose={() => setAckOpen(false)} onClick={stop}>
        <DialogTitle>Acknowledge “{alert.ruleName}”</DialogTitle>
        <DialogContent>
          <TextField autoFocus fullWidth multiline margin="dense" label="Comment" value={comment} onChange={(e) => setComment(e.target.value)} helperText="Who is on it and what they are doing" />
          <TextField select fullWidth margin="dense" label="Silence repeats for" value={minutes} onChange={(e) => setMinutes(Number(e.target.value))}>
            {EXPIRY.map((m) => (
              <MenuItem key={m} value={m}>{m < 60 ? `${m} minutes` : `${m / 60} hour${m > 60 ? 's' : ''}`}</MenuItem>
            ))}
          </TextField>
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setAckOpen(false)}>Cancel</Button>
          <Button
            variant="contained"
            disabled={!comment.trim() || busy}
            onClick={() => {
              setAckOpen(false);
              void run('Alert acknowledged', () => api(`/alerts/active/${alert.id}/acknowledge`, { method: 'POST', body: { comment, expiresInMinutes: minutes } }));
            }}
          >
            Acknowledge
          </Button>
        </DialogActions>
      </Dialog>
    </Stack>
  );
}
