import { useState, type ReactNode } from 'react';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import TextField from '@mui/material/TextField';

/** Every flag change needs a reason (it lands in the audit trail): this dialog asks for it. */
export function ReasonDialog(props: {
  open: boolean;
  title: string;
  description?: ReactNode;
  confirmLabel: string;
  danger?: boolean;
  onConfirm(reason: string): Promise<unknown> | void;
  onClose(): void;
}) {
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const confirm = async () => {
    setBusy(true);
    try {
      await props.onConfirm(reason.trim());
      setReason('');
      props.onClose();
    } finally {
      setBusy(false);
    }
  };
  return (
    // React events bubble through the portal to where the dialog is rendered: keep them from reaching a
    // clickable row (the flag list's rows open the editor), which would navigate away on "Turn on".
    <Dialog open={props.open} onClose={props.onClose} fullWidth maxWidth="sm" onClick={(e) => e.stopPropagation()}>
      <DialogTitle>{props.title}</DialogTitle>
      <DialogContent>
        {props.description ? <DialogContentText sx={{ mb: 2 }}>{props.description}</DialogContentText> : null}
        <TextField
          autoFocus
          fullWidth
          required
          label="Reason (kept in the audit trail)"
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && reason.trim() && !busy) void confirm();
          }}
        />
      </DialogContent>
      <DialogActions>
        <Button onClick={props.onClose}>Cancel</Button>
        <Button variant="contained" color={props.danger ? 'error' : 'primary'} disabled={!reason.trim() || busy} onClick={() => void confirm()}>
          {props.confirmLabel}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
