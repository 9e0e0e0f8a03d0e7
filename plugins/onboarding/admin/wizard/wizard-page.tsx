import { useState, type ComponentType } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Title } from 'react-admin';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import LinearProgress from '@mui/material/LinearProgress';
import Skeleton from '@mui/material/Skeleton';
import Stack from '@mui/material/Stack';
import Step from '@mui/material/Step';
import StepButton from '@mui/material/StepButton';
import Stepper from '@mui/material/Stepper';
import Typography from '@mui/material/Typography';
import { onboardingStepPage, type OnboardingStepPageProps } from '@platform/sdk/admin/onboarding-step-pages';
import { GenericStepPage } from './generic-step-page.tsx';
import { LaunchPage } from './launch-page.tsx';
import { errorText, fieldErrorsOf, useWizardApi, WIZARD_API, type SessionView } from './wizard-api.ts';

const LAUNCH = 'launch';
const SESSION_KEY = ['onboarding', 'wizard-session'];

/**
 * The brand onboarding wizard: a stepper over the steps the API lists (contributed by plugins), the page of the
 * session's current step (registered in `@platform/sdk/admin/onboarding-step-pages`, or a form from its schema),
 * field errors from the server, Skip where allowed, and the launch checklist last. Everything comes from the
 * server's session, so a reload or another browser opens the same step with the same answers.
 */
export function WizardPage() {
  const api = useWizardApi();
  const queryClient = useQueryClient();
  const session = useQuery({ queryKey: SESSION_KEY, queryFn: () => api<SessionView>(`${WIZARD_API}/session`) });
  const [viewing, setViewing] = useState<string | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const s = session.data;
  const current = viewing ?? s?.currentStep ?? null;
  const status = useQuery({
    queryKey: ['onboarding', 'wizard-status', current],
    enabled: !!current && current !== LAUNCH,
    queryFn: () => api<Record<string, unknown>>(`${WIZARD_API}/steps/${current}/status`),
  });

  const apply = (next: SessionView, stayOn: string | null) => {
    queryClient.setQueryData(SESSION_KEY, next);
    setViewing(stayOn);
    setErrors({});
  };
  const act = async (fn: () => Promise<void>) => {
    setBusy(true);
    try {
      await fn();
    } catch (err) {
      setErrors(fieldErrorsOf(err));
    } finally {
      setBusy(false);
    }
  };
  const save = (answers: Record<string, unknown>, options?: { stay?: boolean }) =>
    act(async () => {
      const stepId = current!;
      const next = await api<SessionView>(`${WIZARD_API}/steps/${stepId}`, { method: 'PUT', body: { answers } });
      apply(next, options?.stay ? stepId : null);
      await queryClient.invalidateQueries({ queryKey: ['onboarding', 'wizard-status'] });
    });
  const skip = () => act(async () => apply(await api<SessionView>(`${WIZARD_API}/steps/${current}/skip`, { method: 'POST', body: {} }), null));
  const goTo = (stepId: string) => act(async () => apply(await api<SessionView>(`${WIZARD_API}/current`, { method: 'PUT', body: { step: stepId } }), null));
  const reload = async () => {
    await Promise.all([session.refetch(), status.refetch()]);
  };

  if (session.error) return <Alert severity="error" sx={{ mt: 2 }}>{errorText(session.error)}</Alert>;
  if (!s || !current) return <Skeleton height={300} sx={{ mt: 2 }} />;
  // A step's page starts from its answers and its live state: it mounts once both are here.
  const statusReady = current === LAUNCH || status.isSuccess || status.isError;

  const steps = [...s.steps, { id: LAUNCH, title: 'Review & launch', skippable: false, state: current === LAUNCH ? 'current' : 'todo', description: null, schema: {}, order: Number.MAX_SAFE_INTEGER }];
  const activeIndex = steps.findIndex((x) => x.id === current);
  const firstOpen = s.steps.find((x) => !s.completedSteps.includes(x.id) && !s.skippedSteps.includes(x.id))?.id ?? LAUNCH;
  const reachable = (id: string) => s.status !== 'completed' && (s.completedSteps.includes(id) || s.skippedSteps.includes(id) || id === firstOpen);
  const settled = s.completedSteps.length + s.skippedSteps.length;
  const step = s.steps.find((x) => x.id === current);
  const Page = (step && (onboardingStepPage(step.id) as ComponentType<OnboardingStepPageProps> | undefined)) ?? GenericStepPage;
  const previous = activeIndex > 0 ? steps[activeIndex - 1] : null;

  return (
    <Box sx={{ mt: 2 }} data-testid="onboarding-wizard" data-current-step={current}>
      <Title title="Set up your brand" />
      <Card>
        <CardContent>
          <Stack spacing={1} sx={{ mb: 3 }}>
            <Typography variant="overline">Step {activeIndex + 1} of {steps.length}</Typography>
            <LinearProgress variant="determinate" value={Math.round((settled / s.steps.length) * 100)} data-testid="wizard-progress" />
          </Stack>
          <Stepper nonLinear activeStep={activeIndex} alternativeLabel sx={{ mb: 3 }}>
            {steps.map((x) => (
              <Step key={x.id} completed={s.completedSteps.includes(x.id)}>
                <StepButton
                  onClick={() => (x.id === current ? undefined : void goTo(x.id))}
                  disabled={!reachable(x.id) && x.id !== current}
                  optional={<Typography variant="caption" color="text.secondary">{s.skippedSteps.includes(x.id) ? 'Skipped' : x.skippable ? 'Optional' : ''}</Typography>}
                  data-testid={`stepper-${x.id}`}
                >
                  {x.title}
                </StepButton>
              </Step>
            ))}
          </Stepper>
          {current === LAUNCH ? (
            <LaunchPage session={s} onLaunched={async () => void (await session.refetch())} />
          ) : step && !statusReady ? (
            <Skeleton height={200} />
          ) : step ? (
            <Page
              key={current}
              step={{ id: step.id, title: step.title, description: step.description, skippable: step.skippable, schema: step.schema }}
              answers={s.answers[step.id] ?? {}}
              status={status.data ?? {}}
              errors={errors}
              save={save}
              next={() => setViewing(null)}
              reload={reload}
              busy={busy}
            />
          ) : null}
          <Stack direction="row" spacing={1} sx={{ mt: 3 }}>
            {previous && s.status !== 'completed' && <Button onClick={() => void goTo(previous.id)} disabled={busy} data-testid="wizard-back">Back</Button>}
            {step?.skippable && s.status !== 'completed' && <Button onClick={() => void skip()} disabled={busy} data-testid="wizard-skip">Skip this step</Button>}
          </Stack>
        </CardContent>
      </Card>
    </Box>
  );
}
