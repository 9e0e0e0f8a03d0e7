import { useState } from 'react';
import { useDataProvider, useNotify, useRefresh, type DataProvider } from 'react-admin';
import { Link as RouterLink } from 'react-router-dom';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import FormControlLabel from '@mui/material/FormControlLabel';
import Stack from '@mui/material/Stack';
import Switch from '@mui/material/Switch';
import TextField from '@mui/material/TextField';
import ToggleButton from '@mui/material/ToggleButton';
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup';
import Typography from '@mui/material/Typography';
import RocketLaunchIcon from '@mui/icons-material/RocketLaunch';
import type { ConsoleApi } from '@platform/sdk/admin';
import type { FlagRecordView } from './flag-types.ts';
import { DEFAULT_ROLLOUT_DRAFT, draftFieldOfProblem, draftSteps, rolloutRequest, validateRolloutDraft, type RolloutDraft, type RolloutErrors, type RolloutMode } from './rollout-plan.ts';

/**
 * "Start rollout": a staged rollout (steps, default 10 → 25 → 50 → 100 every 24 h) or a gradual one (start
 * and end percentage over a duration, a step every interval), optionally paused when an alert rule fires.
 * The first step applies at once; the `advance-rollouts` job takes the next ones.
 */
export function StartRolloutDialog({ flag, open, onClose }: { flag: Pick<FlagRecordView, 'id' | 'key'>; open: boolean; onClose(): void }) {
  const dataProvider = useDataProvider<DataProvider & ConsoleApi>();
  const notify = useNotify();
  const refresh = useRefresh();
  const [draft, setDraft] = useState<RolloutDraft>(DEFAULT_ROLLOUT_DRAFT);
  const [errors, setErrors] = useState<RolloutErrors>({});
  const [submitted, setSubmitted] = useState(false);
  const [serverError, setServerError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const set = <K extends keyof RolloutDraft>(key: K, value: RolloutDraft[K]) => {
    const next = { ...draft, [key]: value };
    setDraft(next);
    if (submitted) setErrors(validateRolloutDraft(next));
  };
  const close = () => {
    setDraft(DEFAULT_ROLLOUT_DRAFT);
    setErrors({});
    setSubmitted(false);
    setServerError(null);
    onClose();
  };
  const start = async () => {
    setSubmitted(true);
    setServerError(null);
    const found = validateRolloutDraft(draft);
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    try {
      const { path, body } = rolloutRequest(flag.id, draft);
      const rollout = await dataProvider.api<{ steps: number[]; status: string }>(path, { method: 'POST', body });
      notify(`Rollout of ${flag.key} started: ${rollout.steps.join(' → ')}%${rollout.status === 'completed' ? ' (done in one step)' : ''}`, { type: 'success' });
      refresh();
      close();
    } catch (err) {
      const problem = (err as { body?: { field?: unknown; detail?: unknown } }).body;
      const field = draftFieldOfProblem(problem?.field);
      const message = (err as Error).message;
      if (field) setErrors((e) => ({ ...e, [field]: message }));
      setServerError(message);
    } finally {
      setBusy(false);
    }
  };

  const preview = draftSteps(draft);
  const fieldProps = (key: keyof RolloutDraft, label: string) => ({
    label,
    value: draft[key] as string,
    onChange: (e: React.ChangeEvent<HTMLInputElement>) => set(key, e.target.value as never),
    error: !!errors[key],
    helperText: errors[key] ?? ' ',
    inputProps: { 'aria-label': label },
  });

  return (
    <Dialog open={open} onClose={close} fullWidth maxWidth="sm" aria-labelledby="start-rollout-title" onClick={(e) => e.stopPropagation()}>
      <DialogTitle id="start-rollout-title">Start a rollout of {flag.key}</DialogTitle>
      <DialogContent>
        <DialogContentText sx={{ mb: 2 }}>
          The flag is turned on and its rollout percentage set to the first step now; the next steps follow on schedule. Pause, resume, advance or cancel it from Active rollouts.
        </DialogContentText>
        <ToggleButtonGroup exclusive size="small" color="primary" value={draft.mode} onChange={(_, mode: RolloutMode | null) => mode && set('mode', mode)} aria-label="Rollout kind" sx={{ mb: 2 }}>
          <ToggleButton value="staged">Staged steps</ToggleButton>
          <ToggleButton value="gradual">Gradual</ToggleButton>
        </ToggleButtonGroup>
        {draft.mode === 'staged' ? (
          <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2}>
            <TextField {...fieldProps('steps', 'Steps (%)')} placeholder="10, 25, 50, 100" sx={{ flex: 2 }} helperText={errors.steps ?? 'Percentages that never go down, comma-separated'} />
            <TextField {...fieldProps('intervalHours', 'Interval (hours)')} type="number" sx={{ flex: 1 }} />
          </Stack>
        ) : (
          <>
            <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2}>
              <TextField {...fieldProps('startPercentage', 'Start percentage')} type="number" />
              <TextField {...fieldProps('endPercentage', 'End percentage')} type="number" />
            </Stack>
            <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2}>
              <TextField {...fieldProps('durationHours', 'Duration (hours)')} type="number" />
              <TextField {...fieldProps('intervalHours', 'Interval (hours)')} type="number" />
            </Stack>
          </>
        )}
        <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }} data-testid="rollout-preview">
          {preview ? `Steps: ${preview.join(' → ')}%` : 'Steps: —'}
        </Typography>
        <FormControlLabel
          control={<Switch checked={draft.pauseOnAlerts} onChange={(e) => set('pauseOnAlerts', e.target.checked)} />}
          label="Pause when an alert fires"
        />
        {draft.pauseOnAlerts ? (
          <TextField {...fieldProps('alertRules', 'Alert rules')} fullWidth placeholder="checkout.error_rate, rule id…" helperText={errors.alertRules ?? 'Alert rule ids or names, comma-separated'} sx={{ mt: 1 }} />
        ) : null}
        <TextField {...fieldProps('reason', 'Reason (kept in the audit trail)')} fullWidth required sx={{ mt: 2 }} />
        {serverError ? (
          <Alert severity="error" sx={{ mt: 1 }}>
            {serverError}
          </Alert>
        ) : null}
      </DialogContent>
      <DialogActions>
        <Button component={RouterLink} to="/feature-flags/rollouts" onClick={close} sx={{ mr: 'auto' }}>
          Active rollouts
        </Button>
        <Button onClick={close}>Cancel</Button>
        <Button variant="contained" startIcon={<RocketLaunchIcon />} disabled={busy} onClick={() => void start()}>
          Start rollout
        </Button>
      </DialogActions>
    </Dialog>
  );
}

/** The editor's "Start rollout" button (hidden for archived or killed flags, which the API refuses). */
export function StartRolloutButton({ flag }: { flag: Pick<FlagRecordView, 'id' | 'key' | 'archived' | 'killedAt'> }) {
  const [open, setOpen] = useState(false);
  const blocked = flag.archived ? 'Archived flags cannot be rolled out' : flag.killedAt ? 'Killed: restore it first' : null;
  return (
    <>
      <Button size="small" startIcon={<RocketLaunchIcon />} disabled={!!blocked} title={blocked ?? undefined} onClick={() => setOpen(true)}>
        Start rollout
      </Button>
      <StartRolloutDialog flag={flag} open={open} onClose={() => setOpen(false)} />
    </>
  );
}
