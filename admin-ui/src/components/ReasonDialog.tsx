import { useEffect, useState, type FormEvent } from 'react';
import Button from '@mui/material/Button';
import CircularProgress from '@mui/material/CircularProgress';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import TextField from '@mui/material/TextField';

export interface ReasonDialogProps {
  open: boolean;
  title: string;
  description?: string;
  /** The confirm button's text, e.g. "Suspend". */
  actionLabel: string;
  color?: 'primary' | 'error' | 'warning' | 'success';
  onConfirm(reason: string): Promise<unknown> | void;
  onClose(): void;
}

/** A confirmation that requires a reason (it goes into the audit trail). */
export const ReasonDialog = ({ open, title, description, actionLabel, color = 'primary', onConfirm, onClose }: ReasonDialogProps) => {
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (open) {
      setReason('');
      setBusy(false);
    }
  }, [open]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    e.stopPropagation();
    if (!reason.trim()) return;
    setBusy(true);
    try {
      await onConfirm(reason.trim());
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog open={open} onClose={busy ? undefined : onClose} fullWidth maxWidth="xs" aria-labelledby="reason-dialog-title" onClick={(e) => e.stopPropagation()}>
      <form onSubmit={submit}>
        <DialogTitle id="reason-dialog-title">{title}</DialogTitle>
        <DialogContent>
          {description && <DialogContentText sx={{ mb: 1 }}>{description}</DialogContentText>}
          <TextField
            label="Reason"
            name="reason"
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            required
            autoFocus
            fullWidth
            multiline
            minRows={2}
            variant="outlined"
            helperText="Recorded in the audit log"
            disabled={busy}
            slotProps={{ htmlInput: { maxLength: 1000 } }}
          />
        </DialogContent>
        <DialogActions sx={{ px: 3, pb: 2 }}>
          <Button onClick={onClose} disabled={busy}>
            Cancel
          </Button>
          <Button type="submit" variant="contained" color={color} disabled={busy || !reason.trim()} startIcon={busy ? <CircularProgress size={16} color="inherit" /> : undefined}>
            {actionLabel}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
};
