import type { ReactNode } from 'react';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';

/** The common frame of a step page: title, general error, the form, and the Save / Skip buttons. */
export function StepPageFrame(props: {
  title: string;
  description: string | null;
  error?: string;
  children: ReactNode;
  onSave?: () => void;
  saveLabel?: string;
  saveDisabled?: boolean;
  busy: boolean;
}) {
  return (
    <Stack spacing={2} data-testid="wizard-step-page">
      <div>
        <Typography variant="h5">{props.title}</Typography>
        {props.description && <Typography color="text.secondary">{props.description}</Typography>}
      </div>
      {props.error && <Alert severity="error" data-testid="wizard-step-error">{props.error}</Alert>}
      {props.children}
      {props.onSave && (
        <Stack direction="row" spacing={1}>
          <Button variant="contained" onClick={props.onSave} disabled={props.busy || props.saveDisabled} data-testid="wizard-save">{props.saveLabel ?? 'Save and continue'}</Button>
        </Stack>
      )}
    </Stack>
  );
}
