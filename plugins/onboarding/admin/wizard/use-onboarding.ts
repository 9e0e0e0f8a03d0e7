import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { fieldErrorsOf, useWizardApi, WIZARD_API, type SessionView } from './wizard-api.ts';

export const LAUNCH = 'launch';
const SESSION_KEY = ['onboarding', 'wizard-session'];

/**
 * The wizard's state, all from the server: the tenant's session, the step shown (the session's current step, or
 * the one just saved with `stay`), its live status, the field errors of the last refusal, and the actions (save,
 * skip, go to a step reached, reload). A reload or another browser starts from the same session.
 */
export function useOnboarding() {
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

  return { session, status, current, errors, busy, save, skip, goTo, reload, next: () => setViewing(null) };
}
