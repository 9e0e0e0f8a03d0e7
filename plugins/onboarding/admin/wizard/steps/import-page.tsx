import { useEffect, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import LinearProgress from '@mui/material/LinearProgress';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import type { OnboardingStepPageProps } from '@platform/sdk/admin/onboarding-step-pages';
import { StepPageFrame } from '../step-page-frame.tsx';
import { useWizardApi, WIZARD_API } from '../wizard-api.ts';

interface ImportState {
  status: 'running' | 'completed' | 'failed';
  total: number;
  processed: number;
  error: string | null;
}

/**
 * Step 6: starts the import job and shows its progress, polled from the server (the page can be closed and
 * reopened: the progress lives in the database).
 */
export function ImportPage({ step, answers, status, errors, save, next, busy }: OnboardingStepPageProps) {
  const api = useWizardApi();
  const [sinceDays, setSinceDays] = useState(String(answers.sinceDays ?? 365));
  const initial = (status as { import?: ImportState | null }).import ?? null;
  const progress = useQuery({
    queryKey: ['onboarding', 'import-progress'],
    queryFn: async () => (await api<{ import: ImportState | null }>(`${WIZARD_API}/steps/import/status`)).import,
    initialData: initial,
    refetchInterval: (q) => (q.state.data?.status === 'running' ? 1000 : false),
  });
  const run = progress.data;
  useEffect(() => {
    if (initial?.status === 'running' && run?.status !== 'running') void progress.refetch();
  }, [initial?.status]); // eslint-disable-line react-hooks/exhaustive-deps
  const percent = run && run.total > 0 ? Math.min(100, Math.round((run.processed / run.total) * 100)) : run?.status === 'completed' ? 100 : 0;
  const start = async () => {
    await save({ source: 'shopify', sinceDays: Number(sinceDays) }, { stay: true });
    await progress.refetch();
  };
  return (
    <StepPageFrame title={step.title} description={step.description} error={errors._ ?? errors.source} busy={busy}>
      <Stack direction="row" spacing={1} alignItems="flex-start">
        <TextField label="Import orders of the last (days)" value={sinceDays} onChange={(e) => setSinceDays(e.target.value.replace(/\D/g, ''))} error={!!errors.sinceDays} helperText={errors.sinceDays} inputProps={{ 'data-testid': 'field-since-days' }} />
        <Button variant="contained" onClick={() => void start()} disabled={busy || run?.status === 'running'} data-testid="import-start">{run ? 'Import again' : 'Start import'}</Button>
      </Stack>
      {run && (
        <Stack spacing={1} data-testid="import-progress">
          <LinearProgress variant="determinate" value={percent} />
          <Typography variant="body2" data-testid="import-progress-text">
            {run.status === 'completed' ? `Done: ${run.processed} orders imported` : run.status === 'failed' ? `Failed after ${run.processed} orders` : `${run.processed} of ${run.total} orders (${percent}%)`}
          </Typography>
          {run.status === 'failed' && <Alert severity="error">{run.error}</Alert>}
          {run.status === 'running' && <Typography variant="body2" color="text.secondary">You can leave this page: the import goes on and its progress is kept.</Typography>}
        </Stack>
      )}
      {run && <Button onClick={next} sx={{ alignSelf: 'flex-start' }} data-testid="import-continue">Continue</Button>}
    </StepPageFrame>
  );
}
